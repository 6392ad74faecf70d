// Operator detail `/operators/:id`: live state (snapshot), current call and vars (REST, polled),
// today's timeline, totals and occupancy (history, polled slower).
import type { HistoryReply, OperatorDetail, SnapshotOperator } from '@vigie/contract';
import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../shared/api';
import { useFormat } from '../../shared/i18n';
import { useSnapshotSelect } from '../../shared/live';
import {
  Age,
  Duration,
  EmptyState,
  ErrorState,
  Skeleton,
  StateBadge,
  displayState,
} from '../../shared/ui';
import { useOperator } from './api/get-operator';
import { useOperatorHistory } from './api/get-operator-history';
import { NS } from './i18n';
import { formatPhoneNumber, phoneHref } from './phone';
import { TimelineChart } from './timeline-chart';
import { eventColour, orderedTotals } from './timeline';
import './operator.css';

const parseId = (raw: string | undefined) =>
  raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;

export default function OperatorPage() {
  const { t } = useTranslation(NS);
  const raw = useParams()['id'];
  const id = parseId(raw);
  return (
    <main className="page op-page" data-testid="operator-page">
      <p className="op-back">
        <Link to="/">← {t('back')}</Link>
      </p>
      {id === null ? <NotFound id={raw ?? ''} /> : <OperatorScreen id={id} />}
    </main>
  );
}

function NotFound({ id }: { id: string | number }) {
  const { t } = useTranslation(NS);
  return (
    <div data-testid="operator-not-found">
      <h1>{t('notFound')}</h1>
      <EmptyState title={t('notFound')}>
        <p>{t('notFoundHint', { id })}</p>
      </EmptyState>
    </div>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `?day=YYYY-MM-DD` shows that whole day (account zone); without it, today so far. */
function useHistoryDay(): [string, (day: string) => void] {
  const [params, setParams] = useSearchParams();
  const [day, setDay] = useState(() => {
    const d = params.get('day') ?? '';
    return DAY.test(d) ? d : '';
  });
  return [
    day,
    (next: string) => {
      setDay(next);
      setParams(next ? { day: next } : {}, { replace: true, preventScrollReset: true });
    },
  ];
}

function OperatorScreen({ id }: { id: number }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const dayInput = useId();
  const [day, setDay] = useHistoryDay();
  const detail = useOperator(id);
  const history = useOperatorHistory(id, DAY.test(day) ? { from: day, to: day } : {});
  const live = useSnapshotSelect((s) => s.operators.find((o) => o.id === id) ?? null);
  // As on the group page, the picker shows the day on screen: today in the account's zone.
  const today = fmt.timeZone ? fmt.dayOf(new Date()) : '';

  if (detail.isPending) {
    return (
      <>
        <h1>{live?.name ?? t('title')}</h1>
        <Skeleton lines={8} />
      </>
    );
  }
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404)
      return <NotFound id={id} />;
    return (
      <>
        <h1>{live?.name ?? t('title')}</h1>
        <ErrorState
          error={detail.error}
          title={t('loadError')}
          message={detail.error.message}
          onRetry={() => void detail.refetch()}
        />
      </>
    );
  }

  const op = detail.data;
  return (
    <>
      <header className="op-header">
        <h1 data-testid="operator-name">{op.name}</h1>
        <Age at={op.fetchedAt} />
      </header>
      <div className="op-grid">
        <LivePanel op={op} live={live ?? null} />
        <CallPanel op={op} />
        <VarsPanel vars={op.vars} />
      </div>
      <section className="op-panel op-wide" aria-labelledby="op-timeline-h">
        <div className="op-timeline-head">
          <h2 id="op-timeline-h">{DAY.test(day) ? fmt.day(day) : t('timeline.heading')}</h2>
          <label htmlFor={dayInput}>{t('timeline.day')}</label>
          <input
            id={dayInput}
            type="date"
            value={day || today}
            max={today || undefined}
            onChange={(e) => setDay(e.target.value === today ? '' : e.target.value)}
            data-testid="history-day"
          />
          {day !== '' && (
            <button type="button" className="button" onClick={() => setDay('')}>
              {t('timeline.today')}
            </button>
          )}
        </div>
        {history.isPending ? (
          <Skeleton lines={5} label={t('timeline.heading')} />
        ) : history.isError ? (
          <ErrorState
            error={history.error}
            title={t('timeline.loadError')}
            message={history.error.message}
            onRetry={() => void history.refetch()}
          />
        ) : (
          <>
            <TimelineChart history={history.data} />
            <Totals history={history.data} />
          </>
        )}
      </section>
    </>
  );
}

