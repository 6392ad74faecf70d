// The alert engine's state as the history keeps it between polls and across restarts: what the
// stores write and read back. It lives here, not in alerts/, so the history never imports alerts.
// One TypeBox schema: the stores check what they read back against it (a record of another
// version's shape is refused, never fed to the engine).
import {
  AlertKindSchema,
  AlertSchema,
  AlertSeveritySchema,
  AlertSubjectSchema,
} from '@vigie/contract';
import Type from 'typebox';

const Ms = Type.Number();

/** One rule on one subject, for as long as its condition is true or its alert is active. */
const TrackSchema = Type.Object({
  rule: Type.String(),
  kind: AlertKindSchema,
  severity: AlertSeveritySchema,
  subject: AlertSubjectSchema,
  /** Start of the current run of true polls; null while the condition is false. */
  trueSince: Type.Union([Ms, Type.Null()]),
  /** Start of the current run of false polls while raised; null while true. */
  falseSince: Type.Union([Ms, Type.Null()]),
  /** When the alert was raised; null while pending. */
  raisedAt: Type.Union([Ms, Type.Null()]),
  /** When the condition was first seen true for the current alert (the alert's `since`). */
  since: Ms,
  figures: AlertSchema.properties.figures,
});
export type Track = Type.Static<typeof TrackSchema>;

const GroupSampleSchema = Type.Object({
  at: Ms,
  serviceLevelPercent: Type.Union([Type.Number(), Type.Null()]),
  /** null when the group had no call yet: 0 % answered of nothing is not a bad rate. */
  answeredPercent: Type.Union([Type.Number(), Type.Null()]),
});
export type GroupSample = Type.Static<typeof GroupSampleSchema>;

/**
 * The one alert shown per figure (the rule's kind) and subject (issue 12.3): the most severe of the
 * raised tracks on it. It keeps its id while any of them is raised, so warning → critical is the
 * same alert escalating.
 */
const FigureAlertSchema = Type.Object({
  id: Type.String(),
  rule: Type.String(),
  kind: AlertKindSchema,
  severity: AlertSeveritySchema,
  subject: AlertSubjectSchema,
  since: Ms,
  figures: AlertSchema.properties.figures,
});
export type FigureAlert = Type.Static<typeof FigureAlertSchema>;

export const AlertStateSchema = Type.Object({
  version: Type.Literal(1),
  /** Keyed by `${rule}|${subject.kind}|${subject.id}`. */
  tracks: Type.Record(Type.String(), TrackSchema),
  /** Per group id, oldest first, for the sliding windows. */
  samples: Type.Record(Type.String(), Type.Array(GroupSampleSchema)),
  // Issue 12: optional, so a record written before them still reads back (the engine fills them).
  /** Per group id: start of the current run of fresh samples without a gap (window coverage). */
  observedSince: Type.Optional(Type.Record(Type.String(), Ms)),
  /** Keyed by `${kind}|${subject.kind}|${subject.id}`. */
  alerts: Type.Optional(Type.Record(Type.String(), FigureAlertSchema)),
});
export type AlertState = Type.Static<typeof AlertStateSchema>;
