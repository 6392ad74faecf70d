// The live snapshot the BFF pushes to every browser: field names here are a contract with the SPA.
import Type from 'typebox';
import { AlertSchema, StaffingSchema } from './intelligence';

const Iso = Type.String({ format: 'date-time', description: 'ISO 8601 instant' });
const IsoOrNull = Type.Union([Iso, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Seconds = Type.Number({ minimum: 0, description: 'seconds' });
const Percent = Type.Number({ minimum: 0, maximum: 100 });

export const OPERATOR_STATES = [
  'available',
  'ringing',
  'calling',
  'connected',
  'unavailable',
] as const;
export const OperatorStateSchema = Type.Union([
  Type.Literal('available'),
  Type.Literal('ringing'),
  Type.Literal('calling'),
  Type.Literal('connected'),
  Type.Literal('unavailable'),
]);
export type OperatorState = (typeof OPERATOR_STATES)[number];

/** `waiting`: started, nothing failed, but no first answer yet (and nothing kept from before). */
export const UPSTREAM_STATUSES = ['ok', 'degraded', 'down', 'unauthorized', 'waiting'] as const;
export const UpstreamStatusSchema = Type.Union([
  Type.Literal('ok'),
  Type.Literal('degraded'),
  Type.Literal('down'),
  Type.Literal('unauthorized'),
  Type.Literal('waiting'),
]);
export type UpstreamStatus = (typeof UPSTREAM_STATUSES)[number];

/**
 * How `stateSince` was obtained:
 * - `exact`: a date from the API (`ui_pause`, `ui_login`, `dt_answer` or the status history);
 * - `poll`: the change was seen between two polls; the true instant lies within one poll interval
 *   before `stateSince`;
 * - `lower-bound`: the operator was already in this state at the first poll that saw them:
 *   they have been in it *at least* since `stateSince`.
 */
export const STATE_SINCE_PRECISIONS = ['exact', 'poll', 'lower-bound'] as const;
export const StateSincePrecisionSchema = Type.Union([
  Type.Literal('exact'),
  Type.Literal('poll'),
  Type.Literal('lower-bound'),
]);
export type StateSincePrecision = (typeof STATE_SINCE_PRECISIONS)[number];

export const SourceFreshnessSchema = Type.Object({
  lastSuccessAt: IsoOrNull,
  /** Age of the source's figures at `takenAt`, in seconds; null before the first success. */
  ageSeconds: Type.Union([Seconds, Type.Null()]),
  /** How often the BFF polls this source, in milliseconds. */
  pollMs: Count,
});
export type SourceFreshness = Type.Static<typeof SourceFreshnessSchema>;

export const UpstreamSchema = Type.Object({
  status: UpstreamStatusSchema,
  /** Last time every source answered. */
  lastSuccessAt: IsoOrNull,
  /** A message for people; never a secret, never a URL with credentials. */
  error: Type.Union([Type.String(), Type.Null()]),
  sources: Type.Object({ operators: SourceFreshnessSchema, groups: SourceFreshnessSchema }),
});
export type Upstream = Type.Static<typeof UpstreamSchema>;

/**
 * Where an operator's `state` comes from (issue 14.1): `poll` is the last operators_init (guide 3.2,
 * its age is `upstream.sources.operators.ageSeconds`); `fast` is the operator's op_details (guide
 * 3.5), read by VIGIE_FAST_STATES after the status history (3.4) showed a change, at `stateAt`.
 */
export const STATE_SOURCES = ['poll', 'fast'] as const;
export const StateSourceSchema = Type.Union([Type.Literal('poll'), Type.Literal('fast')]);
export type StateSource = (typeof STATE_SOURCES)[number];

export const OperatorSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** The operator's login (guide 3.1), when known: what tells two people of the same name apart. */
  login: Type.Optional(Type.String()),
  state: OperatorStateSchema,
  breakName: Type.Union([Type.String(), Type.Null()]),
  stateSince: IsoOrNull,
  stateSincePrecision: StateSincePrecisionSchema,
  /**
   * Absent means `poll`. Sent only for `fast`, with `stateAt`, so a poll that changes nothing
   * changes no operator's bytes (the patch stream stays small).
   */
  stateSource: Type.Optional(StateSourceSchema),
  /** When the `fast` state was read (op_details); the state's age is `takenAt` minus this. */
  stateAt: Type.Optional(Iso),
  loggedInSince: IsoOrNull,
  groups: Type.Array(Type.Integer()),
});
export type SnapshotOperator = Type.Static<typeof OperatorSchema>;

export const StateCountsSchema = Type.Object({
  available: Count,
  ringing: Count,
  calling: Count,
  connected: Count,
  unavailable: Count,
});
export type StateCounts = Type.Static<typeof StateCountsSchema>;

export const ThresholdSchema = Type.Object({ warning: Type.Number(), critical: Type.Number() });
export type Threshold = Type.Static<typeof ThresholdSchema>;

