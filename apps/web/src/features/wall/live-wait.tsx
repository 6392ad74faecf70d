// "Longest waiting now" on a queue panel: ticks each second from the live oldest wait's instant
// (guide 4.2 realtime, issue 12.4), coloured at the group's marks, drawn on a bar with its marks.
import type { LiveWait, Threshold } from '@vigie/contract';
import { levelAbove, liveWaitSeconds, LEVEL_COLOUR } from '../../shared/ui/thresholds';
import { useNow } from '../../shared/ui/use-now';
import type { WallText } from './text';

const TRACK = '#2c3745';

/** The bar runs to half again the critical mark, so both marks sit well inside it. */
const scaleOf = (marks: Threshold) => Math.max(marks.critical * 1.5, marks.warning * 1.5, 1);

export function LiveWaitFigure({
  liveWait,
  marks,
  maxToday,
  text,
}: {
  liveWait: LiveWait;
  marks: Threshold;
  /** `tps_max_attente`, the day's maximum, now secondary. */
  maxToday: number;
  text: WallText;
}) {
  const { wall, fmt, t } = text;
  const now = useNow(1000);
  const seconds = liveWaitSeconds(liveWait, now);
  const level = seconds === null ? 'ok' : levelAbove(seconds, marks);
  const scale = scaleOf(marks);
  const at = (s: number) => `${Math.min(100, (s / scale) * 100)}%`;
  const seenAgo = Math.max(0, (now - Date.parse(liveWait.at)) / 1000);
  return (
    <div
      className={`wall-figure wall-live-wait level-${level}`}
      data-testid="group-live-wait"
      data-level={level}
      data-oldest-since={liveWait.oldestSince ?? ''}
    >
      <span className="wall-figure-label">{wall('longestWaitNow')}</span>
      <span className="wall-live-wait-row">
        <span className="wall-figure-value" data-testid="group-live-wait-value">
          {seconds === null ? '–' : fmt.duration(seconds)}
        </span>
        {/* How old the figure is; nobody waiting is said in words, not as a 0:00. */}
        <small data-testid="group-live-wait-age">
          {seconds === null ? wall('nobodyWaiting') : t('seenAgo', { age: fmt.age(seenAgo) })}
        </small>
      </span>
      <span className="wall-wait-bar" aria-hidden="true">
        <svg width="100%" height="100%" preserveAspectRatio="none" viewBox="0 0 100 10">
          <rect x="0" y="3" width="100" height="4" rx="2" fill={TRACK} />
          {seconds !== null && (
            <rect
              x="0"
              y="3"
              width={Math.min(100, (seconds / scale) * 100)}
              height="4"
              rx="2"
              fill={LEVEL_COLOUR[level]}
            />
          )}
        </svg>
        {(['warning', 'critical'] as const).map((kind) => (
          <i
            key={kind}
            className={`wall-wait-mark is-${kind}`}
            data-testid="wait-mark"
            data-kind={kind}
            data-value={marks[kind]}
            style={{ left: at(marks[kind]) }}
          />
        ))}
      </span>
      <span className="wall-figure-sub" data-testid="group-live-wait-sub">
        {wall('maxToday')} <b>{fmt.duration(maxToday)}</b>
      </span>
    </div>
  );
}
