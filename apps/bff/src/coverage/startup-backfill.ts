// When the start-up backfill of today's coverage runs: once, on the poller's first status history
// (guide 3.4, fetched at start), with what the latest snapshot says of groups and membership.
import type { AxialysClient, StatusEvent } from '@vigie/axialys-client';
import type { Snapshot } from '@vigie/contract';
import type { HistoryStore } from '../history/history-store';
import { localDay } from '../lib/local-time';
import { backfillToday } from './backfill';

export interface StartupBackfillOptions {
  /** The poller's client (fenced in a cluster: only the leader calls upstream). */
  client: AxialysClient;
  store: HistoryStore;
  timeZone: string;
  /** When the board started watching. */
  startedAt: number;
  /** Resolves once the store answers (a cluster's Redis may still be connecting). */
  storeReady: Promise<unknown>;
  /** VIGIE_BACKFILL_MAX_CALLS: 0 turns the backfill off. */
  maxCalls: number;
  /** The latest snapshot published, read when the history comes. */
  latest: () => Snapshot | null;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export class StartupBackfill {
  /** Resolves once the backfill has run (or was not needed). */
  readonly done: Promise<void>;
  private finish: () => void = () => undefined;
  private started = false;
  private readonly coveredAtStart: Promise<Set<string>>;

  constructor(private readonly o: StartupBackfillOptions) {
    this.done = new Promise<void>((r) => (this.finish = r));
    this.coveredAtStart = o.storeReady
      .then(() => o.store.coveredHours(localDay(o.startedAt, o.timeZone)))
      .catch(() => new Set<string>());
    if (o.maxCalls === 0) this.finish();
  }

  /** The poller's status history: the first one starts the backfill. */
  onHistory(history: readonly StatusEvent[] | null): void {
    if (this.started || this.o.maxCalls === 0) return;
    this.started = true;
    const { o } = this;
    const latest = o.latest();
    const membership = new Map((latest?.operators ?? []).map((op) => [op.id, op.groups]));
    const groupIds = (latest?.groups ?? []).map((g) => g.id);
    // The day counters, once group figures have come: a backfilled hour cannot exceed them.
    const dayCalls = latest?.upstream.sources.groups.lastSuccessAt
      ? new Map(latest.groups.map((g) => [g.id, g.calls]))
      : undefined;
    void this.coveredAtStart
      .then((covered) =>
        backfillToday({
          client: o.client,
          store: o.store,
          timeZone: o.timeZone,
          startedAt: Math.min(o.startedAt, latest ? Date.parse(latest.takenAt) : o.startedAt),
          covered,
          groupIds,
          membership,
          ...(dayCalls ? { dayCalls } : {}),
          history,
          maxCalls: o.maxCalls,
          log: o.log,
        }),
      )
      .then((r) => o.log.info({ ...r }, 'coverage backfill done'))
      .catch((err: Error) => o.log.warn({ err: err.message }, 'coverage backfill failed'))
      .finally(this.finish);
  }
}