/**
 * The longest wait *now* (guide 4.2 with `include_realtime`, one group per call): `oldestSince` is
 * `oldest_call_waiting_since`, null when nobody waits; `at` is when that was observed (the 4.2
 * answer, or the 4.3 answer that said nobody waits), so the screen can show its age.
 */
export const LiveWaitSchema = Type.Object({
  oldestSince: IsoOrNull,
  at: Iso,
});
export type LiveWait = Type.Static<typeof LiveWaitSchema>;

/**
 * Where each figure turns amber (`warning`) and red (`critical`) for this group: the alert rules'
 * limits when a rule says so for the group (its `limits` or `limit`), else the board's thresholds.
 */
export const GaugeMarksSchema = Type.Object({
  longestWaitSeconds: ThresholdSchema,
  serviceLevelPercent: ThresholdSchema,
  answeredPercent: ThresholdSchema,
  waiting: ThresholdSchema,
});
export type GaugeMarks = Type.Static<typeof GaugeMarksSchema>;

/**
 * The service-level definition a group's figures use (issue 13 §3): guide 4.3 `nbr_repondu` and
 * `nbr_abandonne` as asked for this group, and its target; the screens show it as a formula.
 */
export const GroupServiceLevelSchema = Type.Object({
  answeredWithinS: Count,
  abandonedWithinS: Count,
  targetPct: Percent,
});
export type GroupServiceLevel = Type.Static<typeof GroupServiceLevelSchema>;

export const GroupSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  serviceLevel: GroupServiceLevelSchema,
  waiting: Count,
  inConversation: Count,
  /** `tps_max_attente` (guide 4.3), read as the day's maximum wait. */
  longestWaitSeconds: Seconds,
  /**
   * The live oldest wait (issue 12.4); null when the board has no live figure for the group
   * (VIGIE_REALTIME_MAX_PER_MIN=0, not asked yet within the budget, or the figure went stale).
   */
  liveWait: Type.Union([LiveWaitSchema, Type.Null()]),
  gaugeMarks: GaugeMarksSchema,
  averageWaitSeconds: Seconds,
  averageTalkSeconds: Seconds,
  averageAbandonSeconds: Seconds,
  calls: Count,
  uniqueCalls: Count,
  lost: Count,
  uniqueLost: Count,
  escalated: Count,
  /** From `pourc_decroche`. */
  answeredPercent: Percent,
  /** Answered within `serviceLevel.answeredWithinS` over calls; null with no call yet. */
  serviceLevelPercent: Type.Union([Percent, Type.Null()]),
  answeredWithin: Count,
  abandonedWithin: Count,
  waitingUnder1m: Count,
  waiting1to3m: Count,
  waitingOver3m: Count,
  /** The group's members by state (an operator in several groups counts in each). */
  operators: StateCountsSchema,
  /** Operators the current traffic needs to hold the service-level target, by Erlang C (issue 7). */
  staffing: StaffingSchema,
});
export type SnapshotGroup = Type.Static<typeof GroupSchema>;

/** Settings the screens need to draw what they show; no secret ever goes here. */
export const BoardConfigSchema = Type.Object({
  serviceLevel: Type.Object({
    answeredWithinSeconds: Count,
    abandonedWithinSeconds: Count,
  }),
  thresholds: Type.Object({
    /** Longest wait in seconds: above `warning` is amber, above `critical` red. */
    longestWaitSeconds: ThresholdSchema,
    /** Service level %: below `warning` is amber, below `critical` red. */
    serviceLevelPercent: ThresholdSchema,
    /** Answered %: below `warning` is amber, below `critical` red. */
    answeredPercent: ThresholdSchema,
    /** Callers waiting now: above `warning` is amber, above `critical` red. */
    waiting: ThresholdSchema,
  }),
  /** SSE heartbeat period: a client that hears nothing for CLIENT_WATCHDOG_HEARTBEATS of these reconnects. */
  heartbeatMs: Count,
  /**
   * The account's IANA time zone (AXIALYS_TIMEZONE): every screen shows times and days in it, so
   * a browser elsewhere agrees with the BFF's days and hours (issue 12.5).
   */
  timeZone: Type.String({ minLength: 1 }),
  /**
   * The board's clock minus real time, in ms: 0 on a real account; on the demo, the shift that
   * runs its simulated centre in business hours (SIM_CLOCK). Screens add it to their "now".
   */
  clockShiftMs: Type.Integer(),
});
export type BoardConfig = Type.Static<typeof BoardConfigSchema>;

// The default thresholds live in a TypeBox-free module, so the SPA takes them without the schemas.
export { DEFAULT_THRESHOLDS, thresholdOrderProblem } from './thresholds';

export const CLUSTER_MODES = ['single', 'cluster'] as const;
export const REDIS_STATUSES = ['ok', 'down'] as const;

