// Activity `/activity` (issue 13): the audit of every settings change, newest first, a page at a
// time, each with a readable before→after of the fields that changed. Supervisors only.
import type { AuditEntry, Snapshot } from '@vigie/contract';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/i18n';
import { useSnapshotSelect } from '../../shared/live';
import { EmptyState, ErrorState, Skeleton } from '../../shared/ui';
import { useActivity } from './api/get-activity';
import { changesOf } from './diff';
import { NS } from './i18n';
import './activity.css';

/** Fields whose values are choices with words of their own (i18n `values`). */
const WORDED = new Set(['density', 'theme', 'loggedOut', 'panels', 'severity']);

const selectGroupNames = (s: Snapshot) => Object.fromEntries(s.groups.map((g) => [g.id, g.name]));

export default function ActivityPage() {
  const { t } = useTranslation(NS);
  const activity = useActivity();
  const entries = activity.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <main className="page ac-page" data-testid="activity-page">
      <h1>{t('title')}</h1>
      <p className="ac-intro">{t('intro')}</p>
      {activity.isPending ? (
        <Skeleton lines={6} />
      ) : activity.isError ? (
        <ErrorState
          title={t('error')}
          message={activity.error.message}
          error={activity.error}
          onRetry={() => void activity.refetch()}
        />
      ) : entries.length === 0 ? (
        <EmptyState title={t('empty')} />
      ) : (
        <>
          <ol className="ac-list" data-testid="activity-list">
            {entries.map((e) => (
              <Entry key={e.seq} entry={e} />
            ))}
          </ol>
          {activity.hasNextPage ? (
            <button
              type="button"
              className="button"
              data-testid="activity-older"
              disabled={activity.isFetchingNextPage}
              onClick={() => void activity.fetchNextPage()}
            >
              {activity.isFetchingNextPage ? t('loadingOlder') : t('older')}
            </button>
          ) : (
            <p className="ac-end">{t('end')}</p>
          )}
        </>
      )}
    </main>
  );
}

function Entry({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const groupNames = useSnapshotSelect(selectGroupNames) ?? {};
  const changes = changesOf(entry.before, entry.after);

  // A group by its name, a choice by its words (t's defaultValue: any other value as it is).
  const one = (field: string, x: unknown): string => {
    if (field === 'groups') return groupNames[x as number] ?? `#${String(x)}`;
    if (!WORDED.has(field)) return String(x);
    return t(`values.${field}.${String(x)}`, { defaultValue: String(x) });
  };
  const show = (field: string, v: unknown): string => {
    if (v === undefined || v === null) return t('none');
    if (typeof v === 'boolean') return v ? t('yes') : t('no');
    // A board's groups empty: every group (contract BoardFieldsSchema).
    if (Array.isArray(v) && v.length === 0 && field === 'groups') return t('allGroups');
    if (Array.isArray(v))
      return v.length === 0 ? t('none') : v.map((x) => one(field, x)).join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return one(field, v);
  };
  const label = (field: string) =>
    field === '' ? '' : t(`fields.${field}`, { defaultValue: field });

  return (
    <li
      className={`ac-entry ac-${entry.action}`}
      data-testid="activity-entry"
      data-kind={entry.kind}
      data-id={entry.id}
    >
      <p className="ac-what">
        <time dateTime={entry.at}>{fmt.dateTime(new Date(entry.at))}</time>{' '}
        <span>
          {t('entry', {
            who: entry.actor,
            action: t(`action.${entry.action}`),
            kind: t(`kind.${entry.kind}`),
            id: entry.id,
          })}
        </span>
      </p>
      {changes.length === 0 ? (
        <p className="ac-none">{t('noChange')}</p>
      ) : (
        <table className="ac-diff">
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('before')}</th>
              <th scope="col">{t('after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.field}>
                <th scope="row">{label(c.field)}</th>
                <td className="ac-before">{show(c.field, c.before)}</td>
                <td className="ac-after">{show(c.field, c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
