// Figures of guide 4.1, 4.2 and 4.3, computed from the call log only (never drawn at random).

import type { CallCentre } from './centre';
import { currentLeg } from './centre';
import type { Call, Leg } from './call-log';

const SEC = 1000;
const secs = (ms: number): number => Math.floor(ms / SEC);

/** guide 4.3, in plain numbers (seconds for times); format.ts gives them their wire shape. */
export interface GroupSupervisionFigures {
  group_id: number;
  group_name: string;
  nbr_global: number;
  nbr_global_reel: number;
  nbr_escalades: number;
  pourc_decroche: number;
  nbr_comm: number;
  nbr_attente: number;
  nbr_perdus: number;
  nbr_perdus_reel: number;
  tps_max_attente: number;
  tps_moyen_attente: number;
  tps_moyen_comm: number;
  tps_moyen_abandon: number;
  nbr_appels_attente_moins1m: number;
  nbr_appels_attente_1a3m: number;
  nbr_appels_attente_3mplus: number;
  nbr_abandonne: number;
  nbr_repondu: number;
  tps_moyen_catchup: number;
  /** Not in the guide: answered so far, so that nbr_global = answered + lost + escalated + waiting. */
  nbr_repondus_total: number;
}

const mean = (xs: number[]): number =>
  xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0;

function legsOf(calls: Call[], groupId: number): { leg: Leg; call: Call; index: number }[] {
  const out: { leg: Leg; call: Call; index: number }[] = [];
  for (const call of calls) {
    call.legs.forEach((leg, index) => {
      if (leg.groupId === groupId) out.push({ leg, call, index });
    });
  }
  return out;
}

/**
 * guide 4.3 for one group, over the current local day. Thresholds in seconds: abandoned within
 * X s (default 5), answered within Y s of entering the group (default 45).
 */
export function groupSupervision(
  centre: CallCentre,
  groupId: number,
  thresholds: { abandonedWithin: number; answeredWithin: number },
): GroupSupervisionFigures {
  const now = centre.now();
  const group = centre.group(groupId);
  // Legs entered today; calls that arrived before midnight but overflowed today still count here.
  const dayStart = centre.dayStart(now);
  const calls = centre.log.arrivedBetween(dayStart - 6 * 3600 * SEC, now + 1);
  const legs = legsOf(calls, groupId).filter(
    (l) => l.leg.enteredAt >= dayStart && l.leg.enteredAt <= now,
  );
  const answered = legs.filter((l) => l.leg.outcome === 'answered');
  const lost = legs.filter((l) => l.leg.outcome === 'abandoned');
  const escalated = legs.filter((l) => l.leg.outcome === 'overflowed');
  const first = legs.filter((l) => l.index === 0);
  // "Now" figures are about every call in the queue, whenever it entered.
  const waitingNow = legsOf(centre.log.active(), groupId).filter(
    (l) => l.leg.outcome === 'waiting',
  );
  const waits = waitingNow.map((l) => now - l.leg.enteredAt);
  const inConversation = centre.log
    .active()
    .filter(
      (c) => c.direction === 'in' && c.answeredAt !== null && currentLeg(c)?.groupId === groupId,
    );
  const finishedTalks = answered.filter((l) => l.call.endedAt !== null);
  const catchups = finishedTalks.filter(
    (l) => l.call.catchupEndAt !== null && l.call.catchupEndAt <= now,
  );
  const allWaits = [
    ...legs.filter((l) => l.leg.leftAt !== null).map((l) => (l.leg.leftAt ?? 0) - l.leg.enteredAt),
    ...waits,
  ];
  return {
    group_id: groupId,
    group_name: group?.name ?? '',
    nbr_global: legs.length,
    nbr_global_reel: first.length,
    nbr_escalades: escalated.length,
    pourc_decroche: legs.length ? Math.round((answered.length / legs.length) * 1000) / 10 : 0,
    nbr_comm: inConversation.length,
    nbr_attente: waitingNow.length,
    nbr_perdus: lost.length,
    nbr_perdus_reel: lost.filter((l) => l.index === 0).length,
    tps_max_attente: secs(Math.max(0, ...allWaits)),
    tps_moyen_attente: mean(answered.map((l) => secs((l.leg.answeredAt ?? 0) - l.leg.enteredAt))),
    tps_moyen_comm: mean(
      finishedTalks.map((l) => secs((l.call.endedAt ?? 0) - (l.leg.answeredAt ?? 0))),
    ),
    tps_moyen_abandon: mean(lost.map((l) => secs((l.leg.leftAt ?? 0) - l.leg.enteredAt))),
    nbr_appels_attente_moins1m: waits.filter((w) => w < 60 * SEC).length,
    nbr_appels_attente_1a3m: waits.filter((w) => w >= 60 * SEC && w < 180 * SEC).length,
    nbr_appels_attente_3mplus: waits.filter((w) => w >= 180 * SEC).length,
    nbr_abandonne: lost.filter(
      (l) => (l.leg.leftAt ?? 0) - l.leg.enteredAt <= thresholds.abandonedWithin * SEC,
    ).length,
    nbr_repondu: answered.filter(
      (l) => (l.leg.answeredAt ?? 0) - l.leg.enteredAt <= thresholds.answeredWithin * SEC,
    ).length,
    tps_moyen_catchup: mean(
      catchups.map((l) => secs((l.call.catchupEndAt ?? 0) - (l.call.endedAt ?? 0))),
    ),
    nbr_repondus_total: answered.length,
  };
}

