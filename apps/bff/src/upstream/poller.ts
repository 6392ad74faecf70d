// The one poller of the process: a loop per upstream source, throttled as the guide asks, feeding snapshots.
import {
  AxialysAuthError,
  AxialysRateLimitError,
  AxialysResponseError,
  type AxialysClient,
  type Group,
  type GroupSupervision,
  type Operator,
} from '@vigie/axialys-client';
import { DateTime } from 'luxon';
import type { Clock } from '../lib/clock';
import { fullJitter } from '../lib/backoff';
import { describeUpstreamError } from '../lib/errors';
import { FastStates, type FastStatesOptions } from './fast-states';
import { OldestWait, type LiveWaitFigure } from './oldest-wait';
import type {
  Directory,
  ServiceLevelPair,
  SnapshotSource,
  SourceEvent,
  SourceHealth,
  SourceName,
} from './source';

/**
 * One guide 4.3 request per distinct pair (issue 13 §3): `groups` null asks for every group (the
 * default pair: new groups get figures at once), else only those groups.
 */
export interface ServiceLevelRequest extends ServiceLevelPair {
  groups: readonly number[] | null;
}

export interface PollerOptions {
  client: AxialysClient;
  clock: Clock;
  timeZone: string;
  operatorsMs: number;
  groupsMs: number;
  directoryMs: number;
  answeredWithinSeconds: number;
  abandonedWithinSeconds: number;
  /**
   * The requests of each group poll (per-queue service levels); without it one request for every
   * group with the pair above. Asked at each poll, so a change applies at the next one.
   */
  serviceLevels?: () => readonly ServiceLevelRequest[];
  /** VIGIE_REALTIME_MAX_PER_MIN: guide 4.2 realtime calls per sliding minute (0 or absent: none). */
  realtimeMaxPerMin?: number;
  /** After bad credentials, how long a source waits before it asks again. */
  authRetryMs?: number;
  /** Minimum spacing of directory refreshes caused by an unknown id. */
  directoryOnDemandMs?: number;
  /** VIGIE_FAST_STATES: states between two polls from 3.4 and 3.5 (absent: off). */
  fastStates?: Omit<FastStatesOptions, 'client' | 'clock' | 'onUpdate' | 'log'>;
  /** Whether to fetch today's status history once at start-up (guide 3.4). */
  startupHistory?: boolean;
  random?: () => number;
  /** Poll latency, for metrics. */
  observe?: (source: SourceName, seconds: number, ok: boolean) => void;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

const AUTH_RETRY_MS = 5 * 60_000;
const BACKOFF_FACTOR_CAP = 8;

/** Margin added to the operators_init slot so clock skew never brings two calls under the limit. */
function slotMargin(intervalMs: number): number {
  return Math.max(50, Math.round(intervalMs * 0.01));
}

/** Full-jitter backoff (STYLE 7), never below a quarter period so a fault never means hammering. */
export function backoffDelay(periodMs: number, failures: number, random: () => number): number {
  return fullJitter({
    baseMs: periodMs,
    exponent: Math.min(failures, 10),
    capMs: periodMs * BACKOFF_FACTOR_CAP,
    floorMs: Math.round(periodMs / 4),
    random,
  });
}

type Health = Record<SourceName, SourceHealth>;

export class Poller implements SnapshotSource {
  readonly health: Health;
  directory: Directory = { operators: new Map(), groups: new Map() };

  private readonly listeners: ((e: SourceEvent) => void)[] = [];
  private readonly timers = new Map<SourceName, { handle: unknown; at: number }>();
  private readonly inFlight = new Map<SourceName, Promise<void>>();
  private readonly failures: Record<SourceName, number> = { operators: 0, groups: 0, directory: 0 };
  private readonly lastStart: Record<SourceName, number | null> = {
    operators: null,
    groups: null,
    directory: null,
  };
  private stopped = true;
  private historyDone = false;
  private readonly random: () => number;
  private readonly authRetryMs: number;
  private readonly directoryOnDemandMs: number;
  private readonly oldestWait: OldestWait;
  private readonly fast: FastStates | null;

