// The supervisor's alerts: the active ones from the snapshot with their ticking age, and the day's
// raised/cleared history from /api/alerts (collapsible, asked again whenever the active set changes).
import type { Acknowledgement, Alert, AlertEvent, AlertSubject } from '@vigie/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ALERTS_NS,
  AlertIcon,
  sortAlerts,
  useAcks,
  useAlertMessage,
  useAlertSubject,
} from '../../shared/alerts';
import { useFormat } from '../../shared/i18n';
import { Duration, EmptyState, ErrorState, Skeleton } from '../../shared/ui';
import { useSession } from '../../shared/auth/session';
import { useSnapshotSelect } from '../../shared/live';
import { boardNow } from '../../shared/ui/use-now';
import { useAcknowledge, useUnacknowledge } from './api/acks';
import { useAlertHistory } from './api/get-alerts';
import { NS } from './i18n';

function subjectPath(s: AlertSubject): string | null {
  if (s.kind === 'group') return `/groups/${encodeURIComponent(s.id)}`;
  if (s.kind === 'operator') return `/operators/${encodeURIComponent(s.id)}`;
  return null;
}

function Severity({ alert }: { alert: Alert }) {
  const { t } = useTranslation(ALERTS_NS);
  return (
    <span className={`sup-severity is-${alert.severity}`}>
      <AlertIcon severity={alert.severity} />
      {t(`severity.${alert.severity}`)}
    </span>
  );
}

/** The subject's page, named as on the board; upstream sources have no page. */
function SubjectLink({ alert, label }: { alert: Alert; label: string }) {
  const { t } = useTranslation(NS);
  const path = subjectPath(alert.subject);
  if (!path) return <span>{label}</span>;
  return (
    <Link to={path} aria-label={t('alerts.open', { name: label })} data-testid="alert-subject">
      {label}
    </Link>
  );
}

