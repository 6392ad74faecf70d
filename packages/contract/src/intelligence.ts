// Operational intelligence in the snapshot (issue 7): active alerts and the staffing need per group.
//
// Proposed additions to snapshot.ts, for whoever wires the BFF's intelligence cores in:
//   SnapshotSchema: `alerts: Type.Array(AlertSchema)` (the active alerts, most severe first);
//   GroupSchema:    `staffing: StaffingSchema`.
// They live here until then so the SPA and the BFF can agree on them without touching the live shape.
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
  /** Stable while the alert lasts; a new raise of the same rule on the same subject gets a new id. */
  id: Type.String(),
  /** The rule's id from the rules file. */
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

/** A transition, for the day's history (`GET /api/alerts`) and the outbound webhook. */
export const AlertEventSchema = Type.Object({
  type: Type.Union([Type.Literal('raised'), Type.Literal('cleared')]),
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
