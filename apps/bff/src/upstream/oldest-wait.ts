// The live oldest wait (guide 4.2 with include_realtime): one call per waiting group, within a
// calls-per-minute budget, fed by the poller's 4.3 answers and read by every snapshot build.
import type { AxialysClient, GroupSupervision } from '@vigie/axialys-client';
import type { Clock } from '../lib/clock';

/** A group's longest wait now: since when its oldest caller waits (null: nobody), seen at `at`. */
export interface LiveWaitFigure {
  readonly oldestSince: number | null;
  readonly at: number;
}

export interface OldestWaitOptions {
  client: Pick<AxialysClient, 'callsByGroup'>;
  clock: Clock;
  /** VIGIE_REALTIME_MAX_PER_MIN: calls in any sliding minute; 0 turns the live figure off. */
  maxPerMinute: number;
  /** A round of answers is in: the snapshot can be rebuilt. */
  onUpdate: () => void;
  log?: { warn(obj: object, msg: string): void };
}

const MINUTE_MS = 60_000;
/** A figure older than this is not shown: better no live figure than a wrong one. */
export const LIVE_WAIT_MAX_AGE_MS = 10 * MINUTE_MS;

interface Queue {
  /** `nbr_attente` in the last 4.3 answer. */
  waiting: number;
  /** When the group was last asked (answered or not); null: not since it started waiting. */
  askedAt: number | null;
  /** The 4.3 round it was last asked in: at most once per 4.3 answer (nothing newer to learn). */
  round: number;
  /** Someone left the queue since the last ask: the oldest caller may have gone, ask first. */
  shrank: boolean;
}

export class OldestWait {
  private readonly queues = new Map<number, Queue>();
  private readonly figures = new Map<number, LiveWaitFigure>();
  /** Send times of the calls of the last minute (failed ones count: they reached upstream). */
  private sent: number[] = [];
  private timer: { handle: unknown; at: number } | null = null;
  private inFlight: Promise<void> | null = null;
  private stopped = true;
  private dirty = false;
  private failing = false;
  /** Counts 4.3 answers; a group is asked at most once per round. */
  private round = 0;
  /** A call failed: nothing more until the next 4.3 answer (whose loop has its own back-off). */
  private halted = false;

  constructor(private readonly o: OldestWaitOptions) {}

  get enabled(): boolean {
    return this.o.maxPerMinute > 0;
  }

  /** The live figure of a group, or null when the board has none worth showing. */
  get(groupId: number): LiveWaitFigure | null {
    if (!this.enabled) return null;
    const f = this.figures.get(groupId);
    if (!f || this.o.clock.now() - f.at > LIVE_WAIT_MAX_AGE_MS) return null;
    return f;
  }

  /** guide 4.3 answered (all groups): who waits decides who is asked; nobody waiting needs no call. */
  observe(groups: readonly GroupSupervision[], at: number): void {
    if (!this.enabled || this.stopped) return;
    this.round += 1;
    this.halted = false;
    const seen = new Set<number>();
    for (const g of groups) {
      seen.add(g.groupId);
      const q = this.queues.get(g.groupId);
      if (g.waiting <= 0) {
        this.queues.delete(g.groupId);
        this.figures.set(g.groupId, { oldestSince: null, at });
        continue;
      }
      if (!q) {
        // Started waiting: what was known (nobody waiting) is now wrong until asked.
        this.queues.set(g.groupId, { waiting: g.waiting, askedAt: null, round: 0, shrank: false });
        if (this.figures.get(g.groupId)?.oldestSince === null) this.figures.delete(g.groupId);
        continue;
      }
      if (g.waiting < q.waiting) q.shrank = true;
      q.waiting = g.waiting;
    }
    for (const id of [...this.queues.keys()]) if (!seen.has(id)) this.queues.delete(id);
    for (const id of [...this.figures.keys()]) if (!seen.has(id)) this.figures.delete(id);
    // No `dirty` here: the 4.3 answer rebuilds the snapshot itself; only 4.2 answers add one.
    this.pump();
  }

