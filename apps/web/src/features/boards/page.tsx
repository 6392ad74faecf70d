// Boards `/boards` (issue 13 §1): the named boards, created, renamed, duplicated, deleted and
// edited here; export and import of boards and per-queue settings. The list follows changes live.
import type { BoardListItem, Board, Snapshot } from '@vigie/contract';
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../shared/auth/session';
import { useFormat } from '../../shared/i18n';
import { useSnapshotSelect } from '../../shared/live';
import { ErrorState, Skeleton } from '../../shared/ui';
import {
  EXPORT_URL,
  useBoards,
  useDeleteBoard,
  useDuplicateBoard,
  useImportSettings,
} from './api/boards';
import { BoardEditor } from './board-editor';
import { NS } from './i18n';
import './boards.css';

const DEFAULT_ID = 'default';
const NEW = 'new';

const selectGroups = (s: Snapshot) =>
  s.groups.map((g) => ({ id: g.id, name: g.name })).sort((a, b) => a.name.localeCompare(b.name));

export default function BoardsPage() {
  const { t } = useTranslation(NS);
  const [params, setParams] = useSearchParams();
  const editing = params.get('edit');
  const boards = useBoards();
  const groups = useSnapshotSelect(selectGroups) ?? [];
  const { session } = useSession();
  // The board just created, until the list has it.
  const [created, setCreated] = useState<Board | null>(null);

  // Bumped by each choice in the page, so the editor starts afresh; not by the create that turns
  // a new board into a stored one (its editor stays, with "Saved.").
  const [run, setRun] = useState(0);
  const open = (id: string | null) => {
    setRun((n) => n + 1);
    setParams(id === null ? {} : { edit: id });
  };
  const list = boards.data?.boards ?? [];
  const current =
    editing === null || editing === NEW
      ? null
      : (list.find((b) => b.id === editing) ?? (created?.id === editing ? created : null));

  return (
    <main className="page bd-page" data-testid="boards-page">
      <h1>{t('title')}</h1>
      <p className="bd-intro">{t('intro')}</p>
      {session?.auth === 'demo' && (
        <p className="bd-demo" data-testid="boards-demo">
          {t('demoNote')}
        </p>
      )}
      <div className="bd-toolbar">
        <button
          type="button"
          className="button bd-primary"
          data-testid="board-create"
          onClick={() => open(NEW)}
        >
          {t('action.create')}
        </button>
        <a className="button" href={EXPORT_URL} download data-testid="settings-export">
          {t('action.export')}
        </a>
        <ImportButton />
      </div>

      {boards.isPending ? (
        <Skeleton lines={4} />
      ) : boards.isError ? (
        <ErrorState
          title={t('list.error')}
          message={boards.error.message}
          error={boards.error}
          onRetry={() => void boards.refetch()}
        />
      ) : (
        <BoardTable boards={list} groups={groups} onEdit={(id) => open(id)} />
      )}

      {editing !== null && (editing === NEW || current) && (
        <BoardEditor
          key={`${run}:${editing === created?.id ? NEW : editing}`}
          board={current}
          groups={groups}
          onSaved={(b) => {
            if (editing !== NEW) return;
            setCreated(b);
            setParams({ edit: b.id });
          }}
          onClose={() => open(null)}
        />
      )}
    </main>
  );
}

