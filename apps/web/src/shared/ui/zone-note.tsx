// Names the account's time zone once on the page, only where the browser's clock differs from it:
// every time shown is the account's (issue 12.5), so a supervisor abroad knows which clock it is.
import { useTranslation } from 'react-i18next';
import { formatOffset, zoneOffsetMinutes } from '../i18n/format';
import { useAccountZone } from '../live/snapshot-query';
import { useNow } from './use-now';

/** Offsets compared now (not names): Paris and Berlin read the same clock, no note needed. */
function zoneDiffers(zone: string, now: Date): boolean {
  return zoneOffsetMinutes(zone, now) !== zoneOffsetMinutes(undefined, now);
}

export function ZoneNote({ className, short = false }: { className?: string; short?: boolean }) {
  const { t } = useTranslation();
  const zone = useAccountZone();
  // The offset can change at a DST switch: re-checked every minute.
  const now = new Date(useNow(60_000));
  if (!zone || !zoneDiffers(zone, now)) return null;
  const offset = formatOffset(zoneOffsetMinutes(zone, now));
  const browser = formatOffset(zoneOffsetMinutes(undefined, now));
  return (
    <span
      className={className ? `zone-note ${className}` : 'zone-note'}
      data-testid="zone-note"
      title={`${t('zone.note', { zone, offset })}. ${t('zone.title', { browser })}`}
    >
      {t(short ? 'zone.short' : 'zone.note', { zone, offset })}
    </span>
  );
}
