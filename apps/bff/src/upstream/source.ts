// What a snapshot is built from, behind an interface: the poller feeds it today, a push source could later.
import type { FastStateUpdate } from './fast-states';
import type { LiveWaitFigure } from './oldest-wait';
import type {
  Group,
  GroupSupervision,
  Operator,
  OperatorStatus,
  StatusEvent,
} from '@vigie/axialys-client';

export type SourceName = 'operators' | 'groups' | 'directory';

export interface SourceHealth {
  /** When the last attempt ended; null before any. */
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** The last attempt's error for people (no secret), null when it succeeded. */
  error: string | null;
  /** The last attempt failed on bad credentials. */
  unauthorized: boolean;
  pollMs: number;
}

/** One observation of every operator's status (guide 3.2), stamped when it was received. */
export interface OperatorsObservation {
  at: number;
  statuses: readonly OperatorStatus[];
}

/** Guide 4.3's two parameters: `nbr_repondu` and `nbr_abandonne`, in seconds. */
export interface ServiceLevelPair {
  answeredWithinS: number;
  abandonedWithinS: number;
}

export interface SupervisionObservation {
  at: number;
  groups: readonly GroupSupervision[];
  /** The pair each group's record was asked with (per-queue service levels, issue 13 §3). */
  pairs?: ReadonlyMap<number, ServiceLevelPair>;
}

export interface Directory {
  operators: ReadonlyMap<number, Operator>;
  groups: ReadonlyMap<number, Group>;
}

export type SourceEvent =
  | { kind: 'operators'; observation: OperatorsObservation }
  | { kind: 'groups'; observation: SupervisionObservation }
  | { kind: 'directory'; directory: Directory }
  /** Today's status history, fetched once at start-up to refine the first poll's states. */
  | { kind: 'history'; at: number; events: readonly StatusEvent[] }
  /** Only health changed (a failed attempt). */
  | { kind: 'health' }
  /** A round of live oldest waits (guide 4.2 realtime) came in: see `liveWait`. */
  | { kind: 'live-wait' }
  /** VIGIE_FAST_STATES: op_details read after a change (3.4), newer than the last poll. */
  | { kind: 'fast-states'; updates: readonly FastStateUpdate[] };

export interface SnapshotSource {
  readonly health: Readonly<Record<SourceName, SourceHealth>>;
  readonly directory: Directory;
  onEvent(listener: (event: SourceEvent) => void): void;
  /** Ask for a directory refresh soon (rate-limited by the source): an unknown id appeared. */
  requestDirectoryRefresh(): void;
  /** Ask for the group figures again soon: a queue's service level changed (issue 13 §3). */
  requestGroupsRefresh?(): void;
  /** The live oldest wait of a group (guide 4.2 realtime), if the source has one. */
  liveWait?(groupId: number): LiveWaitFigure | null;
  start(): void;
  stop(): Promise<void>;
}