  constructor(private readonly o: PollerOptions) {
    this.random = o.random ?? Math.random;
    this.authRetryMs = o.authRetryMs ?? Math.max(AUTH_RETRY_MS, o.operatorsMs);
    this.directoryOnDemandMs = o.directoryOnDemandMs ?? Math.min(60_000, o.directoryMs);
    const h = (pollMs: number): SourceHealth => ({
      lastAttemptAt: null,
      lastSuccessAt: null,
      error: null,
      unauthorized: false,
      pollMs,
    });
    this.oldestWait = new OldestWait({
      client: o.client,
      clock: o.clock,
      maxPerMinute: o.realtimeMaxPerMin ?? 0,
      onUpdate: () => this.emit({ kind: 'live-wait' }),
      ...(o.log ? { log: o.log } : {}),
    });
    // Runs with the poller, so only the instance that polls (the leader in a cluster) asks.
    this.fast = o.fastStates
      ? new FastStates({
          ...o.fastStates,
          client: o.client,
          clock: o.clock,
          onUpdate: (updates) => this.emit({ kind: 'fast-states', updates }),
          ...(o.log ? { log: o.log } : {}),
        })
      : null;
    this.health = {
      operators: h(o.operatorsMs),
      groups: h(o.groupsMs),
      directory: h(o.directoryMs),
    };
  }

  liveWait(groupId: number): LiveWaitFigure | null {
    return this.oldestWait.get(groupId);
  }

  /** The live oldest wait's loop, for tests that hold the clock until nothing is in flight. */
  get liveWaitActivity(): OldestWait['activity'] {
    return this.oldestWait.activity;
  }

  onEvent(listener: (event: SourceEvent) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.oldestWait.start();
    this.fast?.start();
    // Directory first, so the first snapshot already carries every name; the others right after.
    const first = this.run('directory').finally(() => {
      this.inFlight.delete('directory');
      this.schedule('operators', 0);
      this.schedule('groups', 0);
    });
    this.inFlight.set('directory', first);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const { handle } of this.timers.values()) this.o.clock.clearTimeout(handle);
    this.timers.clear();
    await Promise.allSettled([
      ...this.inFlight.values(),
      this.oldestWait.stop(),
      this.fast?.stop(),
    ]);
  }

  requestDirectoryRefresh(): void {
    if (this.stopped || this.inFlight.has('directory')) return;
    const last = this.lastStart.directory ?? -Infinity;
    const earliest = last + this.directoryOnDemandMs;
    const timer = this.timers.get('directory');
    if (timer && timer.at > earliest)
      this.schedule('directory', Math.max(0, earliest - this.o.clock.now()));
  }

  requestGroupsRefresh(): void {
    // At once, unless a poll is in flight (its successor then keeps the usual spacing).
    if (this.stopped || this.inFlight.has('groups') || !this.timers.has('groups')) return;
    this.schedule('groups', 0);
  }

