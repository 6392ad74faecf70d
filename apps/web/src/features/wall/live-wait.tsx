// "Longest waiting now" on a queue panel: ticks each second from the live oldest wait's instant
// (guide 4.2 realtime, issue 12.4), coloured at the group's marks, drawn on a bar with its marks.
// React draws it when the group changes; the page's ticker writes the ticking parts (value, age,
// bar, level) straight into the DOM, so a second re-renders no panel (issue 14 §2).
import type { LiveWait, Threshold } from '@vigie/contract';
import { useRef } from 'react';
import { levelAbove, liveWaitSeconds, LEVEL_COLOUR } from '../../shared/ui/thresholds';
import { useTicking } from './tick';
import type { WallText } from './text';

const TRACK = '#2c3745';

/**
 * Where `seconds` sits on the bar, in % of it: the bar runs to half again the critical mark, so
 * both marks sit well inside it.
 */
const barShare = (seconds: number, marks: Threshold) =>
  Math.min(100, (seconds / Math.max(marks.critical * 1.5, marks.warning * 1.5, 1)) * 100);

const FIGURE_CLASS = 'wall-figure wall-live-wait';

/** Sets `el`'s text unless it reads so already (a write, even of the same text, costs a layout). */
function put(el: Element | null, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}

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
  const root = useRef<HTMLDivElement>(null);
  const value = useRef<HTMLSpanElement>(null);
  const age = useRef<HTMLElement>(null);
  const bar = useRef<SVGRectElement>(null);
  useTicking(
    (now) => {
      const seconds = liveWaitSeconds(liveWait, now);
      const level = seconds === null ? 'ok' : levelAbove(seconds, marks);
      const seenAgo = Math.max(0, (now - Date.parse(liveWait.at)) / 1000);
      // Written only where it changed: most seconds move the value and the age, not the level.
      put(value.current, seconds === null ? '–' : fmt.duration(seconds));
      // How old the figure is; nobody waiting is said in words, not as a 0:00.
      put(
        age.current,
        seconds === null ? wall('nobodyWaiting') : t('seenAgo', { age: fmt.age(seenAgo) }),
      );
      const el = root.current;
      if (el && el.dataset['level'] !== level) {
        el.className = `${FIGURE_CLASS} level-${level}`;
        el.dataset['level'] = level;
        bar.current?.setAttribute('fill', LEVEL_COLOUR[level]);
      }
      const width = seconds === null ? '0' : String(barShare(seconds, marks));
      if (bar.current?.getAttribute('width') !== width) bar.current?.setAttribute('width', width);
    },
    [liveWait, marks, text],
  );
  return (
    <div
      ref={root}
      className={FIGURE_CLASS}
      data-testid="group-live-wait"
      data-oldest-since={liveWait.oldestSince ?? ''}
    >
      <span className="wall-figure-label">{wall('longestWaitNow')}</span>
      <span className="wall-live-wait-row">
        <span ref={value} className="wall-figure-value" data-testid="group-live-wait-value" />
        <small ref={age} data-testid="group-live-wait-age" />
      </span>
      <span className="wall-wait-bar" aria-hidden="true">
        <svg width="100%" height="100%" preserveAspectRatio="none" viewBox="0 0 100 10">
          <rect x="0" y="3" width="100" height="4" rx="2" fill={TRACK} />
          <rect ref={bar} x="0" y="3" width="0" height="4" rx="2" />
        </svg>
        {(['warning', 'critical'] as const).map((kind) => (
          <i
            key={kind}
            className={`wall-wait-mark is-${kind}`}
            data-testid="wait-mark"
            data-kind={kind}
            data-value={marks[kind]}
            style={{ left: `${barShare(marks[kind], marks)}%` }}
          />
        ))}
      </span>
      <span className="wall-figure-sub" data-testid="group-live-wait-sub">
        {wall('maxToday')} <b>{fmt.duration(maxToday)}</b>
      </span>
    </div>
  );
}
