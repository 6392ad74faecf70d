// The publish step of the snapshot's way (pipeline.ts): builds from the source, runs the pipeline's
// steps, then publishes here or, in a cluster, through Redis; keeps the latest serialised once and
// tells who wants to hear about the next one (the SSE hub, which scopes and streams it).
import type { OperatorDetails, OperatorStatus } from '@vigie/axialys-client';
import {
  SnapshotSchema,
  type BoardConfig,
  type ClusterInfo,
  type GaugeMarks,
  type GroupServiceLevel,
  type Snapshot,
} from '@vigie/contract';
import { Value } from 'typebox/value';
import type { Clock } from '../lib/clock';
import { restoredUpstream } from './last-snapshot';
import { buildSnapshot, upstreamOf } from './builder';
import type { FastStateUpdate } from '../upstream/fast-states';
import type {
  OperatorsObservation,
  SnapshotSource,
  SourceEvent,
  SupervisionObservation,
} from '../upstream/source';
import type { SnapshotPipeline } from './pipeline';
import { TimeInState } from './time-in-state';

/** One snapshot with its bytes: JSON for REST, the SSE frame for streams (both made once). */
export interface PublishedSnapshot {
  readonly snapshot: Snapshot;
  /** The SSE id (the seq); null for this instance's own stale re-mark (cluster mode). */
  readonly eventId: number | null;
  readonly json: string;
  readonly frame: Buffer;
  /** Issue 10.4: the figures kept from before a restart, shown until the first operators answer. */
  readonly restored?: boolean;
}

export interface SnapshotStoreOptions {
  source: SnapshotSource;
  clock: Clock;
  buildId: string;
  demo: boolean;
  config: BoardConfig;
  /** A cached op_details, if the drill-down cache holds one: never an upstream call. */
  peekDetails?: (id: number) => { value: OperatorDetails; fetchedAt: number } | undefined;
  /** The snapshot's `cluster` block at build time (default: a single process). */
  cluster?: () => ClusterInfo;
  /** What each build goes through before it is published (alerts, staffing…), in order. */
  pipeline?: SnapshotPipeline;
  /**
   * Cluster mode: what the source says is not published here but handed to the cluster, which
   * numbers it, publishes it through Redis and gives it back to every instance (`accept`).
   * `hasOperators`: an operators_init answer is in (a new leader waits for its first one).
   */
  relay?: (r: { build: (seq: number) => Snapshot; hasOperators: boolean }) => void;
  /** The last snapshot kept from before a restart (single process): served until fresh figures. */
  restored?: Snapshot | null;
  /** Warning and critical marks per group (from the alert rules); default the board's thresholds. */
  gaugeMarks?: (groupId: number) => GaugeMarks;
  /** Each group's service-level definition (per-queue settings); default the board's. */
  serviceLevel?: (groupId: number) => GroupServiceLevel;
}

/**
 * The SSE frame of a snapshot. Without `id` (a snapshot re-marked stale by this instance), the
 * browser's Last-Event-ID stays the last cluster seq it received.
 */
export function sseFrame(seq: number | null, json: string): Buffer {
  const id = seq === null ? '' : `id: ${seq}\n`;
  return Buffer.from(`${id}event: snapshot\ndata: ${json}\n\n`);
}

const SINGLE: ClusterInfo = Object.freeze({
  mode: 'single',
  instanceId: 'local',
  leader: 'local',
  redis: null,
});

export class SnapshotStore {
  private latestSnapshot: PublishedSnapshot | null = null;
  private seq = 0;
  private operators: OperatorsObservation | null = null;
  private groups: SupervisionObservation | null = null;
  private timeInState = new TimeInState();
  /**
   * VIGIE_FAST_STATES: operators whose op_details is newer than the last operators_init, with
   * when it was read. The next operators_init answer replaces every one read before it.
   */
  private fast = new Map<number, { status: OperatorStatus; at: number }>();
  /** A new leader's predecessor's operators, applied to its first operators_init answer. */
  private predecessor: Snapshot['operators'] | null = null;
  private readonly listeners = new Set<(p: PublishedSnapshot) => void>();
  /** Issue 10.4: shown (aged) from the start until the first operators_init answer. */
  private restored: Snapshot | null;

