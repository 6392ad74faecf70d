// VIGIE_FAST_STATES (issue 14.1, API-NOTES "Fresher states"): between two operators_init, the
// status history (guide 3.4) says who changed state, and that operator's op_details (3.5) says
// what to. Every call goes through a hard per-minute budget; the next operators_init reconciles.
import type { AxialysClient, OperatorDetails, StatusEvent } from '@vigie/axialys-client';
import type { Clock } from '../lib/clock';
import type { Cached } from './drilldown-cache';
import type { CallBudget } from './fast-budget';

/** One operator's op_details read after a change, for the snapshot to apply at once. */
export interface FastStateUpdate {
  readonly id: number;
  readonly details: OperatorDetails;
  readonly fetchedAt: number;
  /**
   * guide 3.4: the end of the operator's latest event, when the period it is in began (its start
   * to the second); null when the read was not caused by an event (a re-check of a ringing state).
   */
  readonly periodStart: number | null;
}

type FastStatesEndpoint = 'calls_status' | 'op_details';

export interface FastStatesOptions {
  client: Pick<AxialysClient, 'statusHistory'>;
  /** The drill-down cache of op_details: coalesced, at most one upstream call per key and ttl. */
  details: {
    get(id: number): Promise<Cached<OperatorDetails>>;
    peek(id: number): Cached<OperatorDetails> | undefined;
  };
  clock: Clock;
  budget: CallBudget;
  /** The op_details cache's ttl: a cached answer older than the change is retried after it. */
  detailsTtlMs: number;
  /** How often the status history is read (default 5 s). */
  historyEveryMs?: number;
  onUpdate(updates: readonly FastStateUpdate[]): void;
  /** A call left for upstream (counted in the budget). */
  onCall?(endpoint: FastStatesEndpoint): void;
  /** The budget refused a call: nothing more until the sliding minute has room. */
  onExhausted?(): void;
  log?: { warn(obj: object, msg: string): void };
}

/**
 * guide 3.4 is asked by the events' start date, and an event appears when its period ends: a
 * period that began before this window and ends now is missed here (the poll still sees it).
 */
const FAST_LOOKBACK_MS = 10 * 60_000;
/** API dates have a one-second resolution and come from another clock (as time-in-state.ts). */
const SKEW_MS = 2_000;
/** op_details calls in flight at once. */
const CONCURRENCY = 4;
/** Ringing and dialling end without a 3.4 event (the call's period goes on): re-read a few times. */
const TRANSIENT = new Set(['ringing', 'calling']);
const MAX_RECHECKS = 3;

interface Dirty {
  /** The change to catch: an op_details read at or after this (+1 s) shows it. */
  after: number;
  notBefore: number;
  rechecks: number;
  periodStart: number | null;
}

const endOf = (e: StatusEvent): number | null => {
  const start = Date.parse(e.startedAt);
  return Number.isFinite(start) ? start + e.durationSeconds * 1000 : null;
};

export class FastStates {
  private stopped = true;
  private timer: { handle: unknown; at: number } | null = null;
  private inFlight: Promise<void> | null = null;
  /** When the last operators_init that answered was sent: what ended before, it has seen. */
  private pollStartedAt: number | null = null;
  private nextHistoryAt = 0;
  private exhaustedUntil = 0;
  private failing = false;
  /** Events already read (operator|start|type → end), so one event causes one read at most. */
  private readonly seen = new Map<string, number>();
  private readonly dirty = new Map<number, Dirty>();
  /** When this loop last read each operator's op_details. */
  private readonly readAt = new Map<number, number>();
  private readonly historyEveryMs: number;

  constructor(private readonly o: FastStatesOptions) {
    this.historyEveryMs = o.historyEveryMs ?? 5_000;
  }

  /** Operators waiting for their op_details (tests). */
  get pending(): number {
    return this.dirty.size;
  }

  start(): void {
    this.stopped = false;
    this.wake(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.o.clock.clearTimeout(this.timer.handle);
    this.timer = null;
    await this.inFlight;
  }

  /** An operators_init sent at `startedAt` answered: it covers every change that ended before. */
  observePoll(startedAt: number): void {
    this.pollStartedAt = startedAt;
    for (const [id, d] of this.dirty) if (d.after + SKEW_MS <= startedAt) this.dirty.delete(id);
    this.wake(0);
  }

  private wake(delayMs: number): void {
    if (this.stopped) return;
    const at = this.o.clock.now() + delayMs;
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) this.o.clock.clearTimeout(this.timer.handle);
    const handle = this.o.clock.setTimeout(() => {
      this.timer = null;
      this.pump();
    }, delayMs);
    this.timer = { handle, at };
  }

