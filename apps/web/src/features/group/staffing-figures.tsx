// The group's staffing need by Erlang C: needed, staffed, predicted service level, and the sample
// it rests on; a missing figure says why, never a made-up number.
import type { SnapshotGroup } from '@vigie/contract';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n';
import { STAFFING_NS, staffingView } from '../../shared/staffing';
import { LEVEL_COLOUR } from '../../shared/ui';
import { NS } from './i18n';

export function StaffingFigures({ group }: { group: SnapshotGroup }) {
  const { t } = useTranslation(NS);
  const { t: ts } = useTranslation(STAFFING_NS);
  const fmt = useFormat();
  const s = group.staffing;
  const view = staffingView(s);
  if (!s || !view) return null;
  const short = view.short > 0;
  const reason = view.reason ? ts(`reason.${view.reason}`) : null;
  return (
    <section
      className="grp-panel"
      aria-labelledby="grp-staffing-h"
      data-testid="group-staffing"
      data-level={short ? 'warning' : 'ok'}
      data-short={short ? 'true' : 'false'}
      data-reason={view.reason ?? 'none'}
    >
      <h2 id="grp-staffing-h">
        {t('staffing.heading')}
        {short && (
          <span className="grp-short" data-testid="staffing-short">
            {t('staffing.short', { count: view.short })}
          </span>
        )}
      </h2>
      <p className="grp-staffing-summary" data-testid="staffing-summary">
        {ts('figures', {
          needed: view.needed === null ? '–' : fmt.number(view.needed),
          staffed: fmt.number(view.staffed),
        })}
        {view.needed === null && reason && <span className="grp-hint"> · {reason}</span>}
      </p>
      <dl className="grp-figures">
        <div className="grp-figure">
          <dt>{t('staffing.needed')}</dt>
          <dd style={short ? { color: LEVEL_COLOUR.warning } : undefined}>
            {view.needed === null ? '–' : fmt.number(view.needed)}
          </dd>
          {view.needed === null && reason && <span className="grp-hint">{reason}</span>}
        </div>
        <div className="grp-figure">
          <dt>{t('staffing.staffed')}</dt>
          <dd>{fmt.number(view.staffed)}</dd>
          <span className="grp-hint">{t('staffing.staffedHint')}</span>
        </div>
        <div className="grp-figure">
          <dt>{t('staffing.predicted')}</dt>
          <dd>
            {s.predictedServiceLevelPercent === null
              ? '–'
              : fmt.percent(s.predictedServiceLevelPercent)}
          </dd>
          <span className="grp-hint">
            {s.predictedServiceLevelPercent === null && reason
              ? reason
              : t('staffing.predictedHint')}
          </span>
        </div>
        <div className="grp-figure">
          <dt>{t('staffing.arrivals')}</dt>
          <dd>{s.arrivalsPerHour === null ? '–' : fmt.number(s.arrivalsPerHour, 1)}</dd>
        </div>
        <div className="grp-figure">
          <dt>{t('staffing.handle')}</dt>
          <dd>{s.handleSeconds === null ? '–' : fmt.duration(s.handleSeconds)}</dd>
        </div>
      </dl>
      <p className="grp-step" data-testid="staffing-basis">
        {t('staffing.basis', {
          // Just after a start the window is a fraction of a minute: say so rather than "0".
          minutes: fmt.number(s.basis.windowMinutes, s.basis.windowMinutes < 10 ? 1 : 0),
          arrivals: fmt.number(s.basis.arrivals),
          // Plural by i18next: "1 call", "2 calls" (French: "0 appel", "1 appel", "2 appels").
          count: s.basis.arrivals,
        })}
      </p>
    </section>
  );
}
