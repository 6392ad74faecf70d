// How many operators are in each state, in the tiles' colours and icons.
import { memo } from 'react';
import { StateIcon } from '../../shared/ui/state-icon';
import {
  DISPLAY_STATE_ORDER,
  STATE_PALETTE,
  type DisplayStateCounts,
} from '../../shared/ui/states';
import type { WallText } from './text';

function StateLegendView({ counts, text }: { counts: DisplayStateCounts; text: WallText }) {
  return (
    <ul className="wall-legend" data-testid="state-legend" aria-label={text.wall('legend')}>
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
