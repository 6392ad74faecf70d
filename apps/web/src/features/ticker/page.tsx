// Messages `/messages` (issue 13 §4, §5): post a ticker message to the walls, the current and past
// messages with who posted them, and the alert rules edited in the browser (supervisors).
import './i18n';
import './ticker.css';
import type { TickerMessage } from '@vigie/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { useSession } from '../../shared/auth/session';
import { useFormat } from '../../shared/i18n';
import { useSnapshotSelect } from '../../shared/live';
import { EmptyState, ErrorState, Skeleton, useNextInstant } from '../../shared/ui';
import { boardNow } from '../../shared/ui/use-now';
import {
  useBoardChoices,
  useDeleteMessage,
  useEndMessage,
  useMessages,
  usePostMessage,
} from './api/ticker';
import { NS } from './i18n';
import { RulesSection } from './rules-section';

const DURATIONS = [
  ['m15', 15 * 60_000],
  ['h1', 3600_000],
  ['h4', 4 * 3600_000],
  ['h8', 8 * 3600_000],
  ['d1', 24 * 3600_000],
  ['d7', 7 * 24 * 3600_000 - 60_000],
] as const;

/** Who the audit will name: the person, or "demo" on the open demo. */
function useActorName(): string {
  const { principal } = useSession();
  const demo = useSnapshotSelect((s) => s.demo) ?? false;
  if (!principal || principal.kind === 'open') return demo ? 'demo' : 'anonymous';
  return principal.name;
}

export default function MessagesPage() {
  const { t } = useTranslation(NS);
  const { principal } = useSession();
  return (
    <main className="page tk-page" data-testid="messages-page">
      <h1>{t('title')}</h1>
      <p className="tk-intro">{t('intro')}</p>
      <PostForm />
      <MessageList />
      {principal?.role === 'supervisor' && <RulesSection />}
    </main>
  );
}

