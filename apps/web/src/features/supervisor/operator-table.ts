// Filtering, sorting and URL round-trip of the supervisor's operator table (pure, no React).
import type { SnapshotOperator } from '@vigie/contract';
import {
  countByDisplayState,
  DISPLAY_STATE_ORDER,
  displayState,
  type DisplayState,
  type DisplayStateCounts,
} from '../../shared/ui/states';

const SORT_KEYS = ['name', 'state', 'time', 'group'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

/** Minimum time in state offered by the filter, in minutes (0 = any). */
export const MIN_MINUTES_CHOICES = [0, 1, 5, 15, 30, 60] as const;

export interface TableState {
  /** Empty means every state (as shown: `loggedOut` apart from `unavailable`). */
  states: DisplayState[];
  groupId: number | null;
  name: string;
  minMinutes: number;
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_TABLE_STATE: TableState = {
  states: [],
  groupId: null,
  name: '',
  minMinutes: 0,
  sort: 'state',
  dir: 'asc',
};

/** Seconds since `stateSince` at `nowMs`, or null when the start is unknown. */
export function secondsInState(op: Pick<SnapshotOperator, 'stateSince'>, nowMs: number) {
  if (op.stateSince === null) return null;
  const since = Date.parse(op.stateSince);
  if (Number.isNaN(since)) return null;
  return Math.max(0, Math.floor((nowMs - since) / 1000));
}

/** Lower case without accents, so "eloise" finds "Éloïse". */
function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('en')
    .trim();
}

export function filterOperators(
  ops: readonly SnapshotOperator[],
  f: Pick<TableState, 'states' | 'groupId' | 'name' | 'minMinutes'>,
  nowMs: number,
): SnapshotOperator[] {
  const needle = foldName(f.name);
  const minSeconds = f.minMinutes * 60;
  return ops.filter((op) => {
    if (f.states.length > 0 && !f.states.includes(displayState(op))) return false;
    if (f.groupId !== null && !op.groups.includes(f.groupId)) return false;
    if (needle !== '' && !foldName(op.name).includes(needle)) return false;
    if (minSeconds > 0) {
      const s = secondsInState(op, nowMs);
      if (s === null || s < minSeconds) return false;
    }
    return true;
  });
}

const stateRank = new Map<DisplayState, number>(DISPLAY_STATE_ORDER.map((s, i) => [s, i]));
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * A sorted copy. Ties fall back to the name, then the id, so rows do not jump between renders;
 * an unknown time in state sorts last whatever the direction.
 */
export function sortOperators(
  ops: readonly SnapshotOperator[],
  sort: SortKey,
  dir: SortDir,
  nowMs: number,
  groupName: (id: number) => string,
): SnapshotOperator[] {
  const sign = dir === 'asc' ? 1 : -1;
  const firstGroup = (op: SnapshotOperator) =>
    op.groups
      .map(groupName)
      .sort((a, b) => collator.compare(a, b))
      .at(0) ?? null;
  const byName = (a: SnapshotOperator, b: SnapshotOperator) =>
    collator.compare(a.name, b.name) || a.id - b.id;

  return [...ops].sort((a, b) => {
    switch (sort) {
      case 'name':
        return sign * byName(a, b);
      case 'state':
        return (
          sign *
            ((stateRank.get(displayState(a)) ?? 99) - (stateRank.get(displayState(b)) ?? 99)) ||
          byName(a, b)
        );
      case 'time': {
        const sa = secondsInState(a, nowMs);
        const sb = secondsInState(b, nowMs);
        if (sa === null || sb === null)
          return (sa === null ? 1 : 0) - (sb === null ? 1 : 0) || byName(a, b);
        return sign * (sa - sb) || byName(a, b);
      }
      case 'group': {
        const ga = firstGroup(a);
        const gb = firstGroup(b);
        if (ga === null || gb === null)
          return (ga === null ? 1 : 0) - (gb === null ? 1 : 0) || byName(a, b);
        return sign * collator.compare(ga, gb) || byName(a, b);
      }
    }
  });
}

export function countByState(
  ops: readonly Pick<SnapshotOperator, 'state' | 'breakName' | 'loggedInSince'>[],
): DisplayStateCounts {
  return countByDisplayState(ops);
}

const isState = (s: string): s is DisplayState =>
  (DISPLAY_STATE_ORDER as readonly string[]).includes(s);
const isSortKey = (s: string): s is SortKey => (SORT_KEYS as readonly string[]).includes(s);

/** Reads the table's state from the URL, ignoring anything malformed. */
export function parseTableParams(params: URLSearchParams): TableState {
  const states = (params.get('state') ?? '')
    .split(',')
    .filter(isState)
    .filter((s, i, all) => all.indexOf(s) === i);
  const group = Number(params.get('group'));
  const minMinutes = Number(params.get('min'));
  const sort = params.get('sort') ?? '';
  return {
    states,
    groupId: Number.isInteger(group) && group > 0 ? group : null,
    name: params.get('q') ?? '',
    minMinutes: Number.isFinite(minMinutes) && minMinutes > 0 ? minMinutes : 0,
    sort: isSortKey(sort) ? sort : DEFAULT_TABLE_STATE.sort,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The URL form of the table's state; defaults are left out so the plain `/` stays plain. */
export function toTableParams(s: TableState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.states.length > 0) p.set('state', s.states.join(','));
  if (s.groupId !== null) p.set('group', String(s.groupId));
  if (s.name !== '') p.set('q', s.name);
  if (s.minMinutes > 0) p.set('min', String(s.minMinutes));
  if (s.sort !== DEFAULT_TABLE_STATE.sort) p.set('sort', s.sort);
  if (s.dir !== DEFAULT_TABLE_STATE.dir) p.set('dir', s.dir);
  return p;
}
