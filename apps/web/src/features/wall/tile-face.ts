// What one tile shows, worked out without the DOM (issue 14 §2): the wall's tile grid writes these
// into its nodes and compares them field by field, so a patch touches only the tiles that changed.
import type { AlertSeverity, SnapshotOperator } from '@vigie/contract';
import { formatDuration } from '../../shared/i18n/format';
import { displayState, type DisplayState } from '../../shared/ui/states';
import type { ShownName } from './names';
import type { WallText } from './text';

/**
 * The tiles' face: a condensed one where the screen has it, so a name and "Unavailable 12:34"
 * fit a narrow tile at a legible size; the board measures names in it too.
 */
export const TILE_FONT =
  "'Roboto Condensed', 'Arial Narrow', 'Liberation Sans Narrow', 'DejaVu Sans Condensed', system-ui, sans-serif";

/** The time in state: ticking from `since`, or `frozen` text when the figures are old. */
export interface TimeFace {
  title: string | null;
  frozen: string | null;
  since: string | null;
  lowerBound: boolean;
  locale: string;
}

export interface TileFace {
  id: number;
  /** The tile element's attributes. */
  attrs: Record<string, string>;
  display: DisplayState;
  /**
   * The state row: the keys of its icons (an alert mark, then the state's icon or, when the
   * figures are stale, the hourglass: the state word stays whole, issue 12.1) and its word.
   */
  icons: string[];
  label: string;
  name: { label: string; shortened: boolean; title: string; em: number };
  /** None for a logged-out operator: time since logging out is not a figure the room acts on. */
  time: TimeFace | null;
}

/** Time in state as it stood when the figures were taken: "≥", since the state may go on. */
export function frozenDuration(since: string | null, at: number): string {
  const start = since ? Date.parse(since) : Number.NaN;
  return Number.isNaN(start) ? '–' : `≥ ${formatDuration(Math.max(0, (at - start) / 1000))}`;
}

/**
 * One operator's tile. `frozenAt`: when the operators' figures are older than two polls, the
 * instant they date from (ms): the tile is washed out, an hourglass stands for its state icon and
 * its time stops at that instant.
 */
export function tileFace(
  o: SnapshotOperator,
  shown: ShownName | undefined,
  nameEm: number,
  alert: AlertSeverity | undefined,
  frozenAt: number | null,
  text: WallText,
): TileFace {
  const display = displayState(o);
  const stale = frozenAt !== null;
  const lowerBound = o.stateSincePrecision === 'lower-bound';
  return {
    id: o.id,
    attrs: {
      class: stale ? 'wall-tile is-stale' : 'wall-tile',
      'data-operator-id': String(o.id),
      'data-state': o.state,
      'data-display-state': display,
      'data-alert': alert ?? 'none',
      'data-stale': String(stale),
    },
    display,
    icons: [...(alert ? [`a-${alert}`] : []), stale ? 's' : `i-${display}`],
    label:
      o.state === 'unavailable' && o.breakName ? o.breakName : text.wall(`common:state.${display}`),
    name: {
      label: shown?.label ?? o.name,
      shortened: shown?.shortened ?? false,
      title: o.login ? `${o.name} · ${o.login}` : o.name,
      em: nameEm,
    },
    time:
      display === 'loggedOut'
        ? null
        : {
            title: stale ? text.since(o.stateSince) : lowerBound ? text.wall('lowerBound') : null,
            // Old figures: a counter would keep adding time to a state that may be over (12.1).
            frozen: stale ? frozenDuration(o.stateSince, frozenAt) : null,
            since: o.stateSince,
            lowerBound,
            locale: text.fmt.locale,
          },
  };
}

/**
 * Which of `current` (the keys in the list now, in order) can stay where they are for the list to
 * read `desired`: the longest run of them already in `desired`'s order. Every other key of
 * `desired` is inserted or moved, so a change of state moves one tile and no other (a keyed React
 * list moved every tile a moved one jumped over, each restyled, laid out and painted again).
 */
export function keptInPlace<K>(current: readonly K[], desired: readonly K[]): Set<K> {
  const at = new Map<K, number>();
  current.forEach((k, i) => at.set(k, i));
  // Positions in `current` of the desired keys it has, in desired order; its longest increasing
  // subsequence (patience sorting, O(n log n)) is what stays.
  const keys: K[] = [];
  const pos: number[] = [];
  for (const k of desired) {
    const i = at.get(k);
    if (i !== undefined) {
      keys.push(k);
      pos.push(i);
    }
  }
  const tails: number[] = []; // index into pos of the smallest tail of each length
  const prev: number[] = new Array<number>(pos.length).fill(-1);
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i] ?? 0;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pos[tails[mid] ?? 0] ?? 0) < p) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const kept = new Set<K>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = prev[i] ?? -1) kept.add(keys[i] as K);
  return kept;
}
