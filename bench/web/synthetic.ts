// Valid snapshots of a synthetic 1,000-operator board, a few per cent of operators changing each time.
import {
  OPERATOR_STATES,
  type OperatorState,
  type Snapshot,
  type SnapshotGroup,
  type SnapshotOperator,
} from '@vigie/contract';

const FIRST = [
  'Anaïs',
  'Bruno',
  'Chloé',
  'David',
  'Élodie',
  'Farid',
  'Gaëlle',
  'Hugo',
  'Inès',
  'Jules',
];
const LAST = [
  'Lefèvre',
  'Martin',
  'Bernard',
  'Dubois',
  'Moreau',
  'Laurent',
  'Girard',
  'Roux',
  'Fournier',
  'Mercier',
];
const BREAKS = ['Pause', 'Déjeuner', 'Formation', null];

function stateOf(id: number, update: number): OperatorState {
  // About 5 % of the board changes at each update, and the legend's counts move with it.
  const shift = (id + update) % 20 === 0 ? update : 0;
  return OPERATOR_STATES[(id * 7 + shift) % OPERATOR_STATES.length] ?? 'available';
}

export function syntheticSnapshot(
  seq: number,
  opts: {
    operators: number;
    groups: number;
    now: number;
    /**
     * The snapshot before: an operator whose state did not change keeps its start, as upstream's
     * would (without it, every start moves with `now` and every operator differs).
     */
    prev?: Snapshot;
  },
): Snapshot {
  const before = new Map(opts.prev?.operators.map((o) => [o.id, o]));
  const iso = new Date(opts.now).toISOString();
  const dayStart = new Date(opts.now - 3 * 3600_000).toISOString();
  const operators: SnapshotOperator[] = Array.from({ length: opts.operators }, (_, i) => {
    const id = 1000 + i;
    const state = stateOf(id, seq);
    const changed = (id + seq) % 20 === 0;
    const kept = changed ? undefined : before.get(id);
    return {
      id,
      name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`,
      state,
      breakName: state === 'unavailable' ? (BREAKS[id % BREAKS.length] ?? null) : null,
      stateSince:
        kept?.stateSince ??
        (changed ? iso : new Date(opts.now - ((id * 37_000) % 3_600_000)).toISOString()),
      stateSincePrecision: kept?.stateSincePrecision ?? (changed ? 'poll' : 'exact'),
      // Logged in once for the day: it moves with `now` only on the first snapshot.
      loggedInSince: before.get(id)?.loggedInSince ?? dayStart,
      groups: [1 + (id % opts.groups), 1 + ((id * 3) % opts.groups)],
    };
  });
  const groups: SnapshotGroup[] = Array.from({ length: opts.groups }, (_, g) => {
    const members = operators.filter((o) => o.groups.includes(g + 1));
    const count = (s: OperatorState) => members.filter((o) => o.state === s).length;
    const calls = 200 + ((seq + g * 13) % 50);
    const answered = calls - ((seq + g) % 30);
    return {
      id: g + 1,
      name: `Groupe ${g + 1}`,
      serviceLevel: { answeredWithinS: 45, abandonedWithinS: 5, targetPct: 80 },
      waiting: (seq + g) % 9,
      inConversation: count('connected'),
      longestWaitSeconds: ((seq * 7 + g * 11) % 240) + 0.5,
      liveWait:
        (seq + g) % 9 === 0
          ? { oldestSince: null, at: iso }
          : {
              oldestSince: new Date(Date.parse(iso) - ((seq + g * 17) % 200) * 1000).toISOString(),
              at: iso,
            },
      gaugeMarks: {
        longestWaitSeconds: { warning: 60, critical: 180 },
        serviceLevelPercent: { warning: 80, critical: 60 },
        answeredPercent: { warning: 90, critical: 80 },
        waiting: { warning: 3, critical: 8 },
      },
      averageWaitSeconds: 20 + (g % 5),
      averageTalkSeconds: 180 + g,
      averageAbandonSeconds: 12,
      calls,
      uniqueCalls: calls - 5,
      lost: calls - answered,
      uniqueLost: Math.max(0, calls - answered - 2),
      escalated: g % 3,
      answeredPercent: Math.round((1000 * answered) / calls) / 10,
      serviceLevelPercent: 50 + ((seq + g * 7) % 50),
      answeredWithin: Math.round(answered * 0.8),
      abandonedWithin: 3,
      waitingUnder1m: (seq + g) % 4,
      waiting1to3m: (seq + g) % 3,
      waitingOver3m: (seq + g) % 2,
      operators: {
        available: count('available'),
        ringing: count('ringing'),
        calling: count('calling'),
        connected: count('connected'),
        unavailable: count('unavailable'),
      },
      staffing: {
        arrivalsPerHour: 120 + g,
        handleSeconds: 180 + g,
        agentsNeeded: 8,
        agentsStaffed: members.length - count('unavailable'),
        predictedServiceLevelPercent: 80,
        basis: { windowMinutes: 30, arrivals: 60, reason: null },
      },
    };
  });
  const source = (pollMs: number) => ({ lastSuccessAt: iso, ageSeconds: 0, pollMs });
  return {
    seq,
    takenAt: iso,
    buildId: 'bench-web',
    demo: false,
    cluster: { mode: 'single', instanceId: 'bench', leader: 'bench', redis: null },
    alerts: [],
    upstream: {
      status: 'ok',
      lastSuccessAt: iso,
      error: null,
      sources: { operators: source(30_000), groups: source(15_000) },
    },
    config: {
      serviceLevel: { answeredWithinSeconds: 45, abandonedWithinSeconds: 5 },
      thresholds: {
        longestWaitSeconds: { warning: 60, critical: 180 },
        serviceLevelPercent: { warning: 80, critical: 60 },
        answeredPercent: { warning: 90, critical: 80 },
        waiting: { warning: 3, critical: 8 },
      },
      heartbeatMs: 15_000,
      timeZone: 'Europe/Paris',
      clockShiftMs: 0,
    },
    operators,
    groups,
  };
}
