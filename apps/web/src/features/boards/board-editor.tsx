// The editor of one board: every field, saved with the version it was read at. A 409 keeps the
// edit on screen and says who changed the board meanwhile (issue 13: "changed by X meanwhile").
import type { Board, BoardFields, BoardPanel } from '@vigie/contract';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { fetchBoard, useCreateBoard, useUpdateBoard } from './api/boards';
import { DENSITIES, fieldsOf, LOGGED_OUT, move, NEW_BOARD, panelOrder, THEMES } from './fields';
import { NS } from './i18n';

interface Group {
  id: number;
  name: string;
}

type Conflict = { kind: 'changed'; board: Board } | { kind: 'gone' };

export function BoardEditor({
  board,
  groups,
  onSaved,
  onClose,
}: {
  /** The board as read; null: a new one. */
  board: Board | null;
  groups: readonly Group[];
  onSaved: (b: Board) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(NS);
  const [fields, setFields] = useState<BoardFields>(() => (board ? fieldsOf(board) : NEW_BOARD));
  const [order, setOrder] = useState<BoardPanel[]>(() => panelOrder(fields.panels));
  // The version this edit started from: what the PUT names (null: the unsaved default).
  const [version, setVersion] = useState<number | null>(board?.version ?? null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);
  const create = useCreateBoard();
  const update = useUpdateBoard();
  const pending = create.isPending || update.isPending;
  const error = (board ? update.error : create.error) as ApiError | null;

  const set = <K extends keyof BoardFields>(key: K, value: BoardFields[K]) => {
    setSaved(false);
    setFields((f) => ({ ...f, [key]: value }));
  };
  const setPanels = (nextOrder: BoardPanel[], shown: readonly BoardPanel[]) => {
    setOrder(nextOrder);
    set(
      'panels',
      nextOrder.filter((p) => shown.includes(p)),
    );
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    try {
      const result = board
        ? await update.mutateAsync({ id: board.id, fields, version })
        : await create.mutateAsync(fields);
      setVersion(result.version);
      setConflict(null);
      setSaved(true);
      onSaved(result);
    } catch (err) {
      if (!board || !(err instanceof ApiError) || err.status !== 409) return;
      // Who changed it: read it again (the edit on screen stays as it is).
      try {
        setConflict({ kind: 'changed', board: await fetchBoard(board.id) });
      } catch {
        setConflict({ kind: 'gone' });
      }
    }
  };

  const reload = () => {
    if (conflict?.kind !== 'changed') return;
    const theirs = fieldsOf(conflict.board);
    setFields(theirs);
    setOrder(panelOrder(theirs.panels));
    setVersion(conflict.board.version);
    setConflict(null);
    update.reset();
  };

  const title = board ? t('editor.editTitle', { name: board.name }) : t('editor.newTitle');
  const groupIds = new Set(groups.map((g) => g.id));
  // Groups the board names that this page does not know (a team lead's view is scoped).
  const unknown = fields.groups.filter((g) => !groupIds.has(g));

  return (
    <form
      className="bd-editor"
      data-testid="board-editor"
      aria-label={title}
      onSubmit={(e) => void onSubmit(e)}
    >
      <h2>{title}</h2>
      {conflict && (
        <div className="bd-conflict" role="alert" data-testid="board-conflict">
          <p>
            {conflict.kind === 'changed'
              ? t('editor.conflict', {
                  by: conflict.board.updatedBy ?? '?',
                  version: conflict.board.version ?? '?',
                })
              : t('editor.conflictGone')}
          </p>
          {conflict.kind === 'changed' && (
            <button type="button" className="button" onClick={reload}>
              {t('editor.reload')}
            </button>
          )}
        </div>
      )}
      <div className="bd-field">
        <label htmlFor="bd-name">{t('editor.name')}</label>
        <input
          id="bd-name"
          type="text"
          required
          maxLength={80}
          value={fields.name}
          aria-invalid={error?.field === 'name' || undefined}
          onChange={(e) => set('name', e.target.value)}
        />
      </div>

      <fieldset className="bd-groups" aria-invalid={error?.field === 'groups' || undefined}>
        <legend>{t('editor.groups')}</legend>
        <p className="bd-hint">{t('editor.groupsHint')}</p>
        {groups.length === 0 && <p className="bd-hint">{t('editor.noGroups')}</p>}
        <div className="bd-checks">
          {[...groups, ...unknown.map((id) => ({ id, name: `#${id}` }))].map((g) => (
            <label key={g.id}>
              <input
                type="checkbox"
                checked={fields.groups.includes(g.id)}
                onChange={(e) =>
                  set(
                    'groups',
                    e.target.checked
                      ? [...fields.groups, g.id]
                      : fields.groups.filter((x) => x !== g.id),
                  )
                }
              />
              {g.name}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="bd-panels">
        <legend>{t('editor.panels')}</legend>
        <ol>
          {order.map((p, i) => {
            const shown = fields.panels.includes(p);
            const label = t(`panel.${p}`);
            return (
              <li key={p} data-panel={p} className={shown ? undefined : 'bd-panel-off'}>
                <label>
                  <input
                    type="checkbox"
                    checked={shown}
                    aria-label={t('editor.panelShown', { panel: label })}
                    onChange={(e) =>
                      setPanels(
                        order,
                        e.target.checked
                          ? [...fields.panels, p]
                          : fields.panels.filter((x) => x !== p),
                      )
                    }
                  />
                  {label}
                </label>
                <span className="bd-panel-moves">
                  <button
                    type="button"
                    className="button"
                    disabled={i === 0}
                    aria-label={t('editor.up', { panel: label })}
                    onClick={() => setPanels(move(order, i, -1), fields.panels)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={i === order.length - 1}
                    aria-label={t('editor.down', { panel: label })}
                    onClick={() => setPanels(move(order, i, 1), fields.panels)}
                  >
                    ↓
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      </fieldset>

      <div className="bd-row">
        <div className="bd-field">
          <label htmlFor="bd-density">{t('editor.density')}</label>
          <select
            id="bd-density"
            value={fields.density}
            onChange={(e) => set('density', e.target.value as BoardFields['density'])}
          >
            {DENSITIES.map((d) => (
              <option key={d} value={d}>
                {t(`density.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="bd-field">
          <label htmlFor="bd-rotation">{t('editor.rotation')}</label>
          <input
            id="bd-rotation"
            type="number"
            min={0}
            max={600}
            step={1}
            required
            value={fields.rotationS}
            aria-invalid={error?.field === 'rotationS' || undefined}
            onChange={(e) => set('rotationS', Math.round(Number(e.target.value)))}
          />
        </div>
      </div>

      <div className="bd-row">
        <fieldset>
          <legend>{t('editor.theme')}</legend>
          {THEMES.map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="bd-theme"
                value={v}
                checked={fields.theme === v}
                onChange={() => set('theme', v)}
              />
              {t(`theme.${v}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('editor.loggedOut')}</legend>
          {LOGGED_OUT.map((v) => (
            <label key={v}>
              <input
                type="radio"
                name="bd-logged-out"
                value={v}
                checked={fields.loggedOut === v}
                onChange={() => set('loggedOut', v)}
              />
              {t(`loggedOut.${v}`)}
            </label>
          ))}
        </fieldset>
        <label className="bd-sound">
          <input
            type="checkbox"
            checked={fields.sound}
            onChange={(e) => set('sound', e.target.checked)}
          />
          {t('editor.sound')}
        </label>
      </div>

      {error && !conflict && error.status !== 409 && (
        <p className="bd-problem" role="alert" data-testid="board-error">
          {t('editor.failed', { message: error.message })}
        </p>
      )}
      <div className="bd-actions">
        <button type="submit" className="button bd-primary" disabled={pending}>
          {pending ? t('editor.saving') : t('editor.save')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('editor.close')}
        </button>
        {saved && (
          <span role="status" className="bd-saved" data-testid="board-saved">
            {t('editor.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
