// Boards (issue 13 §1): what a stored board document means, the built-in default, who may see and
// change which board, and the ids new boards get. The routes speak HTTP; this speaks boards.
import {
  BOARD_PANELS,
  BoardFieldsSchema,
  DEFAULT_BOARD_ID,
  type Board,
  type BoardFields,
  type Principal,
} from '@vigie/contract';
import { checked, type CheckLog } from '../lib/checked-json';
import { BadParamError, ConflictError, NotFoundError } from '../lib/errors';
import type { SettingsStore, StoredDoc } from '../history/settings-store';
import { mustCoverGroups } from './roles';

/**
 * The default board nobody has saved yet, from today's wall: every group, every panel, automatic
 * density, 20 s pages, dark, logged-out operators counted, no sound (the wall's own defaults).
 */
export function builtInDefaultFields(): BoardFields {
  return {
    name: 'Default',
    groups: [],
    panels: [...BOARD_PANELS],
    density: 'auto',
    rotationS: 20,
    theme: 'dark',
    loggedOut: 'count',
    sound: false,
  };
}

/** The built-in default board as read before anyone saved it: no version, no author. */
export function builtInDefaultBoard(): Board {
  return boardOf(DEFAULT_BOARD_ID, builtInDefaultFields(), null);
}

function boardOf(id: string, fields: BoardFields, doc: StoredDoc | null): Board {
  return {
    id,
    ...fields,
    version: doc?.version ?? null,
    updatedAt: doc?.updatedAt ?? null,
    updatedBy: doc?.updatedBy ?? null,
  };
}

/** A stored board, checked again on read (a damaged one is logged and treated as absent). */
function fromDoc(doc: StoredDoc, log: CheckLog): Board | null {
  const fields = checked(BoardFieldsSchema, doc.value, log, `board "${doc.id}"`);
  return fields ? boardOf(doc.id, fields, doc) : null;
}

export class Boards {
  constructor(
    private readonly store: SettingsStore,
    private readonly log: CheckLog,
  ) {}

  /** The board, the built-in default when `default` is not stored, else null. */
  async find(id: string): Promise<Board | null> {
    const doc = await this.store.get('board', id);
    const board = doc ? fromDoc(doc, this.log) : null;
    if (board) return board;
    // A damaged stored default keeps its version so that a PUT at that version repairs it.
    if (id === DEFAULT_BOARD_ID) return boardOf(id, builtInDefaultFields(), doc);
    return null;
  }

  async get(id: string): Promise<Board> {
    const board = await this.find(id);
    if (!board) throw new NotFoundError(`no board "${id}"`);
    return board;
  }

  /** Every stored board, and the default (built in when not stored), by name. */
  async list(): Promise<Board[]> {
    const docs = await this.store.list('board');
    const boards = docs.flatMap((d) => fromDoc(d, this.log) ?? []);
    if (!boards.some((b) => b.id === DEFAULT_BOARD_ID)) {
      const stored = docs.find((d) => d.id === DEFAULT_BOARD_ID) ?? null;
      boards.push(boardOf(DEFAULT_BOARD_ID, builtInDefaultFields(), stored));
    }
    return boards.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** An id for a new board: `wanted` if given and free, else a free slug of the name. */
  async newId(name: string, wanted: string | undefined): Promise<string> {
    if (wanted !== undefined) {
      if (wanted === DEFAULT_BOARD_ID || (await this.store.get('board', wanted)))
        throw new ConflictError(`a board "${wanted}" exists already`, null, 'id');
      return wanted;
    }
    const taken = new Set((await this.store.list('board')).map((d) => d.id));
    taken.add(DEFAULT_BOARD_ID);
    const base = slugOf(name);
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) {
      const suffix = `-${n}`;
      const id = `${base.slice(0, 48 - suffix.length).replace(/-+$/, '')}${suffix}`;
      if (!taken.has(id)) return id;
    }
  }
}

/** `Support floor — Niveau 2` → `support-floor-niveau-2` (a BoardIdSchema id; `board` if empty). */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'board';
}

/**
 * A team lead sees the boards of their groups only (a non-empty subset), and the default; a
 * supervisor every board. Displays read boards through the wall route alone.
 */
export function maySee(p: Principal, b: Board): boolean {
  return b.id === DEFAULT_BOARD_ID || mayEdit(p, b);
}

/** Supervisors every board; team leads the boards of their groups only, never the default. */
export function mayEdit(p: Principal, b: Pick<Board, 'id' | 'groups'>): boolean {
  if (p.role === 'display') return false;
  if (p.groups === null) return true;
  if (b.id === DEFAULT_BOARD_ID) return false;
  return b.groups.length > 0 && b.groups.every((g) => p.groups?.includes(g));
}

/** 403 unless `p` may change a board with these groups (and this id: the default is supervisors'). */
export function mustMayEdit(p: Principal, id: string, groups: readonly number[], what: string) {
  mustCoverGroups(p, id === DEFAULT_BOARD_ID ? [] : groups, what);
}

/** 400 naming `field` when a group id is not one the BFF knows (its directory or snapshot). */
export function mustKnowGroups(
  groups: readonly number[],
  known: ReadonlySet<number>,
  field: string,
): void {
  const unknown = groups.filter((g) => !known.has(g));
  if (unknown.length === 0) return;
  throw new BadParamError(
    field,
    known.size === 0
      ? `${field}: no group is known yet (Axialys has not answered); try again shortly`
      : `${field}: no group ${unknown.join(', ')} on this account`,
  );
}