  /** What it does now: waiting on its timer, asking upstream, or nothing until the next 4.3. */
  get activity(): 'idle' | 'timer' | 'asking' {
    return this.inFlight ? 'asking' : this.timer ? 'timer' : 'idle';
  }

  /** With the poller: only the one that polls (the leader in a cluster) asks. */
  start(): void {
    this.stopped = false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) this.o.clock.clearTimeout(this.timer.handle);
    this.timer = null;
    await this.inFlight;
  }

  /** The group to ask next: never asked first, then one whose queue shrank, then the least recent. */
  private next(): number | null {
    const ranked = [...this.queues]
      .filter(([, q]) => q.round < this.round)
      .map(([id, q]) => ({
        id,
        rank: q.askedAt === null ? 0 : q.shrank ? 1 : 2,
        askedAt: q.askedAt ?? -Infinity,
      }));
    ranked.sort((a, b) => a.rank - b.rank || a.askedAt - b.askedAt || a.id - b.id);
    return ranked[0]?.id ?? null;
  }

  /** The earliest time the budget lets one more call leave: a sliding minute, evenly spaced. */
  private budgetAt(now: number): number {
    this.sent = this.sent.filter((t) => t > now - MINUTE_MS);
    const spacing = MINUTE_MS / this.o.maxPerMinute;
    const last = this.sent.at(-1);
    const spaced = last === undefined ? now : last + spacing;
    const windowed =
      this.sent.length < this.o.maxPerMinute
        ? now
        : (this.sent[this.sent.length - this.o.maxPerMinute] ?? now) + MINUTE_MS;
    return Math.max(now, spaced, windowed);
  }

  private pump(): void {
    if (this.stopped || this.inFlight) return;
    const now = this.o.clock.now();
    const next = this.halted ? null : this.next();
    const at = next === null ? null : this.budgetAt(now);
    if (next === null || (at !== null && at > now)) {
      // Nothing more to ask right now: the round is over, let the snapshot show what came in.
      if (this.dirty) {
        this.dirty = false;
        this.o.onUpdate();
      }
      if (at !== null) this.wake(at - now);
      return;
    }
    this.ask(next, now);
  }

  private wake(delayMs: number): void {
    const at = this.o.clock.now() + delayMs;
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) this.o.clock.clearTimeout(this.timer.handle);
    const handle = this.o.clock.setTimeout(() => {
      this.timer = null;
      this.pump();
    }, delayMs);
    this.timer = { handle, at };
  }

  private ask(id: number, now: number): void {
    const q = this.queues.get(id);
    if (q) Object.assign(q, { askedAt: now, round: this.round, shrank: false });
    this.sent.push(now);
    // guide 4.2: several group_id are summed into one figure, so one group per call.
    this.inFlight = this.o.client
      .callsByGroup({ groupIds: [id], includeRealtime: true })
      .then(
        (r) => {
          this.failing = false;
          // Still waiting by the last 4.3? An answer about a queue that emptied meanwhile is moot.
          if (!this.queues.has(id)) return;
          const since = r.realtime?.oldestCallWaitingSince;
          const ms = since === undefined ? NaN : Date.parse(since);
          this.figures.set(id, {
            oldestSince: Number.isFinite(ms) ? ms : null,
            at: this.o.clock.now(),
          });
          this.dirty = true;
        },
        (err: unknown) => {
          // The day's maximum still shows; say it once per run of failures, not per call.
          if (!this.failing)
            this.o.log?.warn(
              { code: (err as { code?: string }).code, groupId: id },
              'live oldest wait (4.2 realtime) failed; panels keep their last figure',
            );
          this.failing = true;
          this.halted = true;
        },
      )
      .finally(() => {
        this.inFlight = null;
        // Through the clock, like every poll loop: a test that holds the clock holds this too.
        this.wake(0);
      });
  }
}
