// The one interface behind which the board keeps its own record: trend, alert events and state, coverage, counters.
import type { AlertEvent, TrendPoint } from '@vigie/contract';
import Type from 'typebox';
import type { AlertState } from './alert-state';

/** What the board saw live in one group-hour (added up poll after poll). */
export interface CoverageLive {
  calls: number;
  answered: number;
  lost: number;
  /** Seconds of the hour the board saw. */
  observedSeconds: number;
  /** Operator-seconds logged in (and available) over `observedSeconds`: averages are these ÷ it. */
  loggedInSeconds: number;
  availableSeconds: number;
}

/** What the start-up backfill found for one group-hour (set once, never added to). */
export interface CoverageBackfill {
  calls: number | null;
  answered: number | null;
  lost: number | null;
  /** Seconds of the hour the backfill covers (a whole hour, or up to the start in the start hour). */
  seconds: number;
  loggedInSeconds: number | null;
  availableSeconds: number | null;
}

export interface CoverageCell {
  hour: number;
  live: CoverageLive | null;
  backfill: CoverageBackfill | null;
}

/** The groups' cumulative daily counters at the last observation: deltas continue across a restart. */
export const CounterBaselineSchema = Type.Object({
  day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  at: Type.Number(),
  /** Per group, the highest values seen that day (issue 10: a drop without a midnight is a fault). */
  groups: Type.Record(
    Type.String(),
    Type.Object({ calls: Type.Number(), answered: Type.Number(), lost: Type.Number() }),
  ),
  /** Saved under the high-water rule; older baselines are not counted from. */
  highWater: Type.Optional(Type.Literal(true)),
});
export type CounterBaseline = Type.Static<typeof CounterBaselineSchema>;

type StoreKind = 'sqlite' | 'redis' | 'memory';

export interface HistoryStore {
  readonly kind: StoreKind;
  /** Where it lives, for logs (a file, a Redis namespace, or "memory"). */
  readonly location: string;

  appendTrend(day: string, points: readonly (readonly [number, TrendPoint])[]): Promise<void>;
  /** The day's points per group, oldest first. */
  trendOf(day: string): Promise<Map<number, TrendPoint[]>>;

  /**
   * Stores transitions once each, by event id (`<alert id>:<type>`); returns the ones that were new,
   * so a new leader replaying a transition never sends its webhook twice.
   */
  addAlertEvents(events: readonly AlertEvent[]): Promise<AlertEvent[]>;
  /** Events with `at` in [fromMs, toMs), oldest first. */
  alertEvents(fromMs: number, toMs: number): Promise<AlertEvent[]>;
  loadAlertState(): Promise<AlertState | null>;
  saveAlertState(state: AlertState): Promise<void>;

  addCoverage(day: string, groupId: number, hour: number, live: CoverageLive): Promise<void>;
  setBackfill(
    day: string,
    groupId: number,
    hour: number,
    backfill: CoverageBackfill,
  ): Promise<void>;
  /** The day's cells of a group that have anything, by hour. */
  coverage(day: string, groupId: number): Promise<CoverageCell[]>;
  /** `${groupId}:${hour}` of every group-hour of the day with live or backfilled data. */
  coveredHours(day: string): Promise<Set<string>>;

  loadBaseline(): Promise<CounterBaseline | null>;
  saveBaseline(baseline: CounterBaseline): Promise<void>;

  /** Deletes days before `firstKeptDay` (YYYY-MM-DD) and events before `firstKeptMs`; returns rows gone. */
  prune(firstKeptDay: string, firstKeptMs: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The id under which a transition is stored once (and sent once). A severity change may happen more
 * than once in an alert's life: its instant tells them apart.
 */
export const eventId = (e: AlertEvent): string =>
  e.type === 'raised' || e.type === 'cleared'
    ? `${e.alert.id}:${e.type}`
    : `${e.alert.id}:${e.type}:${Date.parse(e.at)}`;

export const emptyLive = (): CoverageLive => ({
  calls: 0,
  answered: 0,
  lost: 0,
  observedSeconds: 0,
  loggedInSeconds: 0,
  availableSeconds: 0,
});
