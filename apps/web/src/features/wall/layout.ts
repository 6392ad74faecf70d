// Pure layout of the wall: which operators and groups, in what order, on how many pages.
import type { AlertSeverity, SnapshotGroup, SnapshotOperator } from '@vigie/contract';
import {
  countByDisplayState,
  displayState,
  type DisplayState,
  type DisplayStateCounts,
} from '../../shared/ui/states';
import { groupLevels, type Thresholds } from '../../shared/ui/thresholds';

const RANK: Record<DisplayState, number> = {
  available: 0,
  ringing: 1,
  calling: 2,
  connected: 3,
  unavailable: 4,
  loggedOut: 5,
};

const since = (o: SnapshotOperator): number => {
  const t = o.stateSince ? Date.parse(o.stateSince) : Number.NaN;
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
};

/** `localeCompare` without arguments, built once (a collator per comparison is the slow part). */
const byName = new Intl.Collator().compare;

/**
 * Free first, then ringing, calling, on a call, away, and logged out last; inside a state, the longest in it first
 * (the longest call stands at the head of the "on a call" run); then by name for stability.
 * Each operator's keys are read once (a board of 1,000 compares ~10,000 times, and `Date.parse`
 * in the comparator was most of the wall's render).
 */
export function sortOperators(operators: readonly SnapshotOperator[]): SnapshotOperator[] {
  const keyed = operators.map((o) => ({ o, rank: RANK[displayState(o)], since: since(o) }));
  keyed.sort(
    (a, b) =>
      a.rank - b.rank ||
      // Both unknown (Infinity − Infinity is NaN): equal here, as before.
      (a.since === b.since ? 0 : a.since - b.since) ||
      byName(a.o.name, b.o.name) ||
      a.o.id - b.o.id,
  );
  return keyed.map((k) => k.o);
}

export function filterOperators(
  operators: readonly SnapshotOperator[],
  groups: readonly number[] | null,
): readonly SnapshotOperator[] {
  if (!groups) return operators;
  const wanted = new Set(groups);
  return operators.filter((o) => o.groups.some((g) => wanted.has(g)));
}

export function countByState(operators: readonly SnapshotOperator[]): DisplayStateCounts {
  return countByDisplayState(operators);
}

export interface RankedGroup {
  group: SnapshotGroup;
  levels: ReturnType<typeof groupLevels>;
}

/**
 * Groups with an active alert first (critical, then warning), each class by callers waiting, then
 * in their given order, so what needs someone is on the first page of a rotating wall. The wall
 * holds this order a minute unless a severity changes (`stableOrder`).
 */
export function rankGroups(
  groups: readonly SnapshotGroup[],
  filter: readonly number[] | null,
  thresholds: Thresholds,
  alertOf: (groupId: number) => AlertSeverity | undefined = () => undefined,
): RankedGroup[] {
  const wanted = filter ? new Set(filter) : null;
  const severity = { critical: 0, warning: 1, ok: 2 } as const;
  // By the panel's colour, which is its worst active alert (issue 12.3), then by callers waiting:
  // alerts have hysteresis, thresholds do not, so panels do not swap places poll after poll.
  const rank = (r: { group: SnapshotGroup }) => severity[alertOf(r.group.id) ?? 'ok'];
  return groups
    .filter((g) => !wanted || wanted.has(g.id))
    .map((group, index) => ({ group, levels: groupLevels(group, thresholds), index }))
    .sort((a, b) => rank(a) - rank(b) || b.group.waiting - a.group.waiting || a.index - b.index)
    .map(({ group, levels }) => ({ group, levels }));
}

/** Tile scales tried from largest to smallest before paginating. */
const TILE_SCALES = [1, 0.9, 0.8, 0.72, 0.65, 0.58] as const;

export interface TileFit {
  scale: number;
  columns: number;
  rows: number;
  perPage: number;
  pages: number;
}

/**
 * The largest tile scale at which `count` tiles fit in width×height; paginate at the smallest.
 * `tileW`/`tileH`/`gap` are the sizes at scale 1, in the same unit as width and height.
 */
export function fitTiles(
  count: number,
  width: number,
  height: number,
  tile: { w: number; h: number; gap: number },
): TileFit {
  let fit: TileFit | null = null;
  for (const scale of TILE_SCALES) {
    const w = tile.w * scale;
    const h = tile.h * scale;
    const gap = tile.gap * scale;
    const columns = Math.max(1, Math.floor((width + gap) / (w + gap)));
    const rows = Math.max(1, Math.floor((height + gap) / (h + gap)));
    const perPage = columns * rows;
    fit = { scale, columns, rows, perPage, pages: Math.max(1, Math.ceil(count / perPage)) };
    if (count <= perPage) return fit;
  }
  return fit as TileFit;
}

export function pageOf<T>(items: readonly T[], page: number, perPage: number): readonly T[] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const p = ((page % pages) + pages) % pages;
  return items.slice(p * perPage, (p + 1) * perPage);
}
