// One row per number or group of the stats page, from the replies of 4.1/4.2, and their total.
import type { StatsGroupsReply, StatsNumbersReply } from '@vigie/contract';

export type StatsKind = 'numbers' | 'groups';

/** Realtime fields per kind, in display order; counts are summed, instants keep the oldest. */
export const REALTIME_FIELDS = {
  numbers: [
    'activeCalls',
    'inConversationCalls',
    'oldestCallSince',
    'oldestInConversationCallSince',
  ],
  groups: ['activeCalls', 'oldestCallWaitingSince', 'oldestCallConnectedSince'],
} as const satisfies Record<StatsKind, readonly string[]>;

export type RealtimeField = (typeof REALTIME_FIELDS)[StatsKind][number];
export const isInstantField = (f: RealtimeField) => f.endsWith('Since');

export interface StatsRow {
  /** The number (E.164 without plus) or the group id. */
  key: string;
  label: string;
  from: string;
  to: string;
  calls: number;
  answered: number;
  /** answered / calls, 0–100; null without calls. */
  answeredPercent: number | null;
  totalDurationSeconds: number;
  /** Mean duration of an answered call; null without answered calls. */
  averageSeconds: number | null;
  realtime: Partial<Record<RealtimeField, number | string | null>> | null;
  fetchedAt: string;
}

type Reply = StatsNumbersReply | StatsGroupsReply;

const ratio = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);

export function toStatsRow(key: string, label: string, reply: Reply): StatsRow {
  return {
    key,
    label,
    from: reply.from,
    to: reply.to,
    calls: reply.calls,
    answered: reply.agentConnectedCalls,
    answeredPercent: ratio(reply.agentConnectedCalls, reply.calls),
    totalDurationSeconds: reply.totalDurationSeconds,
    averageSeconds:
      reply.agentConnectedCalls > 0 ? reply.totalDurationSeconds / reply.agentConnectedCalls : null,
    realtime: reply.realtime ? { ...reply.realtime } : null,
    fetchedAt: reply.fetchedAt,
  };
}

/** Sum of the rows: counts and durations add up, realtime instants keep the oldest. */
export function totalRow(
  kind: StatsKind,
  rows: readonly StatsRow[],
  label: string,
): StatsRow | null {
  const first = rows[0];
  if (!first) return null;
  const calls = rows.reduce((n, r) => n + r.calls, 0);
  const answered = rows.reduce((n, r) => n + r.answered, 0);
  const totalDurationSeconds = rows.reduce((n, r) => n + r.totalDurationSeconds, 0);
  let realtime: StatsRow['realtime'] = null;
  if (rows.every((r) => r.realtime !== null)) {
    realtime = {};
    for (const field of REALTIME_FIELDS[kind]) {
      const values = rows.map((r) => r.realtime?.[field] ?? null).filter((v) => v !== null);
      if (isInstantField(field)) {
        const instants = values.filter((v): v is string => typeof v === 'string').sort();
        realtime[field] = instants[0] ?? null;
      } else {
        const counts = values.filter((v): v is number => typeof v === 'number');
        realtime[field] = counts.length > 0 ? counts.reduce((a, b) => a + b, 0) : null;
      }
    }
  }
  return {
    key: 'total',
    label,
    from: first.from,
    to: first.to,
    calls,
    answered,
    answeredPercent: ratio(answered, calls),
    totalDurationSeconds,
    averageSeconds: answered > 0 ? totalDurationSeconds / answered : null,
    realtime,
    fetchedAt: rows.map((r) => r.fetchedAt).sort()[0] ?? first.fetchedAt,
  };
}