export interface NumberStatsFigures {
  total_duration: number;
  calls_count: number;
  agent_connected_calls_count: number;
  active_calls?: number;
  in_conversation_calls?: number;
  oldest_call_since?: number | null;
  oldest_in_conversation_call_since?: number | null;
}

/** guide 4.1: inbound calls that arrived on the numbers in [from, to); all numbers when none given. */
export function numberStats(
  centre: CallCentre,
  q: { from: number; to: number; numbers: string[]; realtime: boolean },
): NumberStatsFigures {
  const now = centre.now();
  const match = (c: Call): boolean =>
    c.direction === 'in' && (q.numbers.length === 0 || q.numbers.includes(c.serviceNumber));
  const calls = centre.log.arrivedBetween(q.from, Math.min(q.to, now + 1)).filter(match);
  const out: NumberStatsFigures = {
    // Whole calls, as the network sees them: from arrival to hang-up (or now, while in progress).
    total_duration: calls.reduce((s, c) => s + secs((c.endedAt ?? now) - c.arrivedAt), 0),
    calls_count: calls.length,
    agent_connected_calls_count: calls.filter((c) => c.answeredAt !== null).length,
  };
  if (q.realtime) {
    const active = centre.log.active().filter(match);
    const talking = active.filter((c) => c.answeredAt !== null);
    out.active_calls = active.length;
    out.in_conversation_calls = talking.length;
    out.oldest_call_since = active.length ? Math.min(...active.map((c) => c.arrivedAt)) : null;
    out.oldest_in_conversation_call_since = talking.length
      ? Math.min(...talking.map((c) => c.answeredAt ?? now))
      : null;
  }
  return out;
}

export interface GroupStatsFigures {
  total_duration: number;
  calls_count: number;
  agent_connected_calls_count: number;
  active_calls?: number;
  oldest_call_connected_since?: number | null;
  oldest_call_waiting_since?: number | null;
}

/** guide 4.2: calls presented to the groups (one per leg) that entered in [from, to); all groups when none given. */
export function groupCallStats(
  centre: CallCentre,
  q: { from: number; to: number; groupIds: number[]; realtime: boolean },
): GroupStatsFigures {
  const now = centre.now();
  const ids = q.groupIds.length ? q.groupIds : centre.groups.map((g) => g.id);
  const to = Math.min(q.to, now + 1);
  const calls = centre.log.arrivedBetween(q.from - 6 * 3600 * SEC, to);
  const legs = ids
    .flatMap((id) => legsOf(calls, id))
    .filter((l) => l.leg.enteredAt >= q.from && l.leg.enteredAt < to);
  const answered = legs.filter((l) => l.leg.outcome === 'answered');
  const out: GroupStatsFigures = {
    // Conversation time with the agents (up to now for calls still in conversation).
    total_duration: answered.reduce(
      (s, l) => s + secs((l.call.endedAt ?? now) - (l.leg.answeredAt ?? now)),
      0,
    ),
    calls_count: legs.length,
    agent_connected_calls_count: answered.length,
  };
  if (q.realtime) {
    const active = ids.flatMap((id) => legsOf(centre.log.active(), id));
    const current = active.filter((l) => l.index === l.call.legs.length - 1);
    const connected = current.filter((l) => l.leg.outcome === 'answered');
    const waiting = current.filter((l) => l.leg.outcome === 'waiting');
    out.active_calls = connected.length + waiting.length;
    out.oldest_call_connected_since = connected.length
      ? Math.min(...connected.map((l) => l.leg.answeredAt ?? now))
      : null;
    out.oldest_call_waiting_since = waiting.length
      ? Math.min(...waiting.map((l) => l.leg.enteredAt))
      : null;
  }
  return out;
}