  private emit(event: SourceEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        // A listener's bug (snapshot build, alerts, a socket) must neither stop the loop nor pass
        // for an upstream failure: say so and carry on with the next poll.
        this.o.log?.warn({ err, event: event.kind }, 'a poll listener failed');
      }
    }
  }

  /** One attempt; an unexpected error still leaves the loop scheduled (at its slowest period). */
  private run(source: SourceName): Promise<void> {
    return this.attempt(source).catch((err: unknown) => {
      this.o.log?.warn({ err, source }, `poll loop of ${source} failed unexpectedly`);
      const period =
        source === 'operators'
          ? this.o.operatorsMs + slotMargin(this.o.operatorsMs)
          : source === 'groups'
            ? this.o.groupsMs
            : this.o.directoryMs;
      if (!this.timers.has(source)) this.schedule(source, period);
    });
  }

  private schedule(source: SourceName, delayMs: number): void {
    if (this.stopped) return;
    const prev = this.timers.get(source);
    if (prev) this.o.clock.clearTimeout(prev.handle);
    const at = this.o.clock.now() + delayMs;
    const handle = this.o.clock.setTimeout(() => {
      this.timers.delete(source);
      // Never two requests in flight for one endpoint: a loop runs its next attempt after the last.
      const run = this.run(source).finally(() => this.inFlight.delete(source));
      this.inFlight.set(source, run);
    }, delayMs);
    this.timers.set(source, { handle, at });
  }

  private async attempt(source: SourceName): Promise<void> {
    const started = this.o.clock.now();
    this.lastStart[source] = started;
    let next: number;
    try {
      const event =
        source === 'operators'
          ? await this.pollOperators()
          : source === 'groups'
            ? await this.pollGroups()
            : await this.pollDirectory();
      // Health first, so the snapshot built from the event already counts this success.
      this.succeeded(source, started);
      // Who waits decides whom 4.2 is asked about; nobody waiting is known at once, for this build.
      if (event.kind === 'groups' && !this.stopped)
        this.oldestWait.observe(event.observation.groups, event.observation.at);
      this.emit(event);
      // After the build: what the poll saw needs no op_details, only what changed since it left.
      if (event.kind === 'operators' && !this.stopped) this.fast?.observePoll(started);
      this.checkUnknownIds(event);
      next = this.nextAfterSuccess(source, started);
    } catch (err) {
      if (err instanceof AxialysRateLimitError && err.local) {
        // Refused in-process before sending: no upstream load, just wait for the slot.
        this.lastStart[source] = null;
        this.schedule(source, err.retryAfterMs + slotMargin(this.o.operatorsMs));
        return;
      }
      next = this.failed(source, started, err);
    }
    if (
      source === 'operators' &&
      !this.historyDone &&
      this.health.operators.lastSuccessAt !== null
    ) {
      this.historyDone = true;
      if (this.o.startupHistory !== false) await this.fetchStartupHistory();
    }
    this.schedule(source, Math.max(0, next - this.o.clock.now()));
  }

  private nextAfterSuccess(source: SourceName, started: number): number {
    // guide 3.2: spaced from the end of the last call, not its start: upstream may stamp a slow
    // (or a released hung) request when it answers, and the spacing must hold either way.
    if (source === 'operators')
      return this.o.clock.now() + this.o.operatorsMs + slotMargin(this.o.operatorsMs);
    if (source === 'groups') return started + this.o.groupsMs;
    return started + this.o.directoryMs;
  }

  private succeeded(source: SourceName, started: number): void {
    const now = this.o.clock.now();
    this.failures[source] = 0;
    Object.assign(this.health[source], {
      lastAttemptAt: now,
      lastSuccessAt: now,
      error: null,
      unauthorized: false,
    });
    this.o.observe?.(source, (now - started) / 1000, true);
  }

  private failed(source: SourceName, started: number, err: unknown): number {
    const now = this.o.clock.now();
    const failures = ++this.failures[source];
    const unauthorized = err instanceof AxialysAuthError;
    Object.assign(this.health[source], {
      lastAttemptAt: now,
      error: describeUpstreamError(err),
      unauthorized,
    });
    this.o.observe?.(source, (now - started) / 1000, false);
    this.o.log?.warn(
      // The wall's own wording (already scrubbed), so the log says what went wrong, not just a code.
      { source, failures, code: (err as { code?: string }).code, error: this.health[source].error },
      `poll of ${source} failed`,
    );
    this.emit({ kind: 'health' });
    // Bad credentials will not fix themselves: ask rarely, never hammer.
    if (unauthorized) return now + this.authRetryMs;
    if (source === 'operators') {
      // guide 3.2: every retry counts against the 30 s budget, so a failure waits for the next slot.
      const slot = now + this.o.operatorsMs + slotMargin(this.o.operatorsMs);
      const retryAfter = err instanceof AxialysRateLimitError ? now + err.retryAfterMs : 0;
      return Math.max(slot, retryAfter);
    }
    const period =
      source === 'groups' ? this.o.groupsMs : Math.min(this.o.groupsMs, this.o.directoryMs);
    const cap = source === 'directory' ? this.o.directoryMs : Number.POSITIVE_INFINITY;
    return now + Math.min(cap, backoffDelay(period, failures, this.random));
  }

  /** An operator or group without a name: refresh the directories soon (rate-limited). */
  private checkUnknownIds(event: SourceEvent): void {
    const { operators, groups } = this.directory;
    const unknown =
      event.kind === 'operators'
        ? event.observation.statuses.some(
            (s) => !operators.has(s.id) || s.groupIds.some((g) => !groups.has(g)),
          )
        : event.kind === 'groups'
          ? event.observation.groups.some((g) => !groups.has(g.groupId))
          : false;
    if (unknown) this.requestDirectoryRefresh();
  }

  private async pollOperators(): Promise<SourceEvent> {
    const statuses = await this.o.client.operatorsInit();
    // guide 3.2 gives every operator's status: none at all while the directory lists some is the
    // list missing, not an empty centre (issue 10).
    const known = this.directory.operators.size;
    if (statuses.length === 0 && known > 0)
      throw new AxialysResponseError(
        'operators_init',
        'data',
        `no operator, while 3.1 lists ${known}`,
      );
    return { kind: 'operators', observation: { at: this.o.clock.now(), statuses } };
  }

  private async pollGroups(): Promise<SourceEvent> {
    const planned = this.o.serviceLevels?.() ?? [];
    const requests: readonly ServiceLevelRequest[] =
      planned.length > 0
        ? planned
        : [
            {
              answeredWithinS: this.o.answeredWithinSeconds,
              abandonedWithinS: this.o.abandonedWithinSeconds,
              groups: null,
            },
          ];
    // guide 4.3: one call per distinct (nbr_repondu, nbr_abandonne) pair, one after the other
    // (never two in flight); a group asked for by name takes its record from its own pair's call.
    // A group no longer in the directory is not asked for by name (4.3 would answer 404 for it and
    // fail every poll); the default pair's call covers whatever is left.
    const dir = this.directory.groups;
    const keep = (ids: readonly number[] | null) =>
      ids === null || dir.size === 0 ? ids : ids.filter((id) => dir.has(id));
    const plan = requests.map((r) => ({ ...r, groups: keep(r.groups) }));
    const named = new Set(plan.flatMap((r) => r.groups ?? []));
    const byGroup = new Map<number, GroupSupervision>();
    const pairs = new Map<number, ServiceLevelPair>();
    for (const r of plan) {
      if (r.groups !== null && r.groups.length === 0) continue;
      const ids = r.groups;
      const found = await this.o.client.groupSupervision({
        answeredWithinSeconds: r.answeredWithinS,
        abandonedWithinSeconds: r.abandonedWithinS,
        ...(ids === null ? {} : { groupIds: ids }),
      });
      for (const g of found) {
        if (ids === null ? named.has(g.groupId) : !ids.includes(g.groupId)) continue;
        byGroup.set(g.groupId, g);
        pairs.set(g.groupId, {
          answeredWithinS: r.answeredWithinS,
          abandonedWithinS: r.abandonedWithinS,
        });
      }
    }
    const groups = [...byGroup.values()];
    const known = this.directory.groups.size;
    if (groups.length === 0 && known > 0)
      throw new AxialysResponseError(
        'stats/group_stats',
        'data',
        `no group, while 3.3 lists ${known}`,
      );
    return { kind: 'groups', observation: { at: this.o.clock.now(), groups, pairs } };
  }

  private async pollDirectory(): Promise<SourceEvent> {
    // guide 3.1 and 3.3: change rarely; one list call each, one after the other.
    let operators: Operator[] | null = null;
    let groups: Group[] | null = null;
    let error: unknown = null;
    try {
      operators = await this.o.client.listOperators();
    } catch (err) {
      error = err;
    }
    try {
      groups = await this.o.client.listGroups();
    } catch (err) {
      error ??= err;
    }
    if (operators || groups) {
      this.directory = {
        operators: operators
          ? new Map(operators.map((op) => [op.id, op]))
          : this.directory.operators,
        groups: groups ? new Map(groups.map((g) => [g.id, g])) : this.directory.groups,
      };
    }
    if (error) {
      // A half-refreshed directory is still worth showing; the failure is reported by health.
      if (operators || groups) this.emit({ kind: 'directory', directory: this.directory });
      throw error;
    }
    return { kind: 'directory', directory: this.directory };
  }

  private async fetchStartupHistory(): Promise<void> {
    // guide 3.4: one call for today at start-up refines the first poll's time in state.
    const now = this.o.clock.now();
    const from = DateTime.fromMillis(now, { zone: this.o.timeZone }).startOf('day');
    try {
      const events = await this.o.client.statusHistory({
        from: from.toJSDate(),
        to: new Date(now),
      });
      this.emit({ kind: 'history', at: now, events });
    } catch (err) {
      this.o.log?.warn(
        { code: (err as { code?: string }).code },
        'start-up status history failed; time in state stays a lower bound',
      );
    }
  }
}
