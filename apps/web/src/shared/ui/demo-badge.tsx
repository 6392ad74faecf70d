// Marks a board that runs on the embedded simulator (open, with nothing configured), with the
// shift of its clock when the demo runs a working day at another hour (issue 12 §8).
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useSnapshotSelect } from '../live/snapshot-query';

const selectDemo = (s: { demo: boolean; config: { clockShiftMs: number } }) =>
  s.demo ? s.config.clockShiftMs : null;

/** `+7 h`, `−11 h` (a true minus sign), `+1 h 30` for a shift that is not whole hours. */
export function formatShift(ms: number): string {
  const sign = ms < 0 ? '\u2212' : '+';
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${String(m).padStart(2, '0')}`;
}

export function DemoBadge() {
  const { t } = useTranslation();
  const shiftMs = useSnapshotSelect(selectDemo);
  const { session } = useSession();
  const demoData = shiftMs !== undefined && shiftMs !== null;
  if (!demoData && session?.auth !== 'demo') return null;
  const shift = demoData && shiftMs !== 0 ? formatShift(shiftMs) : null;
  return (
    <span
      className="demo-badge"
      data-testid="demo-badge"
      data-clock-shift-ms={demoData ? shiftMs : undefined}
      title={shift ? t('demoClockTitle', { shift }) : t('demoTitle')}
    >
      {t('demo')}
      {shift && (
        <span className="demo-badge-clock" data-testid="demo-clock-shift">
          <span className="demo-badge-sep"> · </span>
          {t('demoClock', { shift })}
        </span>
      )}
    </span>
  );
}
