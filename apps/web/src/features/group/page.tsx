// Group detail `/groups/:id`: live figures from the snapshot, the day's trend from the BFF.
import type { Snapshot, SnapshotGroup } from '@vigie/contract';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, isForbidden } from '../../shared/api';
import { useFormat } from '../../shared/i18n';
import { useSnapshot } from '../../shared/live';
import {
  Age,
  countByDisplayState,
  DEFAULT_THRESHOLDS,
  DISPLAY_STATE_ORDER,
  EmptyState,
  ErrorState,
  groupLevels,
  LEVEL_COLOUR,
  NotAllowedState,
  Skeleton,
  StateBadge,
} from '../../shared/ui';
import type { Level } from '../../shared/ui';
import { useGroupTrend } from './api/get-group-trend';
import { CoverageSection } from './coverage-section';
import { NS } from './i18n';
import { StaffingFigures } from './staffing-figures';
import { TrendCharts } from './trend-charts';
import './group.css';

const parseId = (raw: string | undefined) =>
  raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;

export default function GroupPage() {
  const { t } = useTranslation(NS);
  const raw = useParams()['id'];
  const id = parseId(raw);
  return (
    <main className="page grp-page" data-testid="group-page">
      <p className="grp-back">
        <Link to="/">← {t('back')}</Link>
      </p>
      {id === null ? <NotFound id={raw ?? ''} /> : <GroupScreen id={id} />}
    </main>
  );
}

function NotFound({ id }: { id: string | number }) {
  const { t } = useTranslation(NS);
  return (
    <div data-testid="group-not-found">
      <h1>{t('notFound')}</h1>
      <EmptyState title={t('notFound')}>
        <p>{t('notFoundHint', { id })}</p>
      </EmptyState>
    </div>
  );
}

function GroupScreen({ id }: { id: number }) {
  const { t } = useTranslation(NS);
  const snapshot = useSnapshot();
  const trend = useGroupTrend(id);
  const group = snapshot?.groups.find((g) => g.id === id);
  const thresholds = snapshot?.config.thresholds ?? DEFAULT_THRESHOLDS;

  const trendMissing = trend.error instanceof ApiError && trend.error.status === 404;
  if (isForbidden(trend.error)) return <NotAllowedState />;
  if (snapshot !== undefined && group === undefined && (trendMissing || trend.isError)) {
    return <NotFound id={id} />;
  }
  const name = group?.name ?? trend.data?.name ?? t('title');

  return (
    <>
      <header className="grp-header">
        <h1 data-testid="group-name">{name}</h1>
        {snapshot && <Age at={snapshot.upstream.sources.groups.lastSuccessAt} />}
      </header>
      {snapshot === undefined ? (
        <Skeleton lines={4} />
      ) : group === undefined ? (
        <EmptyState title={t('live.noLive')} />
      ) : (
        <>
          <LiveFigures group={group} snapshot={snapshot} />
          <StaffingFigures group={group} />
        </>
      )}
      <section className="grp-panel" aria-labelledby="grp-trend-h">
        <h2 id="grp-trend-h">{t('trend.heading')}</h2>
        {trend.isPending ? (
          <Skeleton lines={6} label={t('trend.heading')} />
        ) : trend.isError ? (
          <ErrorState
            error={trend.error}
            title={t('trend.loadError')}
            message={trend.error.message}
            onRetry={() => void trend.refetch()}
          />
        ) : (
          <TrendCharts trend={trend.data} thresholds={thresholds} />
        )}
      </section>
      <CoverageSection id={id} />
    </>
  );
}

function Figure({
  label,
  value,
  level,
  hint,
  testId,
}: {
  label: string;
  value: string;
  level?: Level;
  hint?: string;
  testId?: string;
}) {
  const bad = level !== undefined && level !== 'ok';
  return (
    <div className="grp-figure" data-level={level ?? 'ok'} data-testid={testId}>
      <dt>{label}</dt>
      <dd style={bad ? { color: LEVEL_COLOUR[level] } : undefined}>
        {value}
        {bad && <span aria-hidden="true"> {level === 'critical' ? '▲' : '△'}</span>}
      </dd>
      {hint && <span className="grp-hint">{hint}</span>}
    </div>
  );
}

function LiveFigures({ group: g, snapshot }: { group: SnapshotGroup; snapshot: Snapshot }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const levels = groupLevels(g, snapshot.config.thresholds);
  // From the operators rather than the group's own counts, so logged-out members stand apart.
  const members = countByDisplayState(snapshot.operators.filter((o) => o.groups.includes(g.id)));
  return (
    <section
      className="grp-panel"
      aria-labelledby="grp-live-h"
      data-testid="group-live"
      data-level={levels.overall}
    >
      <h2 id="grp-live-h">
        {t('live.heading')}
        {levels.breach && <span className="grp-breach">{t('live.breach')}</span>}
      </h2>
      <dl className="grp-figures">
        <Figure
          label={t('live.waiting')}
          value={fmt.number(g.waiting)}
          level={levels.waiting}
          testId="group-waiting"
        />
        <Figure
          label={t('live.longestWait')}
          value={fmt.duration(g.longestWaitSeconds)}
          level={levels.longestWait}
        />
        <Figure label={t('live.inConversation')} value={fmt.number(g.inConversation)} />
        <Figure label={t('live.calls')} value={fmt.number(g.calls)} />
        <Figure
          label={t('live.answered')}
          value={fmt.percent(g.answeredPercent)}
          level={levels.answered}
        />
        <Figure
          label={t('live.serviceLevel')}
          value={g.serviceLevelPercent === null ? '–' : fmt.percent(g.serviceLevelPercent)}
          level={levels.serviceLevel}
          hint={t('live.serviceLevelHint', {
            seconds: g.serviceLevel.answeredWithinS,
          })}
        />
        <Figure label={t('live.lost')} value={fmt.number(g.lost)} />
        <Figure label={t('live.escalated')} value={fmt.number(g.escalated)} />
        <Figure label={t('live.averageWait')} value={fmt.duration(g.averageWaitSeconds)} />
        <Figure label={t('live.averageTalk')} value={fmt.duration(g.averageTalkSeconds)} />
      </dl>
      <div className="grp-row">
        <div>
          <h3>{t('live.buckets')}</h3>
          <dl className="grp-buckets">
            <Figure label={t('live.under1m')} value={fmt.number(g.waitingUnder1m)} />
            <Figure label={t('live.from1to3m')} value={fmt.number(g.waiting1to3m)} />
            <Figure label={t('live.over3m')} value={fmt.number(g.waitingOver3m)} />
          </dl>
        </div>
        <div>
          <h3>{t('live.operators')}</h3>
          <ul className="grp-states">
            {DISPLAY_STATE_ORDER.map((s) => (
              <li key={s}>
                <StateBadge state={s} /> <strong>{fmt.number(members[s])}</strong>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
