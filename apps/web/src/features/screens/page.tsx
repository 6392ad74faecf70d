// Screens `/screens` (issue 13 §2): the wall screens with their presence; add one (its link and QR
// code shown once), rename it, assign a board, revoke it. Supervisors only (the BFF checks it too).
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Screen, ScreenCreatedReply } from '@vigie/contract';
import { ApiError, isForbidden } from '../../shared/api';
import { useSession } from '../../shared/auth/session';
import { useFormat } from '../../shared/i18n';
import { EmptyState, ErrorState, NotAllowedState, Skeleton, useNow } from '../../shared/ui';
import {
  useBoardChoices,
  useCreateScreen,
  useRevokeScreen,
  useScreens,
  useUpdateScreen,
} from './api/screens';
import { NS } from './i18n';
import './screens.css';

const QrCode = lazy(() => import('./qr-code'));

export default function ScreensPage() {
  const { t } = useTranslation(NS);
  const screens = useScreens();
  const { session } = useSession();
  const [created, setCreated] = useState<ScreenCreatedReply | null>(null);
  const actor =
    session?.principal.kind === 'open'
      ? session.auth === 'demo'
        ? 'demo'
        : session.principal.name
      : (session?.principal.name ?? '');

  let body;
  if (screens.isPending) body = <Skeleton lines={4} />;
  else if (screens.error)
    body = isForbidden(screens.error) ? (
      <NotAllowedState />
    ) : (
      <ErrorState
        title={t('list.loadError')}
        message={screens.error.message}
        onRetry={() => void screens.refetch()}
      />
    );
  else body = <ScreenTable screens={screens.data.screens} />;

  return (
    <main className="page sc-page" data-testid="screens-page">
      <h1>{t('title')}</h1>
      <p className="sc-intro">{t('intro')}</p>
      {actor !== '' && (
        <p className="sc-saved-as" data-testid="screens-saved-as">
          {t('savedAs', { name: actor })}
        </p>
      )}
      {!screens.error && <CreateScreen onCreated={setCreated} />}
      {created && <CreatedDialog created={created} onClose={() => setCreated(null)} />}
      {body}
    </main>
  );
}

/** A failed save, said in words: a 409 asks to try again on the reloaded list. */
function useErrorText() {
  const { t } = useTranslation(NS);
  return (err: unknown): string => {
    if (err instanceof ApiError && err.status === 409) return t('errors.conflict');
    if (isForbidden(err)) return t('errors.forbidden');
    return t('errors.failed', { message: (err as Error).message });
  };
}

function CreateScreen({ onCreated }: { onCreated: (c: ScreenCreatedReply) => void }) {
  const { t } = useTranslation(NS);
  const create = useCreateScreen();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [board, setBoard] = useState('');
  if (!open)
    return (
      <p>
        <button
          type="button"
          className="button"
          data-testid="screen-add"
          onClick={() => setOpen(true)}
        >
          {t('create.open')}
        </button>
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), board: board.trim() === '' ? null : board.trim() },
      {
        onSuccess: (c) => {
          setOpen(false);
          setName('');
          setBoard('');
          create.reset();
          onCreated(c);
        },
      },
    );
  };
  return (
    <form className="sc-form" data-testid="screen-create-form" onSubmit={submit}>
      <fieldset>
        <legend>{t('create.legend')}</legend>
        <div className="sc-fields">
          <label className="sc-field">
            <span>{t('create.name')}</span>
            <input
              data-testid="screen-name"
              required
              maxLength={80}
              value={name}
              placeholder={t('create.nameHint')}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label className="sc-field">
            <span>{t('create.board')}</span>
            <BoardSelect testId="screen-board" value={board} onChange={setBoard} />
          </label>
        </div>
        <div className="sc-actions">
          <button
            type="submit"
            className="button"
            data-testid="screen-create"
            disabled={create.isPending}
          >
            {t('create.submit')}
          </button>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            {t('create.cancel')}
          </button>
        </div>
        {create.error && (
          <p role="alert" className="sc-error">
            {errorText(create.error)}
          </p>
        )}
      </fieldset>
    </form>
  );
}

/** The token, once: the link to open on the TV and its QR code. */
function CreatedDialog({ created, onClose }: { created: ScreenCreatedReply; onClose: () => void }) {
  const { t } = useTranslation(NS);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(created.link).then(() => setCopied(true));
  };
  return (
    <div className="sc-backdrop">
      <section
        className="sc-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sc-created-title"
        data-testid="screen-created"
      >
        <h2 id="sc-created-title">{t('created.title', { name: created.screen.name })}</h2>
        <p className="sc-once">{t('created.once')}</p>
        <div className="sc-created-body">
          <Suspense fallback={<p>{t('created.qrLoading')}</p>}>
            <QrCode text={created.link} label={t('created.qr')} />
          </Suspense>
          <div className="sc-link-box">
            <label className="sc-field">
              <span>{t('created.link')}</span>
              <input
                readOnly
                className="sc-link"
                data-testid="screen-link"
                value={created.link}
                onFocus={(e) => e.target.select()}
              />
            </label>
            <p className="sc-actions">
              <button type="button" className="button" onClick={copy}>
                {copied ? t('created.copied') : t('created.copy')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="screen-created-done"
                onClick={onClose}
              >
                {t('created.done')}
              </button>
            </p>
          </div>
        </div>
      </section>
    </div>
  );
}