export function AlertsPanel({ alerts }: { alerts: readonly Alert[] }) {
  const { t } = useTranslation(NS);
  const message = useAlertMessage();
  const subject = useAlertSubject();
  const sorted = useMemo(() => sortAlerts(alerts), [alerts]);
  const acks = useAcks();
  const { principal } = useSession();
  const canAck = principal?.role === 'supervisor';
  return (
    <section aria-labelledby="sup-alerts-h" className="sup-section" data-testid="alerts-panel">
      <h2 id="sup-alerts-h">
        {t('alerts.heading')}{' '}
        <span className="sup-alerts-count" data-testid="alerts-count">
          {sorted.length}
        </span>
      </h2>
      {sorted.length === 0 ? (
        <EmptyState title={t('alerts.none')} />
      ) : (
        // No inner scroll box: every active alert is on the page itself (issue 12.3).
        <div className="sup-table-wrap sup-alerts-wrap" data-testid="alerts-table">
          <table className="sup-table sup-alerts">
            <caption className="visually-hidden">{t('alerts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts.severity')}</th>
                <th scope="col">{t('alerts.alert')}</th>
                <th scope="col">{t('alerts.subject')}</th>
                <th scope="col">{t('alerts.age')}</th>
                <th scope="col">{t('alerts.ack.column')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => {
                return (
                  <tr
                    key={a.id}
                    data-testid="alert-row"
                    data-alert-id={a.id}
                    data-kind={a.kind}
                    data-subject={`${a.subject.kind}:${a.subject.id}`}
                    data-severity={a.severity}
                    data-acked={acks.has(a.id) ? 'yes' : 'no'}
                  >
                    <td>
                      <Severity alert={a} />
                    </td>
                    <td>{message(a)}</td>
                    <td>
                      <SubjectLink alert={a} label={subject(a)} />
                    </td>
                    <td className="sup-num" title={a.since}>
                      <Duration since={a.since} />
                    </td>
                    <td>
                      <AckCell alert={a} ack={acks.get(a.id)} canAck={canAck} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <AlertHistory activeKey={sorted.map((a) => a.id).join(',')} />
    </section>
  );
}

/** "HH:MM" as the next such instant on the board's clock (today, or tomorrow once past). */
function nextAt(hhmm: string): string | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return undefined;
  // On the board's clock (the demo's working day), which the BFF checks the snooze against.
  const d = new Date(boardNow());
  d.setHours(Number(m[1]), Number(m[2]), 0, 0);
  let at = d.getTime();
  if (at <= boardNow()) at += 24 * 3600_000;
  return new Date(at).toISOString();
}

/** Who acknowledged it and when, or the button and its small form (a note, a snooze). */
function AckCell({
  alert,
  ack,
  canAck,
}: {
  alert: Alert;
  ack: Acknowledgement | undefined;
  canAck: boolean;
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const demo = useSnapshotSelect((s) => s.demo) ?? false;
  const { principal } = useSession();
  const actor =
    !principal || principal.kind === 'open' ? (demo ? 'demo' : 'anonymous') : principal.name;
  const acknowledge = useAcknowledge();
  const withdraw = useUnacknowledge();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  if (ack)
    return (
      <div className="sup-ack" data-testid="alert-ack">
        <span className="sup-ack-by">
          {t('alerts.ack.by', { name: ack.by, time: fmt.time(new Date(ack.at)) })}
          {ack.until && (
            <> · {t('alerts.ack.untilTime', { time: fmt.time(new Date(ack.until)) })}</>
          )}
        </span>
        {ack.note && <span className="sup-ack-note">{ack.note}</span>}
        {canAck && (
          <button
            type="button"
            className="sup-ack-withdraw"
            onClick={() => withdraw.mutate(alert.id)}
            disabled={withdraw.isPending}
          >
            {t('alerts.ack.withdraw')}
          </button>
        )}
      </div>
    );
  if (!canAck) return <span className="sup-ack-none">—</span>;
  if (!open)
    return (
      <button type="button" data-testid="ack-button" onClick={() => setOpen(true)}>
        {t('alerts.ack.button')}
      </button>
    );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const at = until ? nextAt(until) : undefined;
    acknowledge.mutate(
      {
        id: alert.id,
        body: { ...(note.trim() ? { note: note.trim() } : {}), ...(at ? { until: at } : {}) },
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <form className="sup-ack-form" onSubmit={onSubmit} data-testid="ack-form">
      <label>
        <span>{t('alerts.ack.note')}</span>
        <input name="note" maxLength={280} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        <span>{t('alerts.ack.until')}</span>
        <input name="until" type="time" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <div className="sup-ack-actions">
        <button type="submit" disabled={acknowledge.isPending} data-testid="ack-confirm">
          {t('alerts.ack.confirm')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('alerts.ack.cancel')}
        </button>
        <small>{t('alerts.ack.as', { name: actor })}</small>
      </div>
      {acknowledge.error && (
        <p className="sup-ack-error" role="alert">
          {acknowledge.error.message}
        </p>
      )}
    </form>
  );
}

function AlertHistory({ activeKey }: { activeKey: string }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const message = useAlertMessage();
  const history = useAlertHistory();
  const queryClient = useQueryClient();
  // A raise or a clear on the board is a new line in the history: ask for it now.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['alerts', 'history'] });
  }, [activeKey, queryClient]);

  // Keyed on the reply itself: a fresh `?? []` each render would re-sort on every render.
  const events = history.data?.events;
  const newestFirst = useMemo(
    (): readonly AlertEvent[] =>
      [...(events ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
    [events],
  );
  return (
    <details className="sup-history" data-testid="alert-history">
      <summary>
        {t('alerts.history')}
        {history.data && (
          <span className="sup-history-count"> ({fmt.number(newestFirst.length)})</span>
        )}
      </summary>
      {history.isPending ? (
        <Skeleton lines={3} label={t('alerts.history')} />
      ) : history.isError ? (
        <ErrorState
          error={history.error}
          title={t('alerts.historyError')}
          message={history.error.message}
          onRetry={() => void history.refetch()}
        />
      ) : newestFirst.length === 0 ? (
        <EmptyState title={t('alerts.historyEmpty')} />
      ) : (
        <ol className="sup-history-list">
          {newestFirst.map((e) => (
            <li
              key={`${e.alert.id}|${e.type}|${e.at}`}
              data-testid="alert-event"
              data-type={e.type}
              data-alert-id={e.alert.id}
            >
              <time dateTime={e.at} className="sup-num">
                {fmt.time(new Date(e.at), true)}
              </time>
              <span className={`sup-event is-${e.type}`}>{t(`alerts.${e.type}`)}</span>
              <Severity alert={e.alert} />
              <span>{message(e.alert)}</span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