function PostForm() {
  const { t } = useTranslation(NS);
  const actor = useActorName();
  const post = usePostMessage();
  const [text, setText] = useState('');
  const [severity, setSeverity] = useState<'info' | 'warning'>('info');
  const [duration, setDuration] = useState<string>('h1');
  const [boards, setBoards] = useState<readonly string[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const ms = DURATIONS.find(([k]) => k === duration)?.[1] ?? 3600_000;
    post.mutate(
      {
        text: text.trim(),
        severity,
        // The board's clock (the demo's working day), as the BFF checks the expiry against it.
        expiresAt: new Date(boardNow() + ms).toISOString(),
        boards: [...boards],
      },
      { onSuccess: () => setText('') },
    );
  };
  const err = post.error instanceof ApiError ? post.error : null;
  return (
    <form className="tk-form" onSubmit={onSubmit} data-testid="ticker-form">
      <fieldset>
        <legend>{t('form.legend')}</legend>
        <label className="tk-field">
          <span>{t('form.text')}</span>
          <textarea
            name="text"
            required
            maxLength={280}
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={err?.field === 'text'}
            aria-describedby="tk-text-hint"
          />
          <small id="tk-text-hint">{t('form.textHint')}</small>
        </label>
        <div className="tk-row">
          <fieldset className="tk-severity">
            <legend>{t('form.severity')}</legend>
            {(['info', 'warning'] as const).map((s) => (
              <label key={s}>
                <input
                  type="radio"
                  name="severity"
                  value={s}
                  checked={severity === s}
                  onChange={() => setSeverity(s)}
                />
                {t(`form.${s}`)}
              </label>
            ))}
          </fieldset>
          <label className="tk-field">
            <span>{t('form.expires')}</span>
            <select name="duration" value={duration} onChange={(e) => setDuration(e.target.value)}>
              {DURATIONS.map(([k]) => (
                <option key={k} value={k}>
                  {t(`durations.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <BoardPicker
            chosen={boards}
            onChange={setBoards}
            invalid={err?.field?.startsWith('boards') ?? false}
          />
        </div>
        <div className="tk-actions">
          <button type="submit" disabled={post.isPending || text.trim() === ''}>
            {post.isPending ? t('form.posting') : t('form.submit')}
          </button>
          <span className="tk-as" data-testid="ticker-actor">
            {t('form.postedAs', { name: actor })}
          </span>
          {post.isSuccess && (
            <span className="tk-ok" role="status">
              {t('form.posted')}
            </span>
          )}
          {post.error && (
            <span className="tk-error" role="alert" data-testid="ticker-error">
              {err?.field ? `${err.field}: ` : ''}
              {post.error.message}
            </span>
          )}
        </div>
      </fieldset>
    </form>
  );
}

/**
 * The boards a message goes to: boxes for the boards of GET /api/boards (a board made or renamed
 * elsewhere shows up at once); none ticked means every board, as the API reads `boards: []`.
 */
function BoardPicker({
  chosen,
  onChange,
  invalid,
}: {
  chosen: readonly string[];
  onChange: (boards: readonly string[]) => void;
  invalid: boolean;
}) {
  const { t } = useTranslation(NS);
  const choices = useBoardChoices();
  // A board deleted elsewhere while ticked: forgotten, not posted to (the BFF would refuse it).
  const known = choices.data?.map((b) => b.id);
  const ticked = known ? chosen.filter((id) => known.includes(id)) : chosen;
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...ticked, id] : ticked.filter((x) => x !== id));
  return (
    <fieldset
      className="tk-field tk-boards"
      data-testid="ticker-boards"
      aria-invalid={invalid}
      aria-describedby="tk-boards-hint"
    >
      <legend>{t('form.boards')}</legend>
      {choices.isPending ? (
        <Skeleton lines={1} label={t('form.boards')} />
      ) : choices.isError ? (
        <span className="tk-error">{t('form.boardsError')}</span>
      ) : (
        <div className="tk-board-list">
          {choices.data.map((b) => (
            <label key={b.id} className="tk-board">
              <input
                type="checkbox"
                name="boards"
                value={b.id}
                checked={ticked.includes(b.id)}
                onChange={(e) => toggle(b.id, e.target.checked)}
              />
              {b.name}
            </label>
          ))}
        </div>
      )}
      <small id="tk-boards-hint" data-testid="ticker-boards-summary">
        {ticked.length === 0
          ? t('form.boardsEvery')
          : t('form.boardsSome', { count: ticked.length })}
      </small>
    </fieldset>
  );
}

function MessageList() {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const list = useMessages();
  const choices = useBoardChoices();
  const nameOf = (id: string) => choices.data?.find((b) => b.id === id)?.name ?? id;
  const end = useEndMessage();
  const del = useDeleteMessage();
  const messages = list.data?.messages;
  // "On the walls" turns to "ended" at the expiry, on a timer.
  const now = useNextInstant((messages ?? []).map((m) => m.expiresAt));
  const failed = end.error ?? del.error;
  return (
    <section className="tk-section" aria-labelledby="tk-list-h" data-testid="ticker-list">
      <h2 id="tk-list-h">{t('list.heading')}</h2>
      {failed && (
        <p className="tk-error" role="alert">
          {failed instanceof ApiError && failed.status === 409 ? t('conflict') : failed.message}
        </p>
      )}
      {list.isPending ? (
        <Skeleton lines={3} label={t('list.heading')} />
      ) : list.isError ? (
        <ErrorState
          error={list.error}
          title={t('list.error')}
          message={list.error.message}
          onRetry={() => void list.refetch()}
        />
      ) : (messages ?? []).length === 0 ? (
        <EmptyState title={t('list.none')} />
      ) : (
        <table className="tk-table">
          <caption className="visually-hidden">{t('list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.status')}</th>
              <th scope="col">{t('list.text')}</th>
              <th scope="col">{t('list.kind')}</th>
              <th scope="col">{t('list.boards')}</th>
              <th scope="col">{t('list.postedBy')}</th>
              <th scope="col">{t('list.postedAt')}</th>
              <th scope="col">{t('list.until')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {(messages ?? []).map((m: TickerMessage) => {
              const current = Date.parse(m.expiresAt) > now;
              return (
                <tr
                  key={m.id}
                  data-testid="ticker-row"
                  data-message-id={m.id}
                  data-current={current ? 'yes' : 'no'}
                  className={current ? 'is-current' : 'is-past'}
                >
                  <td>{current ? t('list.current') : t('list.past')}</td>
                  <td className="tk-text">{m.text}</td>
                  <td>
                    <span className={`tk-kind is-${m.severity}`}>{t(`form.${m.severity}`)}</span>
                  </td>
                  <td data-testid="ticker-row-boards">
                    {m.boards.length === 0 ? t('list.everyBoard') : m.boards.map(nameOf).join(', ')}
                  </td>
                  <td data-testid="ticker-posted-by">{m.postedBy}</td>
                  <td>
                    <time dateTime={m.postedAt}>{fmt.dateTime(new Date(m.postedAt))}</time>
                  </td>
                  <td>
                    <time dateTime={m.expiresAt}>{fmt.dateTime(new Date(m.expiresAt))}</time>
                  </td>
                  <td className="tk-row-actions">
                    {current ? (
                      <button type="button" onClick={() => end.mutate(m)} disabled={end.isPending}>
                        {t('list.end')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => del.mutate(m)} disabled={del.isPending}>
                        {t('list.delete')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
