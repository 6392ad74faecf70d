// How many operators are in each state, in the tiles' colours and icons.
import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { StateIcon } from '../../shared/ui/state-icon';
import {
  DISPLAY_STATE_ORDER,
  STATE_PALETTE,
  type DisplayStateCounts,
} from '../../shared/ui/states';
import type { WallText } from './text';

/** Narrowest the legend gets before its words may be cut (its box is fixed, nothing else moves). */
const MIN_SCALE = 0.7;

function StateLegendView({ counts, text }: { counts: DisplayStateCounts; text: WallText }) {
  const ref = useRef<HTMLUListElement>(null);
  // One row whatever the words and counts (French, a 150-seat floor): shrink to fit, before paint.
  const fit = useCallback(() => {
    const ul = ref.current;
    if (!ul) return;
    // Not every length scales with the font (paddings, borders): a few passes settle it.
    let scale = 1;
    ul.style.setProperty('--legend-scale', '1');
    for (let pass = 0; pass < 4 && ul.scrollWidth > ul.clientWidth && scale > MIN_SCALE; pass++) {
      scale = Math.max(MIN_SCALE, scale * (ul.clientWidth / ul.scrollWidth) - 0.01);
      ul.style.setProperty('--legend-scale', String(scale));
    }
  }, []);
  // Reading the widths forces a layout of the whole page inside the commit (a long task on a TV):
  // the counts' figures are tabular, so only a change in their number of characters or in the
  // words can change the width; a new size of the box is the resize observer's.
  const shape = DISPLAY_STATE_ORDER.map((s) => text.fmt.number(counts[s]).length).join(',');
  useLayoutEffect(fit, [fit, shape, text]);
  useEffect(() => {
    const ul = ref.current;
    if (!ul || typeof ResizeObserver === 'undefined') return;
    let width = ul.clientWidth;
    const ro = new ResizeObserver(([entry]) => {
      const w = entry?.contentRect.width ?? width;
      if (Math.abs(w - width) < 1) return;
      width = w;
      fit();
    });
    ro.observe(ul);
    return () => ro.disconnect();
  }, [fit]);
  return (
    <ul
      ref={ref}
      className="wall-legend"
      data-testid="state-legend"
      aria-label={text.wall('legend')}
    >
      {DISPLAY_STATE_ORDER.map((state) => {
        const p = STATE_PALETTE[state];
        return (
          <li key={state} data-state={state} data-count={counts[state]}>
            <span className="wall-legend-chip" style={{ background: p.bg, color: p.fg }}>
              <StateIcon state={state} />
              <span className="wall-legend-count">{text.fmt.number(counts[state])}</span>
            </span>
            <span className="wall-legend-label">{text.wall(`common:state.${state}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The counts are counted afresh for each snapshot: compared by value. */
export const StateLegend = memo(
  StateLegendView,
  (prev, next) =>
    prev.text === next.text && DISPLAY_STATE_ORDER.every((s) => prev.counts[s] === next.counts[s]),
);