function ScreenTable({ screens }: { screens: Screen[] }) {
  const { t } = useTranslation(NS);
  if (screens.length === 0) return <EmptyState title={t('list.empty')} />;
  return (
    <table className="sc-table" data-testid="screens-table">
      <caption className="visually-hidden">{t('list.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('list.name')}</th>
          <th scope="col">{t('list.status')}</th>
          <th scope="col">{t('list.lastSeen')}</th>
          <th scope="col">{t('list.address')}</th>
          <th scope="col">{t('list.board')}</th>
          <th scope="col">{t('list.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {screens.map((s) => (
          <ScreenRow key={`${s.source}:${s.id}`} screen={s} />
        ))}
      </tbody>
    </table>
  );
}

function ScreenRow({ screen: s }: { screen: Screen }) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const now = useNow(1000);
  const [mode, setMode] = useState<'view' | 'edit' | 'revoke'>('view');
  const [name, setName] = useState(s.name);
  const [board, setBoard] = useState(s.board ?? '');
  const update = useUpdateScreen();
  const revoke = useRevokeScreen();
  const errorText = useErrorText();
  const error = update.error ?? revoke.error;
  const seen = s.lastSeenAt === null ? null : new Date(s.lastSeenAt);

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (s.version === null) return;
    update.mutate(
      {
        id: s.id,
        version: s.version,
        name: name.trim(),
        board: board.trim() === '' ? null : board.trim(),
      },
      { onSuccess: () => setMode('view') },
    );
  };

  return (
    <tr data-testid="screen-row" data-screen-id={s.id} data-online={s.online}>
      <th scope="row" className="sc-name">
        {mode === 'edit' ? (
          <input
            form={`sc-edit-${s.id}`}
            data-testid="screen-edit-name"
            aria-label={t('edit.nameOf', { name: s.name })}
            required
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        ) : (
          s.name
        )}
      </th>
      <td>
        <span className="sc-status" data-testid="screen-status">
          <span className={`sc-dot ${s.online ? 'sc-dot-on' : ''}`} aria-hidden="true" />
          {s.online ? t('list.online') : t('list.offline')}
        </span>
      </td>
      <td data-testid="screen-last-seen">
        {seen ? (
          <>
            {t('list.ago', { age: fmt.age(Math.max(0, (now - seen.getTime()) / 1000)) })}
            <span className="sc-muted"> · {fmt.dateTime(seen)}</span>
          </>
        ) : (
          <span className="sc-muted">{t('list.never')}</span>
        )}
      </td>
      <td className="sc-address">{s.lastAddress ?? '—'}</td>
      <td>
        {mode === 'edit' ? (
          <BoardSelect
            testId="screen-edit-board"
            form={`sc-edit-${s.id}`}
            label={t('edit.boardOf', { name: s.name })}
            value={board}
            onChange={setBoard}
          />
        ) : (
          <BoardName id={s.board} />
        )}
      </td>
      <td className="sc-row-actions">
        {s.source === 'file' ? (
          <span className="sc-muted" data-testid="screen-read-only">
            {t('list.fromFile', { origin: s.origin ?? '' })}
          </span>
        ) : mode === 'edit' ? (
          <form id={`sc-edit-${s.id}`} onSubmit={save} className="sc-actions">
            <button
              type="submit"
              className="button"
              data-testid="screen-save"
              disabled={update.isPending}
            >
              {t('edit.save')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setMode('view');
                update.reset();
              }}
            >
              {t('edit.cancel')}
            </button>
          </form>
        ) : mode === 'revoke' ? (
          <div className="sc-confirm" role="alertdialog" aria-label={t('revoke.button')}>
            <p>{t('revoke.confirm', { name: s.name })}</p>
            <div className="sc-actions">
              <button
                type="button"
                className="button sc-danger"
                data-testid="screen-revoke-yes"
                disabled={revoke.isPending || s.version === null}
                onClick={() =>
                  s.version !== null && revoke.mutate({ id: s.id, version: s.version })
                }
              >
                {t('revoke.yes')}
              </button>
              <button type="button" className="button" onClick={() => setMode('view')}>
                {t('revoke.no')}
              </button>
            </div>
          </div>
        ) : (
          <div className="sc-actions">
            <button
              type="button"
              className="button"
              data-testid="screen-edit"
              onClick={() => {
                setName(s.name);
                setBoard(s.board ?? '');
                setMode('edit');
              }}
            >
              {t('edit.rename')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="screen-revoke"
              onClick={() => setMode('revoke')}
            >
              {t('revoke.button')}
            </button>
          </div>
        )}
        {error && (
          <p role="alert" className="sc-error">
            {errorText(error)}
          </p>
        )}
      </td>
    </tr>
  );
}

/**
 * The boards from GET /api/boards, the default first (stored as null). A board that is gone stays
 * listed by its id so the screen's current value is never silently changed.
 */
function BoardSelect({
  testId,
  value,
  onChange,
  form,
  label,
}: {
  testId: string;
  value: string;
  onChange: (v: string) => void;
  form?: string;
  label?: string;
}) {
  const { t } = useTranslation(NS);
  const boards = useBoardChoices();
  const choices = boards.data ?? [];
  const missing = value !== '' && !choices.some((b) => b.id === value);
  return (
    <select
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...(form === undefined ? {} : { form })}
      {...(label === undefined ? {} : { 'aria-label': label })}
    >
      <option value="">{t('list.defaultBoard')}</option>
      {choices.map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}
        </option>
      ))}
      {missing && <option value={value}>{value}</option>}
    </select>
  );
}

/** A board by its name when known (its id otherwise); null: the default board. */
function BoardName({ id }: { id: string | null }) {
  const { t } = useTranslation(NS);
  const boards = useBoardChoices();
  if (id === null) return <span className="sc-muted">{t('list.defaultBoard')}</span>;
  return <>{boards.data?.find((b) => b.id === id)?.name ?? id}</>;
}
