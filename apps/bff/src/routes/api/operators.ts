// GET /api/operators/:id (guide 3.5, joined with names) and GET /api/operators/:id/history (guide 3.4).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { OperatorDetails, StatusEvent } from '@vigie/axialys-client';
import {
  HistoryQuerySchema,
  HistoryReplySchema,
  IdParamsSchema,
  OperatorDetailSchema,
  type HistoryEvent,
  type HistoryReply,
  type OperatorDetail,
} from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import { iso } from '../../lib/clock';
import { canSeeGroup, canSeeOperator, type Principal } from '../../auth/principal';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { readPeriod } from '../../lib/period';
import { fallbackName } from '../../snapshot/builder';
import type { DrilldownRouteOptions } from './drilldown-limit';
import { errorReplies } from './schemas';

/** Default `to` of a history is now, floored so concurrent viewers share one cache key. */
const NOW_GRAIN_MS = 5_000;
/** guide 3.4: time spent working, for occupancy. */
const BUSY_TYPES = new Set(['call_in', 'call_out', 'catchup']);
/**
 * guide 3.4 (the simulator's README): a `login` event is a stretch of logged-in *available* time, not the
 * whole session; logged-in time is therefore login + busy (breaks excluded).
 */
const IDLE_TYPE = 'login';

const isoOrNull = (v: string | undefined): string | null => (v ? new Date(v).toISOString() : null);

/**
 * A team lead may open an operator of one of their groups, as the latest snapshot knows them; an
 * operator the snapshot does not show cannot be proven in scope, so it is refused too.
 */
function assertInScope(app: FastifyInstance, p: Principal | null, id: number): void {
  if (!p || p.groups === null) return;
  const op = app.snapshots.latest?.snapshot.operators.find((o) => o.id === id);
  if (!op || !canSeeOperator(p, op.groups))
    throw new ForbiddenError('this operator is outside your groups');
}

/**
 * A team lead sees only the groups in scope, in the detail and on the current call. A call whose
 * group is outside the scope, or unknown, shows as busy since when, not whose call it is; the
 * service variables (`vars`, the call's) are shown only with a call established in scope.
 */
export function scopeDetail(detail: OperatorDetail, p: Principal | null): OperatorDetail {
  if (!p || p.groups === null) return detail;
  const call = detail.currentCall;
  const callInScope = call !== null && call.groupId !== null && canSeeGroup(p, call.groupId);
  return {
    ...detail,
    groups: detail.groups.filter((g) => canSeeGroup(p, g.id)),
    currentCall:
      call && !callInScope
        ? {
            ...call,
            id: null,
            callerNumber: null,
            serviceNumber: null,
            groupId: null,
            groupName: null,
          }
        : call,
    vars: callInScope ? detail.vars : {},
  };
}

/** guide 3.4: events about a call (its `id_call`, and `infos` naming the caller and number). */
const CALL_TYPES = new Set(['call_in', 'call_out', 'catchup']);
/** Events whose `infos` is about the operator, not a call: the break's name, "available". */
const OWN_TYPES = new Set(['break', 'login']);

/**
 * A team lead's history: every event stays (durations, totals and occupancy are the operator's
 * own), but a call event shows its call id and `infos` only when its call is established in a
 * group of the scope. guide 3.4 gives no group per event: `groupOfCall` is what the BFF learnt
 * from this operator's op_details (3.5 `id_appel` + `id_group`); a call it cannot place counts as
 * another group's.
 * An event of a newer type keeps its `infos` hidden too (nothing tells what it holds).
 */
export function scopeHistory(
  reply: HistoryReply,
  p: Principal | null,
  groupOfCall: (callId: string) => number | undefined,
): HistoryReply {
  if (!p || p.groups === null) return reply;
  const events = reply.events.map((e) => {
    if (e.callId === null && OWN_TYPES.has(e.type)) return e;
    if (e.callId !== null && CALL_TYPES.has(e.type)) {
      const g = groupOfCall(e.callId);
      if (g !== undefined && canSeeGroup(p, g)) return e;
    }
    return { ...e, callId: null, info: null };
  });
  return { ...reply, events };
}

/** Refuse ids the board has never seen without asking upstream: garbage ids cost no upstream call. */
function assertKnown(app: FastifyInstance, id: number): void {
  const latest = app.snapshots.latest?.snapshot;
  if (!latest || app.source.health.operators.lastSuccessAt === null) return; // nothing to judge by yet
  if (!latest.operators.some((o) => o.id === id) && !app.source.directory.operators.has(id)) {
    throw new NotFoundError(`no operator ${id}`);
  }
}

