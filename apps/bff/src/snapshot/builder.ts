// Builds one immutable snapshot (contract SnapshotSchema) from what the sources last said.
import type { GroupSupervision, OperatorStatus } from '@vigie/axialys-client';
import type {
  BoardConfig,
  ClusterInfo,
  GaugeMarks,
  GroupServiceLevel,
  LiveWait,
  OperatorState,
  Snapshot,
  SnapshotGroup,
  SnapshotOperator,
  Staffing,
  StateCounts,
  Upstream,
} from '@vigie/contract';
import { iso } from '../lib/clock';
import { agentsStaffedIn } from '../staffing/erlang-c';
import type { LiveWaitFigure } from '../upstream/oldest-wait';
import type {
  Directory,
  OperatorsObservation,
  SourceHealth,
  SourceName,
  SupervisionObservation,
} from '../upstream/source';
import { isLoggedOut, type TimeInState } from './time-in-state';

export interface BuildInput {
  seq: number;
  now: number;
  buildId: string;
  demo: boolean;
  config: BoardConfig;
  health: Readonly<Record<SourceName, SourceHealth>>;
  operators: OperatorsObservation | null;
  groups: SupervisionObservation | null;
  directory: Directory;
  timeInState: TimeInState;
  /** VIGIE_FAST_STATES: when an operator's state was read from op_details (absent: the poll's). */
  fastStateAt?: (id: number) => number | undefined;
  /** Who makes the snapshot (the leader in cluster mode); last, so `takenAt` stays near the start. */
  cluster: ClusterInfo;
  /** Staffing need per group (issue 7); without it every group says its sample is too small. */
  staffing?: (group: Omit<SnapshotGroup, 'staffing'>, operators: SnapshotOperator[]) => Staffing;
  /** The live oldest wait per group (guide 4.2 realtime); without it every group has none. */
  liveWait?: (groupId: number) => LiveWaitFigure | null;
  /** Warning and critical marks per group (the rules'); without it the board's thresholds. */
  gaugeMarks?: (groupId: number) => GaugeMarks;
  /** Each group's service-level settings; without it the board's, with no target but 80 %. */
  serviceLevel?: (groupId: number) => GroupServiceLevel;
}

/** What a group's staffing says before the board has a record to derive it from. */
export function staffingUnknown(agentsStaffed: number): Staffing {
  return {
    arrivalsPerHour: null,
    handleSeconds: null,
    agentsNeeded: null,
    agentsStaffed,
    predictedServiceLevelPercent: null,
    basis: { windowMinutes: 0, arrivals: 0, reason: 'sample-too-small' },
  };
}

/** Figures older than this many poll periods make the board 'down' rather than 'degraded'. */
export const STALE_PERIODS = 2;
const CORE: readonly SourceName[] = ['operators', 'groups'];
const LABEL: Record<SourceName, string> = {
  operators: 'Operator states',
  groups: 'Group figures',
  directory: 'Names',
};

export const fallbackName = (id: number): string => `#${id}`;

export function upstreamOf(health: BuildInput['health'], now: number): Upstream {
  const failing = (Object.keys(health) as SourceName[]).filter((s) => health[s].error !== null);
  const stale = CORE.some((s) => {
    const h = health[s];
    return h.lastSuccessAt === null || now - h.lastSuccessAt > STALE_PERIODS * h.pollMs;
  });
  const unauthorized = failing.some((s) => health[s].unauthorized);
  const status: Upstream['status'] = unauthorized
    ? 'unauthorized'
    : failing.length === 0 && !stale
      ? 'ok'
      : failing.length > 0 && !stale
        ? 'degraded'
        : failing.length === 0
          ? CORE.some((s) => health[s].lastSuccessAt === null)
            ? 'waiting' // nothing failed yet, the first answers are on their way: no "ok" without data
            : 'ok'
          : 'down';
  const successes = CORE.map((s) => health[s].lastSuccessAt);
  const lastSuccessAt = successes.some((t) => t === null)
    ? null
    : Math.min(...(successes as number[]));
  let error: string | null = null;
  if (unauthorized) {
    error = `Axialys refused the credentials: check AXIALYS_USER and AXIALYS_PASSWORD. Vigie retries every few minutes.`;
  } else if (failing.length > 0) {
    error = failing.map((s) => `${LABEL[s]}: ${health[s].error}`).join('; ');
  }
  const freshness = (s: SourceName) => {
    const h = health[s];
    return {
      lastSuccessAt: h.lastSuccessAt === null ? null : iso(h.lastSuccessAt),
      ageSeconds: h.lastSuccessAt === null ? null : Math.max(0, (now - h.lastSuccessAt) / 1000),
      pollMs: h.pollMs,
    };
  };
  return {
    status,
    lastSuccessAt: lastSuccessAt === null ? null : iso(lastSuccessAt),
    error,
    sources: { operators: freshness('operators'), groups: freshness('groups') },
  };
}

