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

/** Logged-out operators apart from the rest (order kept), for the one counted tile. */
export function splitLoggedOut(operators: readonly SnapshotOperator[]): {
  present: SnapshotOperator[];
  loggedOut: SnapshotOperator[];
} {
  const present: SnapshotOperator[] = [];
  const loggedOut: SnapshotOperator[] = [];
  for (const o of operators) (displayState(o) === 'loggedOut' ? loggedOut : present).push(o);
  return { present, loggedOut };
}

/** Group ids asked for in ?groups= that the account does not have. */
export function unknownGroups(
  wanted: readonly number[] | null,
  groups: readonly SnapshotGroup[],
): number[] {
  if (!wanted) return [];
  const known = new Set(groups.map((g) => g.id));
  return wanted.filter((id) => !known.has(id));
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

/** How the queue panels are drawn: whole, or without their secondary rows (more room for tiles). */
export type PanelMode = 'full' | 'compact';

/** One way of drawing the board, tried in order until every tile fits. */
export interface TileStep {
  /** Lines a name may take. */
  lines: 1 | 2;
  panels: PanelMode;
  /** Narrowest tile, em; the densest step is an em narrower (a long break name may lose its end, never a name). */
  minWidth?: number;
}

/**
 * A tile's shape in em of its own font (the state word's size): state 1 em, name and time in
 * state 1.5 em, so the three legible minimums (16 / 24 / 24 px at 1080p) fall on one floor.
 */
export const TILE_EM = {
  /** Narrowest tile: icon, "Unavailable" and "12:34" on the first row (condensed face). */
  minWidth: 11,
  padX: 0.35,
  padY: 0.2,
  /** The first row (time in state, 1.5 em, line-height 1.05) and a line of name. */
  row: 1.575,
  rowGap: 0.05,
  gap: 0.25,
  name: 1.5,
  state: 1,
  time: 1.5,
} as const;

export const tileHeightEm = (lines: 1 | 2): number =>
  TILE_EM.padY * 2 + TILE_EM.row + TILE_EM.rowGap + TILE_EM.row * lines;

/** Per density: the tile font's range as multiples of the legible floor, and the steps tried. */
export const DENSITY_STEPS: Record<
  'compact' | 'normal' | 'large',
  { min: number; max: number; steps: readonly TileStep[] }
> = {
  compact: { min: 1, max: 1.25, steps: [{ lines: 1, panels: 'compact', minWidth: 9.5 }] },
  normal: {
    min: 1,
    max: 2,
    steps: [
      { lines: 2, panels: 'full' },
      { lines: 1, panels: 'full' },
      { lines: 1, panels: 'compact', minWidth: 9.5 },
    ],
  },
  large: {
    min: 1.5,
    max: 3,
    steps: [
      { lines: 2, panels: 'full' },
      { lines: 1, panels: 'full' },
    ],
  },
};

export interface TileFit extends TileStep {
  /** The tile's font size (its state word), px. */
  fontPx: number;
  columns: number;
  rows: number;
  perPage: number;
  pages: number;
  /** Inner width of a name, px. */
  nameWidth: number;
}

/**
 * The first step, at the largest font in [floor × min, floor × max], at which `count` tiles fit in
 * `width` × `heightFor(panels)`; beyond every step, the last one at its smallest font, paginated.
 * `floorPx` is the legible minimum of the state word on this screen (16 px at 1080p).
 */
export function fitTiles(
  count: number,
  width: number,
  heightFor: (panels: PanelMode) => number,
  floorPx: number,
  density: { min: number; max: number; steps: readonly TileStep[] },
): TileFit {
  const at = (step: TileStep, f: number): TileFit => {
    const minWidth = step.minWidth ?? TILE_EM.minWidth;
    const gap = TILE_EM.gap * f;
    const height = heightFor(step.panels);
    const columns = Math.max(1, Math.floor((width + gap) / (minWidth * f + gap)));
    const rows = Math.max(1, Math.floor((height + gap) / (tileHeightEm(step.lines) * f + gap)));
    const perPage = columns * rows;
    const columnWidth = (width - gap * (columns - 1)) / columns;
    return {
      ...step,
      fontPx: f,
      columns,
      rows,
      perPage,
      pages: Math.max(1, Math.ceil(count / perPage)),
      nameWidth: Math.max(0, columnWidth - 2 * TILE_EM.padX * f),
    };
  };
  const lo = floorPx * density.min;
  const hi = floorPx * density.max;
  for (const step of density.steps) {
    // 2 % steps: fine enough that a tile is never much smaller than it could be.
    for (let f = hi; f > lo; f *= 0.98) {
      const fit = at(step, f);
      if (fit.pages === 1) return fit;
    }
    const fit = at(step, lo);
    if (fit.pages === 1) return fit;
  }
  const last = density.steps[density.steps.length - 1] ?? { lines: 1, panels: 'compact' };
  return at(last, lo);
}

export function pageOf<T>(items: readonly T[], page: number, perPage: number): readonly T[] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const p = ((page % pages) + pages) % pages;
  return items.slice(p * perPage, (p + 1) * perPage);
}
