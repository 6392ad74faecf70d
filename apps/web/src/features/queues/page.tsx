// Queues `/settings/queues` (issue 13 §3): each queue's service level (answered within, abandoned
// within, target) and thresholds, where each value comes from, edited and reset by supervisors.
import {
  QUEUE_FIELDS,
  type QueueField,
  type QueuePutBody,
  type QueueRow,
  type QueueSettingsFields,
} from '@vigie/contract';
import { thresholdOrderProblem } from '@vigie/contract/thresholds';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { useSession } from '../../shared/auth/session';
import { useFormat } from '../../shared/i18n';
import { EmptyState, ErrorState, Skeleton } from '../../shared/ui/placeholders';
import { useQueueChange, useQueues } from './api';
import { NS } from './i18n';
import './queues.css';

type PairField = 'waiting' | 'longestWaitS' | 'answeredPct' | 'serviceLevelPct';
type OneField = Exclude<QueueField, PairField>;
const PAIRS: readonly PairField[] = ['waiting', 'longestWaitS', 'answeredPct', 'serviceLevelPct'];
const isPair = (f: QueueField): f is PairField => (PAIRS as readonly string[]).includes(f);

/** The snapshot figure each threshold colours (the order rule is the BFF's and THRESHOLD_*'s). */
const FIGURE = {
  waiting: 'waiting',
  longestWaitS: 'longestWaitSeconds',
  answeredPct: 'answeredPercent',
  serviceLevelPct: 'serviceLevelPercent',
} as const;
const RANGE: Record<OneField, [number, number]> = {
  answeredWithinS: [1, 3600],
  abandonedWithinS: [0, 3600],
  targetPct: [1, 99],
};
const PAIR_MAX: Record<PairField, number> = {
  waiting: 10000,
  longestWaitS: 86400,
  answeredPct: 100,
  serviceLevelPct: 100,
};

/** What the inputs hold: text, so a half-typed value is not lost. */
type Draft = Record<OneField, string> & Record<PairField, [string, string]>;

function draftOf(row: QueueRow): Draft {
  const f = row.fields;
  const pair = (p: PairField): [string, string] => [String(f[p].value[0]), String(f[p].value[1])];
  return {
    answeredWithinS: String(f.answeredWithinS.value),
    abandonedWithinS: String(f.abandonedWithinS.value),
    targetPct: String(f.targetPct.value),
    waiting: pair('waiting'),
    longestWaitS: pair('longestWaitS'),
    answeredPct: pair('answeredPct'),
    serviceLevelPct: pair('serviceLevelPct'),
  };
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));

/**
 * The body of a save: the fields already set in the UI and those edited now (a default left alone
 * keeps following the server's setting); null when a value is not valid, with why per field.
 */
function bodyOf(
  row: QueueRow,
  draft: Draft,
  initial: Draft,
  mustBeWhole: (min: number, max: number) => string,
): { body: QueueSettingsFields | null; problems: Partial<Record<QueueField, string>> } {
  const body: QueueSettingsFields = {};
  const problems: Partial<Record<QueueField, string>> = {};
  for (const f of QUEUE_FIELDS) {
    const edited = JSON.stringify(draft[f]) !== JSON.stringify(initial[f]);
    if (!edited && row.fields[f].source !== 'ui') continue;
    if (isPair(f)) {
      const [w, c] = draft[f].map(num) as [number, number];
      if (![w, c].every((v) => Number.isFinite(v) && v >= 0 && v <= PAIR_MAX[f])) {
        problems[f] = mustBeWhole(0, PAIR_MAX[f]);
        continue;
      }
      const problem = thresholdOrderProblem(FIGURE[f], { warning: w, critical: c });
      if (problem) problems[f] = problem;
      else body[f] = [w, c];
    } else {
      const v = num(draft[f]);
      const [min, max] = RANGE[f];
      if (!Number.isInteger(v) || v < min || v > max) problems[f] = mustBeWhole(min, max);
      else body[f] = v;
    }
  }
  return { body: Object.keys(problems).length ? null : body, problems };
}

function SourceNote({ row, field }: { row: QueueRow; field: QueueField }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const s = row.fields[field];
  const value = Array.isArray(s.value) ? s.value.join(',') : String(s.value);
  let text: string;
  if (s.source === 'ui') {
    const time = s.updatedAt ? fmt.time(new Date(s.updatedAt)) : '';
    text =
      s.updatedBy === 'demo'
        ? t('source.uiDemo', { time })
        : t('source.ui', { who: s.updatedBy ?? '?', time });
  } else text = t(`source.${s.source}`, { variable: s.variable ?? '', value });
  return (
    <small
      className="qs-source"
      data-testid="queue-source"
      data-field={field}
      data-source={s.source}
    >
      {text}
    </small>
  );
}