  constructor(private readonly o: SnapshotStoreOptions) {
    o.source.onEvent((e) => this.onSourceEvent(e));
    this.restored = o.relay ? null : (o.restored ?? null);
    if (this.restored) this.publish();
  }

  /** True while the figures shown are those kept from before the restart. */
  get servingRestored(): boolean {
    return this.restored !== null && this.operators === null;
  }

  get latest(): PublishedSnapshot | null {
    return this.latestSnapshot;
  }

  /** The heartbeat period announced in this board's snapshots (config.heartbeatMs). */
  get announcedHeartbeatMs(): number {
    return this.o.config.heartbeatMs;
  }

  /** The listener is called synchronously with each new snapshot; returns an unsubscribe. */
  subscribe(listener: (p: PublishedSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onSourceEvent(e: SourceEvent): void {
    if (e.kind === 'operators') {
      this.operators = e.observation;
      // guide 3.2 reconciles: its answer wins over every op_details read before it.
      for (const [id, f] of this.fast) if (f.at <= e.observation.at) this.fast.delete(id);
      this.timeInState.observe(this.merged()?.statuses ?? [], e.observation.at);
      if (this.predecessor) this.timeInState.inherit(this.predecessor);
      this.predecessor = null;
    } else if (e.kind === 'fast-states') {
      if (!this.applyFast(e.updates)) return;
    } else if (e.kind === 'groups') {
      this.groups = e.observation;
    } else if (e.kind === 'history') {
      const statuses = new Map<number, OperatorStatus>(
        (this.operators?.statuses ?? []).map((s) => [s.id, s]),
      );
      this.timeInState.applyHistory(e.events, statuses, this.operators?.at ?? e.at);
    }
    // Before any answer at all there is nothing to show: wait for a first success or failure.
    if (this.o.relay)
      this.o.relay({ build: (seq) => this.build(seq), hasOperators: this.operators !== null });
    else this.publish();
  }

  /**
   * A snapshot received from the cluster (the same bytes on every instance), checked where it comes
   * in: during a rolling upgrade Redis may hold one of another version's shape, which is refused
   * (null) rather than served.
   */
  accept(seq: number, json: string): PublishedSnapshot | null {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(json);
    } catch {
      return null;
    }
    if (!Value.Check(SnapshotSchema, parsed)) return null;
    return this.set(parsed, json, seq);
  }

  /** This instance's own view replacing the latest (a stale re-mark): sent without an SSE id. */
  replace(snapshot: Snapshot, restored = false): PublishedSnapshot {
    const json = JSON.stringify(snapshot);
    return this.set(snapshot, json, null, restored);
  }

  /**
   * Forget what the source said: a new leader starts from its own first answers, keeping the
   * time in state of operators whose state has not changed since `previous` (the last snapshot).
   */
  resetSources(previous: Snapshot | null = null): void {
    this.operators = null;
    this.groups = null;
    this.timeInState = new TimeInState();
    this.fast.clear();
    this.predecessor = previous?.operators ?? null;
  }

  /** The op_details of changed operators over the last poll; false when none applied. */
  private applyFast(updates: readonly FastStateUpdate[]): boolean {
    if (!this.operators) return false;
    const polled = new Map(this.operators.statuses.map((s) => [s.id, s]));
    let applied = false;
    for (const u of updates) {
      const base = polled.get(u.id);
      const known = this.fast.get(u.id);
      if (!base || !u.details.state || u.fetchedAt <= this.operators.at) continue;
      if (known && known.at >= u.fetchedAt) continue;
      const status = statusOfDetails(base, u.details);
      this.fast.set(u.id, { status, at: u.fetchedAt });
      this.timeInState.observeFast(status, u.fetchedAt, u.periodStart, u.details.callAnsweredAt);
      applied = true;
    }
    return applied;
  }

  /** The last poll with the newer op_details applied over it. */
  private merged(): OperatorsObservation | null {
    if (!this.operators || this.fast.size === 0) return this.operators;
    return {
      at: this.operators.at,
      statuses: this.operators.statuses.map((s) => this.fast.get(s.id)?.status ?? s),
    };
  }

  private refineFromCache(): void {
    const peek = this.o.peekDetails;
    if (!peek || !this.operators) return;
    for (const s of this.operators.statuses) {
      if (s.state !== 'connected') continue;
      const cached = peek(s.id);
      if (cached?.value.callAnsweredAt)
        this.timeInState.refineConnected(s.id, cached.value.callAnsweredAt, cached.fetchedAt);
    }
  }

  /** Rebuild from the sources' current state (also used when only health or names changed). */
  publish(): PublishedSnapshot {
    this.seq += 1;
    if (this.servingRestored) {
      const snapshot = this.aged(this.restored!, this.seq);
      return this.set(snapshot, JSON.stringify(snapshot), snapshot.seq, true);
    }
    this.restored = null;
    const snapshot = this.build(this.seq);
    const json = JSON.stringify(snapshot);
    return this.set(snapshot, json, snapshot.seq);
  }

  /** The kept snapshot as of now: same figures, real ages, never 'ok'; not enriched (old figures). */
  private aged(saved: Snapshot, seq: number): Snapshot {
    const now = this.o.clock.now();
    return {
      ...saved,
      seq,
      takenAt: new Date(now).toISOString(),
      buildId: this.o.buildId,
      demo: this.o.demo,
      config: this.o.config,
      upstream: restoredUpstream(saved, now, upstreamOf(this.o.source.health, now)),
      cluster: this.o.cluster?.() ?? SINGLE,
    };
  }

  /** Issue 7: built, then through the pipeline, where it is made (the leader in a cluster). */
  private build(seq: number): Snapshot {
    this.refineFromCache();
    const now = this.o.clock.now();
    const built = buildSnapshot({
      seq,
      now,
      buildId: this.o.buildId,
      demo: this.o.demo,
      config: this.o.config,
      health: this.o.source.health,
      operators: this.merged(),
      fastStateAt: (id) => this.fast.get(id)?.at,
      groups: this.groups,
      directory: this.o.source.directory,
      timeInState: this.timeInState,
      cluster: this.o.cluster?.() ?? SINGLE,
      ...(this.o.source.liveWait ? { liveWait: (id) => this.o.source.liveWait?.(id) ?? null } : {}),
      ...(this.o.gaugeMarks ? { gaugeMarks: this.o.gaugeMarks } : {}),
      ...(this.o.serviceLevel ? { serviceLevel: this.o.serviceLevel } : {}),
    });
    const pipeline = this.o.pipeline;
    if (!pipeline) return built;
    return pipeline.run(built, { now, latest: this.latestSnapshot?.snapshot ?? null });
  }

  private set(
    snapshot: Snapshot,
    json: string,
    eventId: number | null,
    restored = false,
  ): PublishedSnapshot {
    const published: PublishedSnapshot = Object.freeze({
      snapshot: deepFreeze(snapshot),
      eventId,
      json,
      frame: sseFrame(eventId, json),
      ...(restored ? { restored } : {}),
    });
    this.latestSnapshot = published;
    for (const l of this.listeners) l(published);
    return published;
  }
}

/**
 * An op_details answer (guide 3.5) in the shape of an operators_init status (3.2): its state,
 * break and dates; the groups stay the poll's (membership is the directory's business).
 */
function statusOfDetails(base: OperatorStatus, d: OperatorDetails): OperatorStatus {
  const out: OperatorStatus = { id: base.id, groupIds: base.groupIds };
  const state = d.state ?? base.state;
  if (state !== undefined) out.state = state;
  if (d.breakName !== undefined) out.breakName = d.breakName;
  const login = d.lastLoginAt ?? base.lastLoginAt;
  if (login !== undefined) out.lastLoginAt = login;
  const logout = d.lastLogoutAt ?? base.lastLogoutAt;
  if (logout !== undefined) out.lastLogoutAt = logout;
  const pause = d.lastBreakAt ?? base.lastBreakAt;
  if (pause !== undefined) out.lastBreakAt = pause;
  const unpause = d.lastUnbreakAt ?? base.lastUnbreakAt;
  if (unpause !== undefined) out.lastUnbreakAt = unpause;
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