const zeroCounts = (): StateCounts => ({
  available: 0,
  ringing: 0,
  calling: 0,
  connected: 0,
  unavailable: 0,
});

function operatorOf(s: OperatorStatus, input: BuildInput): SnapshotOperator {
  const state: OperatorState = s.state ?? 'unavailable';
  const since = input.timeInState.get(s.id);
  const known = input.directory.operators.get(s.id);
  const fastAt = input.fastStateAt?.(s.id);
  return {
    id: s.id,
    name: known?.name ?? fallbackName(s.id),
    ...(known?.login ? { login: known.login } : {}),
    state,
    breakName: s.breakName ?? null,
    stateSince: since ? iso(since.since) : null,
    stateSincePrecision: since?.precision ?? 'lower-bound',
    ...(fastAt === undefined ? {} : { stateSource: 'fast' as const, stateAt: iso(fastAt) }),
    loggedInSince: s.lastLoginAt && !isLoggedOut(s) ? new Date(s.lastLoginAt).toISOString() : null,
    groups: [...s.groupIds],
  };
}

function liveWaitOf(id: number, input: BuildInput): LiveWait | null {
  const f = input.liveWait?.(id);
  if (!f) return null;
  return { oldestSince: f.oldestSince === null ? null : iso(f.oldestSince), at: iso(f.at) };
}

function groupOf(
  id: number,
  g: GroupSupervision | undefined,
  counts: StateCounts,
  input: BuildInput,
): Omit<SnapshotGroup, 'staffing'> {
  const calls = g?.calls ?? 0;
  const answeredWithin = g?.answeredWithin ?? 0;
  // The pair the figures were asked with (a change applies from the next poll), the target now.
  const settings = input.serviceLevel?.(id) ?? {
    answeredWithinS: input.config.serviceLevel.answeredWithinSeconds,
    abandonedWithinS: input.config.serviceLevel.abandonedWithinSeconds,
    targetPct: 80,
  };
  const asked = input.groups?.pairs?.get(id);
  return {
    id,
    name: input.directory.groups.get(id)?.name ?? g?.groupName ?? fallbackName(id),
    serviceLevel: asked ? { ...settings, ...asked } : settings,
    waiting: g?.waiting ?? 0,
    inConversation: g?.inConversation ?? 0,
    longestWaitSeconds: g?.maxWaitSeconds ?? 0,
    liveWait: liveWaitOf(id, input),
    gaugeMarks: input.gaugeMarks?.(id) ?? input.config.thresholds,
    averageWaitSeconds: g?.averageWaitSeconds ?? 0,
    averageTalkSeconds: g?.averageTalkSeconds ?? 0,
    averageAbandonSeconds: g?.averageAbandonSeconds ?? 0,
    calls,
    uniqueCalls: g?.uniqueCalls ?? 0,
    lost: g?.lost ?? 0,
    uniqueLost: g?.uniqueLost ?? 0,
    escalated: g?.escalated ?? 0,
    answeredPercent: Math.min(100, Math.max(0, g?.answeredPercent ?? 0)),
    // guide 4.3: nbr_repondu is answered within the set seconds, the service level's numerator.
    serviceLevelPercent: calls === 0 ? null : Math.min(100, (answeredWithin / calls) * 100),
    answeredWithin,
    abandonedWithin: g?.abandonedWithin ?? 0,
    waitingUnder1m: g?.waitingUnder1m ?? 0,
    waiting1to3m: g?.waiting1to3m ?? 0,
    waitingOver3m: g?.waitingOver3m ?? 0,
    operators: counts,
  };
}

export function buildSnapshot(input: BuildInput): Snapshot {
  const statuses = input.operators?.statuses ?? [];
  const operators = statuses
    .map((s) => operatorOf(s, input))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);

  const counts = new Map<number, StateCounts>();
  for (const op of operators) {
    for (const gid of op.groups) {
      const c = counts.get(gid) ?? zeroCounts();
      c[op.state] += 1;
      counts.set(gid, c);
    }
  }
  const supervision = new Map((input.groups?.groups ?? []).map((g) => [g.groupId, g]));
  // Every group anyone knows of: supervised, named in the directory, or one an operator belongs to.
  const ids = new Set<number>([
    ...supervision.keys(),
    ...input.directory.groups.keys(),
    ...counts.keys(),
  ]);
  const groups = [...ids]
    .map((id) => groupOf(id, supervision.get(id), counts.get(id) ?? zeroCounts(), input))
    .map((g): SnapshotGroup => ({
      ...g,
      staffing: input.staffing
        ? input.staffing(g, operators)
        : staffingUnknown(agentsStaffedIn(operators, g.id)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);

  return {
    seq: input.seq,
    takenAt: iso(input.now),
    buildId: input.buildId,
    demo: input.demo,
    upstream: upstreamOf(input.health, input.now),
    config: input.config,
    operators,
    groups,
    cluster: { ...input.cluster },
    // Filled by the alert engine after the build (issue 7); none until it has run.
    alerts: [],
  };
}
