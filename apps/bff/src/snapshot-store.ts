// The latest snapshot, serialised once, and who wants to hear about the next one.
import type { OperatorDetails, OperatorStatus } from '@vigie/axialys-client';
import type { BoardConfig, Snapshot } from '@vigie/contract';
import type { Clock } from './clock';
import { buildSnapshot } from './snapshot-builder';
import type {
  OperatorsObservation,
  SnapshotSource,
  SourceEvent,
  SupervisionObservation,
} from './source';
import { TimeInState } from './time-in-state';

/** One snapshot with its bytes: JSON for REST, the SSE frame for streams (both made once). */
export interface PublishedSnapshot {
  readonly snapshot: Snapshot;
  readonly json: string;
  readonly frame: Buffer;
}

export interface SnapshotStoreOptions {
  source: SnapshotSource;
  clock: Clock;
  buildId: string;
  demo: boolean;
  config: BoardConfig;
  /** A cached op_details, if the drill-down cache holds one: never an upstream call. */
  peekDetails?: (id: number) => { value: OperatorDetails; fetchedAt: number } | undefined;
}

export function sseFrame(seq: number, json: string): Buffer {
  return Buffer.from(`id: ${seq}\nevent: snapshot\ndata: ${json}\n\n`);
}

export class SnapshotStore {
  private latestSnapshot: PublishedSnapshot | null = null;
  private seq = 0;
  private operators: OperatorsObservation | null = null;
  private groups: SupervisionObservation | null = null;
  private readonly timeInState = new TimeInState();
  private readonly listeners = new Set<(p: PublishedSnapshot) => void>();

  constructor(private readonly o: SnapshotStoreOptions) {
    o.source.onEvent((e) => this.onSourceEvent(e));
  }

  get latest(): PublishedSnapshot | null {
    return this.latestSnapshot;
  }

  /** The listener is called synchronously with each new snapshot; returns an unsubscribe. */
  subscribe(listener: (p: PublishedSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onSourceEvent(e: SourceEvent): void {
    if (e.kind === 'operators') {
      this.operators = e.observation;
      this.timeInState.observe(e.observation.statuses, e.observation.at);
    } else if (e.kind === 'groups') {
      this.groups = e.observation;
    } else if (e.kind === 'history') {
      const statuses = new Map<number, OperatorStatus>(
        (this.operators?.statuses ?? []).map((s) => [s.id, s]),
      );
      this.timeInState.applyHistory(e.events, statuses, this.operators?.at ?? e.at);
    }
    // Before any answer at all there is nothing to show: wait for a first success or failure.
    this.publish();
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
    this.refineFromCache();
    this.seq += 1;
    const snapshot = buildSnapshot({
      seq: this.seq,
      now: this.o.clock.now(),
      buildId: this.o.buildId,
      demo: this.o.demo,
      config: this.o.config,
      health: this.o.source.health,
      operators: this.operators,
      groups: this.groups,
      directory: this.o.source.directory,
      timeInState: this.timeInState,
    });
    const json = JSON.stringify(snapshot);
    const published: PublishedSnapshot = Object.freeze({
      snapshot: deepFreeze(snapshot),
      json,
      frame: sseFrame(snapshot.seq, json),
    });
    this.latestSnapshot = published;
    for (const l of this.listeners) l(published);
    return published;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