/**
 * Who made this snapshot. `single`: one BFF process polls and serves (no Redis). `cluster`:
 * several BFFs share a Redis; only the lease holder (`leader`) polls, and every instance streams
 * the same bytes. A snapshot an instance re-marks as stale on its own (Redis unreachable) has
 * `redis: 'down'`, `leader: null` and that instance's id.
 */
export const ClusterSchema = Type.Object({
  mode: Type.Union([Type.Literal('single'), Type.Literal('cluster')]),
  /** The instance that built (or re-marked) this snapshot. */
  instanceId: Type.String(),
  /** The instance that polls upstream; null when unknown (Redis unreachable). */
  leader: Type.Union([Type.String(), Type.Null()]),
  /** Redis as seen by `instanceId`; null in single mode. */
  redis: Type.Union([Type.Literal('ok'), Type.Literal('down'), Type.Null()]),
});
export type ClusterInfo = Type.Static<typeof ClusterSchema>;

export const SnapshotSchema = Type.Object({
  /**
   * Increases by one with each new snapshot. In cluster mode it is cluster-wide (the same on every
   * instance) and starts from Redis's clock in ms, so it never goes back, even after a Redis restart.
   */
  seq: Type.Integer({ minimum: 1 }),
  takenAt: Iso,
  /** The build the BFF serves; a wall reloads itself when this changes. */
  buildId: Type.String(),
  /** True when the board runs on the embedded simulator (a "demo" badge is shown). */
  demo: Type.Boolean(),
  upstream: UpstreamSchema,
  config: BoardConfigSchema,
  operators: Type.Array(OperatorSchema),
  groups: Type.Array(GroupSchema),
  cluster: ClusterSchema,
  /** The active alerts, most severe first (issue 7); messages are worded by the SPA. */
  alerts: Type.Array(AlertSchema),
});
export type Snapshot = Type.Static<typeof SnapshotSchema>;

/**
 * SSE event names on `/api/stream`. EventSource hides comment lines from the page, so the BFF
 * also sends a named `heartbeat` event (data: the server time) every `config.heartbeatMs`: the
 * browser's watchdog counts it as life and reconnects after CLIENT_WATCHDOG_HEARTBEATS (./stream)
 * periods of silence. `patch` is
 * sent only to clients that ask for it (`/api/stream?patch=1`), see SnapshotPatchSchema.
 */
export const STREAM_EVENTS = {
  snapshot: 'snapshot',
  heartbeat: 'heartbeat',
  patch: 'patch',
  /** Issue 13: boards, screens, queues, ticker or acknowledgements changed (SettingsEvent). */
  settings: 'settings',
} as const;

const P = SnapshotSchema.properties;

/**
 * What a `patch` event carries (`/api/stream?patch=1`): the next snapshot's `seq` and `takenAt`;
 * each other top-level field only when it differs from the base's (left out, it is the base's:
 * the thresholds, the cluster and, between two group polls, the queues come once); `operators`
 * always, and `groups` when a queue changed, as the new items and those whose fields came or
 * went (`upsert`, in full), the other changed items as their id and changed fields (`change`),
 * the ids gone (`remove`), and the new id order (`order`) only when it is not
 * the base's order less the removed ids with the new ones appended. Applied with `applyPatch` (`@vigie/contract/patch`)
 * onto the snapshot whose `seq` is `baseSeq`, it gives the next snapshot exactly.
 */
/** An item of a keyed list as a change: its id and the fields that differ from the base's. */
const changeOf = <T extends typeof OperatorSchema | typeof GroupSchema>(item: T) =>
  Type.Intersect([Type.Partial(item), Type.Object({ id: Type.Integer() })]);

// The optional fields are `PATCH_OPTIONAL_FIELDS` (./patch, which the SPA imports without TypeBox).
export const SnapshotPatchSchema = Type.Object({
  seq: P.seq,
  takenAt: P.takenAt,
  buildId: Type.Optional(P.buildId),
  demo: Type.Optional(P.demo),
  upstream: Type.Optional(P.upstream),
  config: Type.Optional(P.config),
  /** Sent when a queue changed: as `operators`, the changed or new, the ids gone, the order. */
  groups: Type.Optional(
    Type.Object({
      upsert: Type.Array(GroupSchema),
      change: Type.Optional(Type.Array(changeOf(GroupSchema))),
      remove: Type.Array(Type.Integer()),
      order: Type.Optional(Type.Array(Type.Integer())),
    }),
  ),
  cluster: Type.Optional(P.cluster),
  alerts: Type.Optional(P.alerts),
  /** The seq of the snapshot this patch applies to (the one the client holds). */
  baseSeq: Type.Integer({ minimum: 1 }),
  operators: Type.Object({
    upsert: Type.Array(OperatorSchema),
    change: Type.Optional(Type.Array(changeOf(OperatorSchema))),
    remove: Type.Array(Type.Integer()),
    order: Type.Optional(Type.Array(Type.Integer())),
  }),
});
export type SnapshotPatch = Type.Static<typeof SnapshotPatchSchema>;