function QueueEditor({ row, canEdit }: { row: QueueRow; canEdit: boolean }) {
  const { t } = useTranslation(NS);
  const change = useQueueChange();
  const [initial, setInitial] = useState(() => draftOf(row));
  const [draft, setDraft] = useState(initial);
  const [version, setVersion] = useState(row.version);
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [serverField, setServerField] = useState<string | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);

  // A change elsewhere (the stream refetches the list): follow it unless an edit is under way.
  const fresh = JSON.stringify(row);
  useEffect(() => {
    if (dirty) return;
    const next = draftOf(row);
    setInitial(next);
    setDraft(next);
    setVersion(row.version);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the row's content
  }, [fresh]);

  const { body, problems } = bodyOf(row, draft, initial, (min, max) =>
    t('mustBeWhole', { min, max }),
  );
  const done = (saved: QueueRow, text: string) => {
    const next = draftOf(saved);
    setInitial(next);
    setDraft(next);
    setVersion(saved.version);
    setServerField(null);
    setNote({ kind: 'ok', text });
  };
  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      // Their values win: shown at once, the edit is to be made again on top of them.
      const next = draftOf(row);
      setInitial(next);
      setDraft(next);
      setVersion(row.version);
      setNote({ kind: 'error', text: t('conflict') });
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    setServerField(err instanceof ApiError ? (err.field ?? null) : null);
    setNote({
      kind: 'error',
      text:
        err instanceof ApiError && err.status === 403 ? t('notAllowed') : t('refused', { message }),
    });
  };
  const save = () => {
    if (!body) return;
    const put: QueuePutBody = { ...body, version };
    change.mutate({ id: row.id, put }, { onSuccess: (r) => done(r, t('saved')), onError: failed });
  };
  const reset = () => {
    if (version === null) return;
    change.mutate(
      { id: row.id, reset: version },
      { onSuccess: (r) => done(r, t('resetDone')), onError: failed },
    );
  };

  const input = (f: QueueField, value: string, set: (v: string) => void, label: string) => (
    <input
      type="number"
      inputMode="decimal"
      className="qs-input"
      value={value}
      disabled={!canEdit}
      aria-label={label}
      aria-invalid={problems[f] || serverField === f ? true : undefined}
      data-testid={`queue-input-${f}`}
      onChange={(e) => {
        setNote(null);
        set(e.target.value);
      }}
    />
  );
  const field = (f: QueueField) => {
    const label = `${row.name}: ${t(`field.${f}`)}`;
    return (
      <div className="qs-field" key={f} data-field={f}>
        <span className="qs-label">
          {t(`field.${f}`)}
          {isPair(f) && (
            <small className="qs-col-hint">
              {t('warning')} / {t('critical')}
            </small>
          )}
        </span>
        {isPair(f) ? (
          <span className="qs-pair">
            {input(
              f,
              draft[f][0],
              (v) => setDraft({ ...draft, [f]: [v, draft[f][1]] }),
              `${label}, ${t('warning')}`,
            )}
            {input(
              f,
              draft[f][1],
              (v) => setDraft({ ...draft, [f]: [draft[f][0], v] }),
              `${label}, ${t('critical')}`,
            )}
          </span>
        ) : (
          <span className="qs-pair">
            {input(f, draft[f], (v) => setDraft({ ...draft, [f]: v }), label)}
          </span>
        )}
        <span className="qs-where">
          <SourceNote row={row} field={f} />
          {problems[f] && (
            <small className="qs-problem" role="alert">
              {problems[f]}
            </small>
          )}
        </span>
      </div>
    );
  };

  return (
    <section
      className="qs-card"
      data-testid="queue-row"
      data-queue-id={row.id}
      data-version={row.version ?? 'none'}
      aria-label={row.name}
    >
      <header className="qs-head">
        <h2 className="qs-name">{row.name}</h2>
        <small className="qs-formula" data-testid="queue-formula">
          {t('formula', { seconds: row.fields.answeredWithinS.value })}
        </small>
      </header>
      <div className="qs-fields">{QUEUE_FIELDS.map(field)}</div>
      <footer className="qs-actions">
        {canEdit && (
          <>
            <button
              type="button"
              className="button qs-save"
              data-testid="queue-save"
              disabled={!dirty || !body || change.isPending}
              onClick={save}
            >
              {change.isPending ? t('saving') : t('save')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="queue-reset"
              disabled={row.version === null || change.isPending}
              onClick={reset}
            >
              {t('reset')}
            </button>
          </>
        )}
        {note && (
          <span
            className={note.kind === 'ok' ? 'qs-note' : 'qs-note qs-problem'}
            role={note.kind === 'ok' ? 'status' : 'alert'}
            data-testid="queue-note"
          >
            {note.text}
          </span>
        )}
      </footer>
    </section>
  );
}

export default function QueuesPage() {
  const { t } = useTranslation(NS);
  const queues = useQueues();
  const access = useSession();
  const canEdit = access.principal?.role === 'supervisor';
  const demo = access.session?.auth === 'demo';

  let body;
  if (queues.isPending) body = <Skeleton lines={6} />;
  else if (queues.isError)
    body = (
      <ErrorState
        title={t('loadError')}
        message={queues.error.message}
        onRetry={() => void queues.refetch()}
      />
    );
  else if (queues.data.queues.length === 0) body = <EmptyState title={t('empty')} />;
  else
    body = (
      <>
        <p className="qs-budget" data-testid="queue-budget">
          {t('budget', {
            pairs: queues.data.serviceLevelPairs,
            max: queues.data.maxServiceLevelPairs,
          })}
        </p>
        <div className="qs-grid">
          {queues.data.queues.map((row) => (
            <QueueEditor key={row.id} row={row} canEdit={canEdit} />
          ))}
        </div>
      </>
    );

  return (
    <main className="page qs-page" data-testid="queues-page">
      <h1>{t('title')}</h1>
      <p className="qs-intro">{t('intro')}</p>
      {demo && (
        <p className="qs-demo" data-testid="queues-demo">
          {t('demo')}
        </p>
      )}
      {body}
    </main>
  );
}
