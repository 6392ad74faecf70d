// How many operators are in each state, in the tiles' colours and icons.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n/use-format';
import { StateIcon } from '../../shared/ui/state-icon';
import {
  DISPLAY_STATE_ORDER,
  STATE_PALETTE,
  type DisplayStateCounts,
} from '../../shared/ui/states';

export function StateLegend({ counts }: { counts: DisplayStateCounts }) {
  const { t } = useTranslation('wall');
  const fmt = useFormat();
  return (
    <ul className="wall-legend" data-testid="state-legend" aria-label={t('legend')}>
      {DISPLAY_STATE_ORDER.map((state) => {
        const p = STATE_PALETTE[state];
        return (
          <li key={state} data-state={state} data-count={counts[state]}>
            <span className="wall-legend-chip" style={{ background: p.bg, color: p.fg }}>
              <StateIcon state={state} />
              <span className="wall-legend-count">{fmt.number(counts[state])}</span>
            </span>
            <span className="wall-legend-label">{t(`common:state.${state}`)}</span>
          </li>
        );
      })}
    </ul>
  );
}