function detailOf(app: FastifyInstance, d: OperatorDetails, fetchedAt: number): OperatorDetail {
  const dir = app.source.directory;
  const fromSnapshot = app.snapshots.latest?.snapshot.operators.find((o) => o.id === d.id);
  const state = d.state ?? fromSnapshot?.state ?? 'unavailable';
  // guide 3.5: dt_answer is when the current call began, the start of 'connected'.
  const exactCall = state === 'connected' && d.callAnsweredAt !== undefined;
  const login = d.lastLoginAt ? Date.parse(d.lastLoginAt) : null;
  const logout = d.lastLogoutAt ? Date.parse(d.lastLogoutAt) : null;
  const loggedOut =
    state === 'unavailable' &&
    !d.breakName &&
    logout !== null &&
    (login === null || logout >= login);
  const groupName = (gid: number) => dir.groups.get(gid)?.name ?? fallbackName(gid);
  const hasCall =
    d.callId !== undefined || d.callAnsweredAt !== undefined || d.callerNumber !== undefined;
  return {
    id: d.id,
    name: dir.operators.get(d.id)?.name ?? fromSnapshot?.name ?? fallbackName(d.id),
    email: dir.operators.get(d.id)?.email ?? null,
    login: dir.operators.get(d.id)?.login ?? null,
    state,
    breakName: d.breakName ?? null,
    stateSince: exactCall ? isoOrNull(d.callAnsweredAt) : (fromSnapshot?.stateSince ?? null),
    stateSincePrecision: exactCall ? 'exact' : (fromSnapshot?.stateSincePrecision ?? 'lower-bound'),
    loggedInSince: loggedOut ? null : isoOrNull(d.lastLoginAt),
    lastLogoutAt: isoOrNull(d.lastLogoutAt),
    lastBreakAt: isoOrNull(d.lastBreakAt),
    lastUnbreakAt: isoOrNull(d.lastUnbreakAt),
    groups: d.groupIds.map((gid) => ({ id: gid, name: groupName(gid) })),
    currentCall: hasCall
      ? {
          id: d.callId ?? null,
          callerNumber: d.callerNumber ?? null,
          serviceNumber: d.serviceNumber ?? null,
          answeredAt: isoOrNull(d.callAnsweredAt),
          groupId: d.callGroupId ?? null,
          groupName: d.callGroupId === undefined ? null : groupName(d.callGroupId),
        }
      : null,
    vars: { ...d.vars },
    fetchedAt: iso(fetchedAt),
  };
}

export function historyOf(
  id: number,
  from: Date,
  to: Date,
  raw: readonly StatusEvent[],
  fetchedAt: number,
): HistoryReply {
  const events: HistoryEvent[] = raw
    .map((e) => {
      const start = Date.parse(e.startedAt);
      const duration = Math.max(0, e.durationSeconds);
      return {
        type: e.type,
        start: iso(start),
        end: iso(start + duration * 1000),
        durationSeconds: duration,
        callId: e.callId ?? null,
        info: e.info ?? null,
        _t: start,
      };
    })
    .filter((e) => Number.isFinite(e._t))
    .sort((a, b) => a._t - b._t)
    .map(({ _t, ...e }) => e);
  const totals: HistoryReply['totals'] = {};
  for (const e of events) {
    const t = (totals[e.type] ??= { count: 0, seconds: 0 });
    t.count += 1;
    t.seconds += e.durationSeconds;
  }
  const idle = totals[IDLE_TYPE]?.seconds ?? 0;
  const busy = Object.entries(totals)
    .filter(([type]) => BUSY_TYPES.has(type))
    .reduce((sum, [, t]) => sum + t.seconds, 0);
  const loggedIn = idle + busy;
  return {
    operatorId: id,
    from: from.toISOString(),
    to: to.toISOString(),
    events,
    totals,
    occupancyPercent: loggedIn > 0 ? Math.min(100, (busy / loggedIn) * 100) : null,
    fetchedAt: iso(fetchedAt),
  };
}

const routes: FastifyPluginAsyncTypebox<DrilldownRouteOptions> = async (app, { guard }) => {
  const config = { access: 'drilldown' } as const;
  app.get(
    '/api/operators/:id',
    {
      ...guard.hooks,
      config,
      schema: { params: IdParamsSchema, response: { 200: OperatorDetailSchema, ...errorReplies } },
    },
    async (req) => {
      assertInScope(app, req.principal, req.params.id);
      assertKnown(app, req.params.id);
      const { value, fetchedAt } = await app.drilldown.operatorDetails(req.params.id);
      return scopeDetail(detailOf(app, value, fetchedAt), req.principal);
    },
  );

  app.get(
    '/api/operators/:id/history',
    {
      ...guard.hooks,
      config,
      schema: {
        params: IdParamsSchema,
        querystring: HistoryQuerySchema,
        response: { 200: HistoryReplySchema, ...errorReplies },
      },
    },
    async (req, reply) => {
      assertInScope(app, req.principal, req.params.id);
      assertKnown(app, req.params.id);
      const now = app.clock.now();
      const { from, to } = readPeriod(
        req.query,
        app.config.axialys.timeZone,
        req.query.to === undefined ? Math.floor(now / NOW_GRAIN_MS) * NOW_GRAIN_MS : now,
      );
      guard.admitPeriod(req, reply, req.query, { from, to });
      const { value, fetchedAt } = await app.drilldown.history(req.params.id, from, to);
      return scopeHistory(
        historyOf(
          req.params.id,
          from,
          to,
          value.filter((e) => e.operatorId === req.params.id),
          fetchedAt,
        ),
        req.principal,
        (callId) => app.drilldown.groupOfCall(req.params.id, callId),
      );
    },
  );
};

export default routes;
