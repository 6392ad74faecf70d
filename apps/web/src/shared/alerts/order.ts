// Which alerts to show, in what order, how many fit, and which tile or panel each one marks.
import type { Alert, AlertSeverity, AlertSubject, Snapshot } from '@vigie/contract';

const RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1 };

const NO_ALERTS: readonly Alert[] = [];

/**
 * The snapshot's active alerts, the same array while they are unchanged; an older BFF without the
 * field has none (always the same empty array).
 */
export function alertsOf(snapshot: Snapshot | undefined): readonly Alert[] {
  const alerts = (snapshot as { alerts?: readonly Alert[] } | undefined)?.alerts;
  return Array.isArray(alerts) ? alerts : NO_ALERTS;
}

/** Critical first, then the oldest first (it has waited longest for someone), then by id. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      (RANK[a.severity] ?? 2) - (RANK[b.severity] ?? 2) ||
      Date.parse(a.since) - Date.parse(b.since) ||
      a.id.localeCompare(b.id),
  );
}

export interface AlertFit<T> {
  shown: readonly T[];
  /** How many are left out ("+N more"); 0 when all fit. */
  more: number;
}

/**
 * At most `slots` cells: every alert when they fit, else `slots - 1` of them and a "+N more"
 * cell, so the count always has a place of its own.
 */
export function fitAlerts<T>(alerts: readonly T[], slots: number): AlertFit<T> {
  const n = Math.max(1, Math.floor(slots));
  if (alerts.length <= n) return { shown: alerts, more: 0 };
  const shown = alerts.slice(0, n - 1);
  return { shown, more: alerts.length - shown.length };
}

const subjectKey = (s: AlertSubject): string => `${s.kind}:${s.id}`;

/** The worst severity per subject (`group:12`, `operator:1010`), for highlighting. */
export function severityBySubject(alerts: readonly Alert[]): ReadonlyMap<string, AlertSeverity> {
  const out = new Map<string, AlertSeverity>();
  for (const a of alerts) {
    const key = subjectKey(a.subject);
    const had = out.get(key);
    if (had === undefined || RANK[a.severity] < RANK[had]) out.set(key, a.severity);
  }
  return out;
}

/** The worst severity of a list, or null when it is empty. */
export function worstSeverity(alerts: readonly Alert[]): AlertSeverity | null {
  if (alerts.length === 0) return null;
  return alerts.some((a) => a.severity === 'critical') ? 'critical' : 'warning';
}

/** Seconds since the alert's condition was first seen, never negative (clocks drift). */
export function alertAgeSeconds(alert: Pick<Alert, 'since'>, now: number): number {
  const t = Date.parse(alert.since);
  return Number.isNaN(t) ? 0 : Math.max(0, (now - t) / 1000);
}
