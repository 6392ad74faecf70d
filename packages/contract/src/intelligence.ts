// Operational intelligence (issue 7): alerts, staffing need per group, alert history and coverage per hour.
//
// The snapshot carries `alerts: Alert[]` and `groups[].staffing: Staffing` (see snapshot.ts).
import Type from 'typebox';

const Iso = Type.String({ format: 'date-time', description: 'ISO 8601 instant' });
const Count = Type.Integer({ minimum: 0 });
const Percent = Type.Number({ minimum: 0, maximum: 100 });

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export const AlertSeveritySchema = Type.Union([Type.Literal('warning'), Type.Literal('critical')]);
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** What a rule watches; the SPA builds its French and English messages from this and the figures. */
export const ALERT_KINDS = [
  'queue-unattended',
  'longest-wait',
  'service-level',
  'answered-rate',
  'operator-state',
  'upstream-stale',
] as const;
export const AlertKindSchema = Type.Union([
  Type.Literal('queue-unattended'),
  Type.Literal('longest-wait'),
  Type.Literal('service-level'),
  Type.Literal('answered-rate'),
  Type.Literal('operator-state'),
  Type.Literal('upstream-stale'),
]);
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_SUBJECT_KINDS = ['group', 'operator', 'upstream'] as const;
export const AlertSubjectSchema = Type.Object({
  kind: Type.Union([Type.Literal('group'), Type.Literal('operator'), Type.Literal('upstream')]),
  /** A group or operator id as a string, or the upstream source (`operators` | `groups`). */
  id: Type.String(),
});
export type AlertSubject = Type.Static<typeof AlertSubjectSchema>;

export const AlertSchema = Type.Object({
  /**
   * Stable while the alert lasts, across escalations; a new raise on the same figure and subject
   * (after a clear) gets a new id.
   */
  id: Type.String(),
  /** The id (rules file) of the most severe rule raised on this figure and subject now. */
  rule: Type.String(),
  kind: AlertKindSchema,
  severity: AlertSeveritySchema,
  subject: AlertSubjectSchema,
  /** When the condition was first seen true (before the rule's `for` delay), so ages are honest. */
  since: Iso,
  /** The figures that raised it, as last seen (e.g. `longestWaitSeconds`, `limit`). */
  figures: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()])),
});
export type Alert = Type.Static<typeof AlertSchema>;

/**
 * A transition, for the day's history (`GET /api/alerts`) and the outbound webhook. One alert per
 * figure and subject (issue 12.3): `escalated` / `deescalated` when its severity changes (same id).
 */
export const AlertEventSchema = Type.Object({
  type: Type.Union([
    Type.Literal('raised'),
    Type.Literal('escalated'),
    Type.Literal('deescalated'),
    Type.Literal('cleared'),
  ]),
  at: Iso,
  alert: AlertSchema,
});
export type AlertEvent = Type.Static<typeof AlertEventSchema>;

/** Why a staffing figure is null; the SPA words it. */
export const STAFFING_REASONS = [
  'no-traffic',
  'sample-too-small',
  'no-handle-time',
  'target-unreachable',
  'over-capacity',
] as const;
export const StaffingReasonSchema = Type.Union([
  Type.Literal('no-traffic'),
  Type.Literal('sample-too-small'),
  Type.Literal('no-handle-time'),
  Type.Literal('target-unreachable'),
  Type.Literal('over-capacity'),
]);
export type StaffingReason = (typeof STAFFING_REASONS)[number];

export const StaffingSchema = Type.Object({
  /** Arrival rate over the window; null when the window is empty. */
  arrivalsPerHour: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  /** Average handle time over the window, in seconds; null before any handled call. */
  handleSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  /** Smallest count that meets the group's target by Erlang C; null with `basis.reason`. */
  agentsNeeded: Type.Union([Count, Type.Null()]),
  /** Members logged in and not on a break. */
  agentsStaffed: Count,
  /** Erlang C prediction with `agentsStaffed`; null with `basis.reason` (e.g. over capacity). */
  predictedServiceLevelPercent: Type.Union([Percent, Type.Null()]),
  basis: Type.Object({
    /** Minutes actually observed (less than the configured window just after a start). */
    windowMinutes: Type.Number({ minimum: 0 }),
    arrivals: Count,
    reason: Type.Union([StaffingReasonSchema, Type.Null()]),
  }),
});
export type Staffing = Type.Static<typeof StaffingSchema>;

/** A local day in the account's time zone. */
const DaySchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const DateParam = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}([T ][0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?$',
  description: 'YYYY-MM-DD (local day in the account time zone) or an ISO 8601 instant',
});

// GET /api/alerts?from=&to=: raised and cleared alerts (default: today, in the account's zone).
export const AlertsQuerySchema = Type.Object({
  from: Type.Optional(DateParam),
  to: Type.Optional(DateParam),
});
export type AlertsQuery = Type.Static<typeof AlertsQuerySchema>;

export const AlertsReplySchema = Type.Object({
  from: Iso,
  to: Iso,
  /** Oldest first. A team lead gets only the events about their groups and their operators. */
  events: Type.Array(AlertEventSchema),
});
export type AlertsReply = Type.Static<typeof AlertsReplySchema>;

// GET /api/groups/:id/coverage?date=YYYY-MM-DD (default: today, in the account's zone).
export const CoverageQuerySchema = Type.Object({ date: Type.Optional(DaySchema) });
export type CoverageQuery = Type.Static<typeof CoverageQuerySchema>;

const CountOrNull = Type.Union([Count, Type.Null()]);
const AverageOrNull = Type.Union([Type.Number({ minimum: 0 }), Type.Null()]);

/** One local hour. A figure the board neither saw nor backfilled is null, never zero. */
export const CoverageHourSchema = Type.Object({
  hour: Type.Integer({ minimum: 0, maximum: 23 }),
  calls: CountOrNull,
  answered: CountOrNull,
  lost: CountOrNull,
  /** Time-weighted average over the part of the hour that was seen. */
  operatorsLoggedIn: AverageOrNull,
  operatorsAvailable: AverageOrNull,
  /** Share of the hour the board saw live, 0–1 (0 for an hour known only from the backfill). */
  recorded: Type.Number({ minimum: 0, maximum: 1 }),
  /** Figures filled at start from the API's history (4.2 calls by hour, 3.4 status history). */
  backfilled: Type.Boolean(),
});
export type CoverageHour = Type.Static<typeof CoverageHourSchema>;

export const CoverageReplySchema = Type.Object({
  groupId: Type.Integer(),
  date: DaySchema,
  /** The account's zone, in which `hour` is counted (IANA name). */
  timeZone: Type.String(),
  /** Always 24 rows, hour 0 to 23 (a day with a DST change still gets 24 rows by wall-clock hour). */
  hours: Type.Array(CoverageHourSchema, { minItems: 24, maxItems: 24 }),
});
export type CoverageReply = Type.Static<typeof CoverageReplySchema>;