function BoardTable({
  boards,
  groups,
  onEdit,
}: {
  boards: readonly BoardListItem[];
  groups: readonly { id: number; name: string }[];
  onEdit: (id: string) => void;
}) {
  const { t } = useTranslation(NS);
  const fmt = useFormat();
  const duplicate = useDuplicateBoard();
  const remove = useDeleteBoard();
  const [confirming, setConfirming] = useState<string | null>(null);
  const names = new Map(groups.map((g) => [g.id, g.name]));
  const failure = duplicate.error ?? remove.error;

  return (
    <>
      {failure && (
        <p className="bd-problem" role="alert">
          {t('editor.failed', { message: failure.message })}
        </p>
      )}
      <table className="bd-table" data-testid="boards-table">
        <caption className="visually-hidden">{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.name')}</th>
            <th scope="col">{t('list.groups')}</th>
            <th scope="col">{t('list.panels')}</th>
            <th scope="col">{t('list.theme')}</th>
            <th scope="col">{t('list.updated')}</th>
            <th scope="col">{t('list.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {boards.map((b) => (
            <tr key={b.id} data-testid="board-row" data-board={b.id}>
              <th scope="row">
                <span className="bd-name">
                  {b.id === DEFAULT_ID && b.version === null ? t('defaultName') : b.name}
                </span>
                <span className="bd-id">/wall/{b.id}</span>
              </th>
              <td>
                {b.groups.length === 0
                  ? t('list.allGroups')
                  : b.groups.map((g) => names.get(g) ?? `#${g}`).join(', ')}
              </td>
              <td>{b.panels.map((p) => t(`panel.${p}`)).join(' · ')}</td>
              <td>
                <span className={`bd-theme bd-theme-${b.theme}`}>{t(`theme.${b.theme}`)}</span>
              </td>
              <td className="bd-updated">
                {b.updatedAt === null
                  ? t('list.notSaved')
                  : t('list.updatedBy', {
                      at: fmt.dateTime(new Date(b.updatedAt)),
                      by: b.updatedBy ?? '?',
                    })}
              </td>
              <td>
                <div className="bd-row-actions">
                  {confirming === b.id && b.version !== null ? (
                    <span className="bd-confirm" role="group" aria-label={t('action.delete')}>
                      <span>{t('action.confirmDelete', { name: b.name })}</span>
                      <button
                        type="button"
                        className="button bd-danger"
                        onClick={() =>
                          remove.mutate(
                            { id: b.id, version: b.version ?? 0 },
                            { onSettled: () => setConfirming(null) },
                          )
                        }
                      >
                        {t('action.confirm')}
                      </button>
                      <button type="button" className="button" onClick={() => setConfirming(null)}>
                        {t('action.cancel')}
                      </button>
                    </span>
                  ) : (
                    <>
                      {b.editable ? (
                        <button type="button" className="button" onClick={() => onEdit(b.id)}>
                          {t('action.edit')}
                        </button>
                      ) : (
                        <span className="bd-hint">{t('list.readOnly')}</span>
                      )}
                      {b.editable && (
                        <button
                          type="button"
                          className="button"
                          disabled={duplicate.isPending}
                          onClick={() =>
                            duplicate.mutate({
                              id: b.id,
                              name: t('action.copyName', { name: b.name }).slice(0, 80),
                            })
                          }
                        >
                          {t('action.duplicate')}
                        </button>
                      )}
                      {b.editable && b.id !== DEFAULT_ID && b.version !== null && (
                        <button
                          type="button"
                          className="button"
                          onClick={() => setConfirming(b.id)}
                        >
                          {t('action.delete')}
                        </button>
                      )}
                      <Link className="bd-wall-link" to={`/wall/${b.id}`}>
                        {t('action.openWall')}
                      </Link>
                    </>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A settings file read in the browser and sent whole; the BFF refuses it whole or applies it all. */
function ImportButton() {
  const { t } = useTranslation(NS);
  const input = useRef<HTMLInputElement>(null);
  const importing = useImportSettings();
  const [notJson, setNotJson] = useState(false);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setNotJson(false);
    importing.reset();
    let body: unknown;
    try {
      body = JSON.parse(await file.text()) as unknown;
    } catch {
      setNotJson(true);
      return;
    }
    importing.mutate(body);
  };

  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        {t('action.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        data-testid="settings-import"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => void onFile(e)}
      />
      <span role="status" className="bd-import-result" data-testid="import-result">
        {notJson
          ? t('importNotJson')
          : importing.isError
            ? t('importFailed', { message: importing.error.message })
            : importing.data
              ? t('importResult', importing.data)
              : null}
      </span>
    </>
  );
}
