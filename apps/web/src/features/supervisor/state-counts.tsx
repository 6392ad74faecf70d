// Counts of operators per state, each with the shared badge (colour, icon and label).
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n';
import { DISPLAY_STATE_ORDER, StateBadge, type DisplayStateCounts } from '../../shared/ui';
import { NS } from './i18n';

export function StateCountsBar({ counts, total }: { counts: DisplayStateCounts; total: number }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  return (
    <section aria-labelledby="sup-counts-h" className="sup-section">
      <h2 id="sup-counts-h">{t('counts.heading')}</h2>
      <ul className="sup-counts" data-testid="state-counts">
        {DISPLAY_STATE_ORDER.map((s) => (
          <li key={s} className="sup-count" data-state={s}>
            <StateBadge state={s} />
            <span className="sup-count-value" data-testid={`count-${s}`}>
              {fmt.number(counts[s])}
            </span>
          </li>
        ))}
        <li className="sup-count sup-count-total">
          <span>{t('counts.total')}</span>
          <span className="sup-count-value">{fmt.number(total)}</span>
        </li>
      </ul>
    </section>
  );
}
