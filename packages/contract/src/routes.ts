// Request and reply shapes of the BFF's REST routes under /api.
import Type from 'typebox';
import { OperatorStateSchema, StateSincePrecisionSchema } from './snapshot';

const Iso = Type.String({ format: 'date-time' });
const IsoOrNull = Type.Union([Iso, Type.Null()]);
const StringOrNull = Type.Union([Type.String(), Type.Null()]);

/** Every 4xx/5xx reply of the BFF. `field` names the offending input when there is one. */
export const ErrorReplySchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
});
export type ErrorReply = Type.Static<typeof ErrorReplySchema>;

/** Dates accepted in query strings: `YYYY-MM-DD` (a whole day) or an ISO instant. */
export const DateParamSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$',
  description: 'YYYY-MM-DD (local day in the account time zone) or an ISO 8601 instant',
});

/**
 * An operator or group id: a positive integer that survives JSON exactly (the client's own bound on
 * the ids upstream gives), so an overflowing one is a 400 here, never a rounded id sent upstream.
 */
export const EntityIdSchema = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const IdParamsSchema = Type.Object({ id: EntityIdSchema });
export type IdParams = Type.Static<typeof IdParamsSchema>;

// GET /api/operators/:id
export const OperatorDetailSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: StringOrNull,
  login: StringOrNull,
  state: OperatorStateSchema,
  breakName: StringOrNull,
  stateSince: IsoOrNull,
  stateSincePrecision: StateSincePrecisionSchema,
  loggedInSince: IsoOrNull,
  lastLogoutAt: IsoOrNull,
  lastBreakAt: IsoOrNull,
  lastUnbreakAt: IsoOrNull,
  groups: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  currentCall: Type.Union([
    Type.Object({
      id: StringOrNull,
      callerNumber: StringOrNull, // E.164 without plus, as the API gives it
      serviceNumber: StringOrNull,
      answeredAt: IsoOrNull,
      groupId: Type.Union([Type.Integer(), Type.Null()]),
      groupName: StringOrNull,
    }),
    Type.Null(),
  ]),
  vars: Type.Record(Type.String(), Type.String()),
  /** When the BFF fetched these figures from upstream (they are cached a few seconds). */
  fetchedAt: Iso,
});
export type OperatorDetail = Type.Static<typeof OperatorDetailSchema>;

// GET /api/operators/:id/history?from=&to=
export const HistoryQuerySchema = Type.Object({
  from: Type.Optional(DateParamSchema),
  to: Type.Optional(DateParamSchema),
});
export type HistoryQuery = Type.Static<typeof HistoryQuerySchema>;

export const HistoryEventSchema = Type.Object({
  type: Type.String({
    description: 'call_in | call_out | break | login | catchup, or a newer type',
  }),
  start: Iso,
  end: Iso,
  durationSeconds: Type.Number({ minimum: 0 }),
  callId: StringOrNull,
  info: StringOrNull,
});
export type HistoryEvent = Type.Static<typeof HistoryEventSchema>;

export const HistoryReplySchema = Type.Object({
  operatorId: Type.Integer(),
  from: Iso,
  to: Iso,
  events: Type.Array(HistoryEventSchema),
  /** Seconds and counts per event type. */
  totals: Type.Record(
    Type.String(),
    Type.Object({ count: Type.Integer({ minimum: 0 }), seconds: Type.Number({ minimum: 0 }) }),
  ),
  /** Share of logged-in time spent in calls and catch-up, 0–100; null without login time. */
  occupancyPercent: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
  fetchedAt: Iso,
});
export type HistoryReply = Type.Static<typeof HistoryReplySchema>;

// GET /api/groups/:id/trend
export const TrendPointSchema = Type.Object({
  at: Iso,
  waiting: Type.Integer({ minimum: 0 }),
  longestWaitSeconds: Type.Number({ minimum: 0 }),
  answeredPercent: Type.Number({ minimum: 0, maximum: 100 }),
  serviceLevelPercent: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
  calls: Type.Integer({ minimum: 0 }),
  lost: Type.Integer({ minimum: 0 }),
  available: Type.Integer({ minimum: 0 }),
});
export type TrendPoint = Type.Static<typeof TrendPointSchema>;

export const TrendReplySchema = Type.Object({
  groupId: Type.Integer(),
  name: Type.String(),
  /** Sampling step of the points in seconds (the BFF keeps at most one point per step). */
  stepSeconds: Type.Integer({ minimum: 1 }),
  points: Type.Array(TrendPointSchema),
});
export type TrendReply = Type.Static<typeof TrendReplySchema>;

// GET /api/stats/numbers?from=&to=&number=…&realtime=1
export const StatsNumbersQuerySchema = Type.Object({
  from: Type.Optional(DateParamSchema),
  to: Type.Optional(DateParamSchema),
  number: Type.Optional(
    Type.Array(Type.String({ pattern: '^\\d{6,15}$', description: 'E.164 without plus' }), {
      maxItems: 50,
    }),
  ),
  realtime: Type.Optional(Type.Boolean()),
});
export type StatsNumbersQuery = Type.Static<typeof StatsNumbersQuerySchema>;

export const StatsGroupsQuerySchema = Type.Object({
  from: Type.Optional(DateParamSchema),
  to: Type.Optional(DateParamSchema),
  group: Type.Optional(Type.Array(EntityIdSchema, { maxItems: 50 })),
  realtime: Type.Optional(Type.Boolean()),
});
export type StatsGroupsQuery = Type.Static<typeof StatsGroupsQuerySchema>;

const CallTotals = {
  from: Iso,
  to: Iso,
  calls: Type.Integer({ minimum: 0 }),
  agentConnectedCalls: Type.Integer({ minimum: 0 }),
  totalDurationSeconds: Type.Number({ minimum: 0 }),
  fetchedAt: Iso,
};

export const StatsNumbersReplySchema = Type.Object({
  ...CallTotals,
  numbers: Type.Array(Type.String()),
  realtime: Type.Union([
    Type.Object({
      activeCalls: Type.Union([Type.Integer(), Type.Null()]),
      inConversationCalls: Type.Union([Type.Integer(), Type.Null()]),
      oldestCallSince: IsoOrNull,
      oldestInConversationCallSince: IsoOrNull,
    }),
    Type.Null(),
  ]),
});
export type StatsNumbersReply = Type.Static<typeof StatsNumbersReplySchema>;

export const StatsGroupsReplySchema = Type.Object({
  ...CallTotals,
  groups: Type.Array(Type.Integer()),
  realtime: Type.Union([
    Type.Object({
      activeCalls: Type.Union([Type.Integer(), Type.Null()]),
      oldestCallConnectedSince: IsoOrNull,
      oldestCallWaitingSince: IsoOrNull,
    }),
    Type.Null(),
  ]),
});
export type StatsGroupsReply = Type.Static<typeof StatsGroupsReplySchema>;

// GET /api/directory: names of numbers and groups for pickers (stats page)
export const DirectoryReplySchema = Type.Object({
  groups: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  numbers: Type.Array(Type.String()),
});
export type DirectoryReply = Type.Static<typeof DirectoryReplySchema>;

/** The longest period upstream accepts for 3.4, 4.1 and 4.2 (guide: "one month"). */
export const MAX_PERIOD_MONTHS = 1;