  private pump(): void {
    // Nothing before the first operators_init: there is no state yet to make fresher.
    if (this.stopped || this.inFlight || this.pollStartedAt === null) return;
    const now = this.o.clock.now();
    if (now < this.exhaustedUntil) return this.wake(this.exhaustedUntil - now);
    const due = [...this.dirty]
      .filter(([, d]) => d.notBefore <= now)
      .sort((a, b) => a[1].after - b[1].after);
    let work: Promise<void> | null = null;
    if (now >= this.nextHistoryAt) work = this.readHistory(now);
    else if (due.length > 0) work = this.readDetails(due.slice(0, CONCURRENCY));
    if (!work) {
      const next = Math.min(
        this.nextHistoryAt,
        ...[...this.dirty.values()].map((d) => d.notBefore),
      );
      return this.wake(Math.max(0, next - now));
    }
    this.inFlight = work
      .catch((err: unknown) => this.o.log?.warn({ err }, 'fast states: a round failed'))
      .finally(() => {
        this.inFlight = null;
        this.wake(0);
      });
  }

  /** One call allowed by the budget? A refusal (or Redis away) stops the loop until there is room. */
  private async allowed(): Promise<boolean> {
    let wait: number | null;
    try {
      wait = await this.o.budget.take();
    } catch {
      wait = 1_000; // a budget that cannot be read allows nothing
    }
    if (wait === null) return true;
    const until = this.o.clock.now() + wait;
    if (until > this.exhaustedUntil) {
      if (this.exhaustedUntil <= this.o.clock.now()) this.o.onExhausted?.();
      this.exhaustedUntil = until;
    }
    return false;
  }

  private async readHistory(now: number): Promise<void> {
    this.nextHistoryAt = now + this.historyEveryMs;
    if (!(await this.allowed())) return;
    this.o.onCall?.('calls_status');
    let events: StatusEvent[];
    try {
      events = await this.o.client.statusHistory({
        from: new Date(now - FAST_LOOKBACK_MS),
        to: new Date(now),
      });
      this.failing = false;
    } catch (err) {
      if (!this.failing)
        this.o.log?.warn(
          { code: (err as { code?: string }).code },
          'fast states: the status history (3.4) failed; states wait for the poll',
        );
      this.failing = true;
      return;
    }
    const asOf = this.o.clock.now();
    for (const e of events) {
      const end = endOf(e);
      if (end === null) continue;
      const key = `${e.operatorId}|${e.startedAt}|${e.type}`;
      if (this.seen.has(key)) continue;
      this.seen.set(key, end);
      // Ended before the last poll or the last read of this operator: already shown.
      const known = Math.max(
        this.pollStartedAt ?? -Infinity,
        this.readAt.get(e.operatorId) ?? -Infinity,
      );
      if (end + SKEW_MS <= known) continue;
      const d = this.dirty.get(e.operatorId);
      if (d && d.after >= end && d.periodStart !== null) continue;
      this.dirty.set(e.operatorId, {
        after: Math.max(end, d?.after ?? -Infinity),
        notBefore: d?.notBefore ?? asOf,
        rechecks: 0,
        periodStart: Math.max(end, d?.periodStart ?? -Infinity),
      });
    }
    for (const [key, end] of this.seen) if (end < now - 2 * FAST_LOOKBACK_MS) this.seen.delete(key);
  }

  private async readDetails(batch: [number, Dirty][]): Promise<void> {
    const updates: FastStateUpdate[] = [];
    await Promise.all(
      batch.map(async ([id, d]) => {
        // Another viewer's read made after the change is as good as ours, and free.
        const cached = this.o.details.peek(id);
        let got = cached && cached.fetchedAt >= d.after + 1000 ? cached : null;
        if (!got && cached) {
          d.notBefore = cached.fetchedAt + this.o.detailsTtlMs;
          return;
        }
        if (!got) {
          if (!(await this.allowed())) return;
          this.o.onCall?.('op_details');
          try {
            got = await this.o.details.get(id);
          } catch (err) {
            this.o.log?.warn(
              { code: (err as { code?: string }).code, operatorId: id },
              'fast states: op_details (3.5) failed; the poll will show the change',
            );
            d.notBefore = this.o.clock.now() + this.o.detailsTtlMs;
            return;
          }
          // A read already in flight for a viewer may predate the change: try after its ttl.
          if (got.fetchedAt < d.after) {
            d.notBefore = got.fetchedAt + this.o.detailsTtlMs;
            return;
          }
        }
        this.readAt.set(id, got.fetchedAt);
        if (this.dirty.get(id) === d) this.dirty.delete(id);
        if (got.value.state && TRANSIENT.has(got.value.state) && d.rechecks < MAX_RECHECKS) {
          this.dirty.set(id, {
            after: got.fetchedAt,
            notBefore: got.fetchedAt + this.o.detailsTtlMs,
            rechecks: d.rechecks + 1,
            periodStart: null,
          });
        }
        updates.push({
          id,
          details: got.value,
          fetchedAt: got.fetchedAt,
          periodStart: d.periodStart,
        });
      }),
    );
    if (updates.length > 0 && !this.stopped) this.o.onUpdate(updates);
  }
}
