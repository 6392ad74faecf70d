// The alert engine's state as the history keeps it between polls and across restarts: what the
// stores write and read back. It lives here, not in alerts/, so the history never imports alerts.
import type { Alert, AlertKind, AlertSeverity, AlertSubject } from '@vigie/contract';

type Figures = Alert['figures'];

/** One rule on one subject, for as long as its condition is true or its alert is active. */
export interface Track {
  rule: string;
  kind: AlertKind;
  severity: AlertSeverity;
  subject: AlertSubject;
  /** Start of the current run of true polls; null while the condition is false. */
  trueSince: number | null;
  /** Start of the current run of false polls while raised; null while true. */
  falseSince: number | null;
  /** When the alert was raised; null while pending. */
  raisedAt: number | null;
  /** When the condition was first seen true for the current alert (the alert's `since`). */
  since: number;
  figures: Figures;
}

export interface GroupSample {
  at: number;
  serviceLevelPercent: number | null;
  /** null when the group had no call yet: 0 % answered of nothing is not a bad rate. */
  answeredPercent: number | null;
}

export interface AlertState {
  version: 1;
  /** Keyed by `${rule}|${subject.kind}|${subject.id}`. */
  tracks: Record<string, Track>;
  /** Per group id, oldest first, for the sliding windows. */
  samples: Record<string, GroupSample[]>;
}