function LivePanel({ op, live }: { op: OperatorDetail; live: SnapshotOperator | null }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  // The snapshot is pushed on every poll, so it is fresher than the detail's few-second cache.
  const state = live?.state ?? op.state;
  // guide 3.5: in a call, dt_answer starts both "time in state" and the call's duration, so the
  // two figures side by side agree (the status history dates a call from its first ring).
  const answeredAt =
    state === 'connected' && op.state === 'connected' ? (op.currentCall?.answeredAt ?? null) : null;
  const since = answeredAt ?? (live ? live.stateSince : op.stateSince);
  const precision = answeredAt ? 'exact' : (live?.stateSincePrecision ?? op.stateSincePrecision);
  const breakName = live ? live.breakName : op.breakName;
  const loggedIn = live ? live.loggedInSince : op.loggedInSince;
  return (
    <section className="op-panel" aria-labelledby="op-live-h" data-testid="operator-live">
      <h2 id="op-live-h">{t('live.heading')}</h2>
      <dl className="op-dl">
        <dt>{t('live.state')}</dt>
        <dd>
          <StateBadge state={displayState({ state, breakName, loggedInSince: loggedIn })} />
        </dd>
        <dt>{t('live.timeInState')}</dt>
        <dd
          className="op-big"
          data-testid="time-in-state"
          title={
            precision === 'lower-bound'
              ? t('live.lowerBound')
              : precision === 'poll'
                ? t('live.approx')
                : undefined
          }
        >
          <Duration since={since} lowerBound={precision === 'lower-bound'} />
        </dd>
        <dt>{t('live.break')}</dt>
        <dd>{breakName ?? t('live.noBreak')}</dd>
        <dt>{t('live.loggedInSince')}</dt>
        <dd>{loggedIn ? fmt.time(new Date(loggedIn)) : t('live.notLoggedIn')}</dd>
        <dt>{t('groups.heading')}</dt>
        <dd data-testid="operator-groups">
          {op.groups.length === 0
            ? t('groups.empty')
            : op.groups.map((g, i) => (
                <span key={g.id}>
                  {i > 0 && ', '}
                  <Link to={`/groups/${g.id}`}>{g.name}</Link>
                </span>
              ))}
        </dd>
      </dl>
    </section>
  );
}

function Phone({ raw, fallback }: { raw: string | null; fallback: string }) {
  const formatted = formatPhoneNumber(raw);
  const href = phoneHref(raw);
  if (formatted === null) return <>{fallback}</>;
  return href ? (
    <a className="op-phone" href={href}>
      {formatted}
    </a>
  ) : (
    <span className="op-phone">{formatted}</span>
  );
}

function CallPanel({ op }: { op: OperatorDetail }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const call = op.currentCall;
  return (
    <section className="op-panel" aria-labelledby="op-call-h" data-testid="current-call">
      <h2 id="op-call-h">{t('call.heading')}</h2>
      {call === null ? (
        <EmptyState title={t('call.none')} />
      ) : (
        <dl className="op-dl">
          <dt>{t('call.caller')}</dt>
          <dd className="op-big" data-testid="caller-number">
            <Phone raw={call.callerNumber} fallback={t('call.hidden')} />
          </dd>
          <dt>{t('call.service')}</dt>
          <dd data-testid="service-number">
            <Phone raw={call.serviceNumber} fallback="–" />
          </dd>
          <dt>{t('call.start')}</dt>
          <dd>{call.answeredAt ? fmt.time(new Date(call.answeredAt), true) : '–'}</dd>
          <dt>{t('call.duration')}</dt>
          <dd className="op-big" data-testid="call-duration">
            <Duration since={call.answeredAt} />
          </dd>
          <dt>{t('call.group')}</dt>
          <dd>
            {call.groupId !== null ? (
              <Link to={`/groups/${call.groupId}`}>{call.groupName ?? `#${call.groupId}`}</Link>
            ) : (
              (call.groupName ?? t('call.noGroup'))
            )}
          </dd>
        </dl>
      )}
    </section>
  );
}

function VarsPanel({ vars }: { vars: Record<string, string> }) {
  const { t } = useTranslation(NS);
  const entries = Object.entries(vars).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="op-panel" aria-labelledby="op-vars-h" data-testid="service-vars">
      <h2 id="op-vars-h">{t('vars.heading')}</h2>
      {entries.length === 0 ? (
        <EmptyState title={t('vars.empty')} />
      ) : (
        <dl className="op-dl">
          {entries.map(([k, v]) => (
            <div key={k} className="op-dl-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function Totals({ history }: { history: HistoryReply }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const lines = orderedTotals(history.totals);
  return (
    <div className="op-totals">
      <table className="op-table" data-testid="totals">
        <caption>{t('totals.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('totals.type')}</th>
            <th scope="col" className="op-num">
              {t('totals.count')}
            </th>
            <th scope="col" className="op-num">
              {t('totals.time')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.type}>
              <th scope="row">
                <span
                  className="op-swatch"
                  style={{ background: eventColour(l.type) }}
                  aria-hidden="true"
                />
                {t(`types.${l.type}`, { defaultValue: l.type })}
              </th>
              <td className="op-num">{fmt.number(l.count)}</td>
              <td className="op-num">{fmt.duration(l.seconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="op-occupancy" data-testid="occupancy" title={t('totals.occupancyHint')}>
        <span className="op-occupancy-label">{t('totals.occupancy')}</span>
        <span className="op-occupancy-value">
          {history.occupancyPercent === null
            ? t('totals.noOccupancy')
            : fmt.percent(history.occupancyPercent)}
        </span>
        <span className="op-occupancy-hint">{t('totals.occupancyHint')}</span>
        <Age at={history.fetchedAt} />
      </div>
    </div>
  );
}
