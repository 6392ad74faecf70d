// One summary card per group, each a link to the group's page, coloured by its worst threshold.
import type { BoardConfig, SnapshotGroup } from '@vigie/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../shared/i18n';
import {
  EmptyState,
  groupLevels,
  levelAbove,
  liveWaitSeconds,
  LEVEL_COLOUR,
  useNow,
} from '../../shared/ui';
import type { Level } from '../../shared/ui';
import { NS } from './i18n';

function Figure({
  label,
  value,
  level,
  testId,
  formula,
}: {
  label: string;
  value: string;
  level?: Level;
  testId?: string;
  /** How the figure is made (issue 13 §3), under its label. */
  formula?: string;
}) {
  return (
    <div className="sup-figure" data-level={level ?? 'ok'} data-testid={testId}>
      <dt>{label}</dt>
      <dd style={level && level !== 'ok' ? { color: LEVEL_COLOUR[level] } : undefined}>
        {value}
        {level && level !== 'ok' && (
          <span aria-hidden="true"> {level === 'critical' ? '▲' : '△'}</span>
        )}
        {/* Under the value, so the figures of a card stay on one line. */}
        {formula && (
          <small className="sup-figure-formula" data-testid="group-card-sl-formula">
            {formula}
          </small>
        )}
      </dd>
    </div>
  );
}

/** Issue 12.4: the longest wait now, ticking from the live oldest wait, at the group's marks. */
function LiveWait({ group: g, label }: { group: SnapshotGroup; label: string }) {
  const fmt = useFormat();
  const now = useNow(1000);
  const s = liveWaitSeconds(g.liveWait, now);
  return (
    <Figure
      label={label}
      value={s === null ? '–' : fmt.duration(s)}
      level={s === null ? 'ok' : levelAbove(s, g.gaugeMarks.longestWaitSeconds)}
      testId="group-card-live-wait"
    />
  );
}

export function GroupCards({
  groups,
  thresholds,
}: {
  groups: readonly SnapshotGroup[];
  thresholds: BoardConfig['thresholds'];
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  return (
    <section aria-labelledby="sup-groups-h" className="sup-section">
      <h2 id="sup-groups-h">{t('groups.heading')}</h2>
      {groups.length === 0 ? (
        <EmptyState title={t('groups.empty')} />
      ) : (
        <ul className="sup-groups">
          {groups.map((g) => {
            const levels = groupLevels(g, thresholds);
            const members = Object.values(g.operators).reduce((a, b) => a + b, 0);
            return (
              <li key={g.id}>
                <Link
                  to={`/groups/${g.id}`}
                  className="sup-group"
                  data-testid="group-card"
                  data-group-id={g.id}
                  data-level={levels.overall}
                >
                  <span className="sup-group-name">{g.name}</span>
                  {levels.breach && <span className="sup-breach">{t('groups.breach')}</span>}
                  <dl className="sup-figures">
                    <Figure
                      label={t('groups.waiting')}
                      value={fmt.number(g.waiting)}
                      level={levels.waiting}
                    />
                    {g.liveWait && <LiveWait group={g} label={t('groups.longestWaitNow')} />}
                    <Figure
                      label={t('groups.longestWait')}
                      value={fmt.duration(g.longestWaitSeconds)}
                      level={levels.longestWait}
                    />
                    <Figure
                      label={t('groups.answered')}
                      value={fmt.percent(g.answeredPercent)}
                      level={levels.answered}
                    />
                    <Figure
                      label={t('groups.serviceLevel')}
                      value={
                        g.serviceLevelPercent === null ? '–' : fmt.percent(g.serviceLevelPercent)
                      }
                      level={levels.serviceLevel}
                      formula={t('groups.serviceLevelFormula', {
                        seconds: g.serviceLevel.answeredWithinS,
                      })}
                    />
                    <Figure label={t('groups.lost')} value={fmt.number(g.lost)} />
                  </dl>
                  <span className="sup-group-members">
                    {t('groups.members', {
                      available: fmt.number(g.operators.available),
                      total: fmt.number(members),
                    })}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
