// Control routes under /sim/*: outside the guide's API, no credentials, JSON only (see README).

import { DateTime } from 'luxon';
import type { CallCentre, ForcedState } from './centre';
import { currentLeg, wireState } from './centre';
import type { Audit } from './audit';
import { ParamError, parsePeriod } from './dates';
import type { FaultState } from './faults';
import type { SimClock } from './clock';
import type { RequestLog } from './requests-log';
import { HttpError } from './routes-vm';

export interface SimDeps {
  centre: CallCentre;
  clock: SimClock;
  faults: FaultState;
  audit: Audit;
  requests: RequestLog;
  timeZone: string;
}

type Json = unknown;

const FORCED: readonly ForcedState[] = [
  'available',
  'unavailable',
  'ringing',
  'calling',
  'connected',
  'logged_out',
];

function iso(ms: number | null, tz: string): string | null {
  return ms === null ? null : DateTime.fromMillis(ms, { zone: tz }).toISO();
}

function bodyObject(body: Json): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'expected a JSON object');
  return body as Record<string, unknown>;
}

/** Ground truth for tests and demos: what every operator does and what waits in every queue. */
function groundTruth(centre: CallCentre, tz: string): Json {
  const now = centre.now();
  return {
    now: iso(now, tz),
    nowMs: now,
    operators: centre.operators.map((op) => ({
      id: op.id,
      name: op.realname,
      state: wireState(op.activity),
      activity: op.activity,
      breakName: op.breakName,
      callId: op.callId,
      groups: op.groups,
      since: iso(op.segment?.start ?? null, tz),
      // When `state` last changed, to the ms (the segment above spans ringing and the call).
      stateSince: iso(op.stateChangedAt, tz),
      stateSinceMs: op.stateChangedAt,
    })),
    queues: centre.groups.map((g) => ({
      groupId: g.id,
      name: g.name,
      waiting: centre.waitingIn(g.id).map((c) => ({
        callId: c.id,
        since: iso(currentLeg(c)?.enteredAt ?? c.arrivedAt, tz),
        ringingOperatorId: currentLeg(c)?.ringingOperatorId ?? null,
      })),
    })),
  };
}

function callLog(centre: CallCentre, search: URLSearchParams, tz: string): Json {
  const now = centre.now();
  const period = parsePeriod(
    search.get('from') ?? undefined,
    search.get('to') ?? undefined,
    { from: 'from', to: 'to' },
    tz,
    {
      from: centre.dayStart(now),
      to: now + 1,
    },
  );
  const calls = centre.log.arrivedBetween(period.from, period.to);
  return {
    from: iso(period.from, tz),
    to: iso(period.to, tz),
    count: calls.length,
    calls: calls.map((c) => ({
      id: c.id,
      direction: c.direction,
      serviceNumber: c.serviceNumber,
      callerNumber: c.callerNumber,
      arrivedAt: iso(c.arrivedAt, tz),
      answeredAt: iso(c.answeredAt, tz),
      endedAt: iso(c.endedAt, tz),
      catchupEndAt: iso(c.catchupEndAt, tz),
      operatorId: c.operatorId,
      groupId: c.groupId,
      outcome: c.outcome,
      legs: c.legs.map((l) => ({
        groupId: l.groupId,
        enteredAt: iso(l.enteredAt, tz),
        leftAt: iso(l.leftAt, tz),
        outcome: l.outcome,
        operatorId: l.operatorId,
      })),
    })),
  };
}

/** Answers a /sim/* request; returns [status, JSON body]. */
export function handleSim(deps: SimDeps, method: string, url: URL, body: Json): [number, Json] {
  const { centre, faults, audit, requests } = deps;
  const path = url.pathname.replace(/\/+$/, '');
  centre.advanceTo(deps.clock.sim());
  if (path === '/sim/audit' && method === 'GET') return [200, audit.report()];
  if (path === '/sim/audit/reset' && method === 'POST') {
    audit.reset();
    return [200, audit.report()];
  }
  if (path === '/sim/faults') {
    if (method === 'GET') return [200, faults.get()];
    if (method === 'POST' || method === 'PUT') {
      try {
        faults.set(bodyObject(body));
      } catch (e) {
        throw new HttpError(400, (e as Error).message);
      }
      return [200, faults.get()];
    }
    if (method === 'DELETE') {
      faults.clear();
      return [200, faults.get()];
    }
  }
  if (path === '/sim/state' && method === 'GET') return [200, groundTruth(centre, deps.timeZone)];
  if (path === '/sim/calls' && method === 'GET') {
    try {
      return [200, callLog(centre, url.searchParams, deps.timeZone)];
    } catch (e) {
      if (e instanceof ParamError) throw new HttpError(400, e.message, e.field);
      throw e;
    }
  }
  if (path === '/sim/requests' && method === 'GET') return [200, { requests: requests.list() }];
  if (path === '/sim/advance' && method === 'POST') {
    const ms = Number(bodyObject(body).ms);
    if (!Number.isFinite(ms) || ms < 0)
      throw new HttpError(400, 'ms: expected a number of simulated ms ≥ 0', 'ms');
    deps.clock.skip(ms);
    centre.advanceTo(deps.clock.sim());
    return [200, { now: iso(centre.now(), deps.timeZone), nowMs: centre.now() }];
  }
  const opState = /^\/sim\/operators\/(\d+)\/state$/.exec(path);
  if (opState && method === 'POST') {
    const b = bodyObject(body);
    const state = b.state as ForcedState;
    if (!FORCED.includes(state))
      throw new HttpError(400, `state: expected one of ${FORCED.join(', ')}`, 'state');
    if (b.breakName !== undefined && typeof b.breakName !== 'string')
      throw new HttpError(400, 'breakName: expected a string', 'breakName');
    const id = Number(opState[1]);
    if (!centre.operator(id)) throw new HttpError(404, `operator ${id} not found`);
    const op = centre.forceState(
      id,
      state,
      typeof b.breakName === 'string' ? b.breakName : undefined,
    );
    return [
      200,
      {
        id: op.id,
        state: wireState(op.activity),
        activity: op.activity,
        breakName: op.breakName,
        callId: op.callId,
      },
    ];
  }
  const flood = /^\/sim\/groups\/(\d+)\/flood$/.exec(path);
  if (flood && method === 'POST') {
    const n = Number(bodyObject(body).calls ?? 10);
    if (!Number.isInteger(n) || n < 1 || n > 10_000)
      throw new HttpError(400, 'calls: expected a whole number from 1 to 10000', 'calls');
    const id = Number(flood[1]);
    if (!centre.group(id)) throw new HttpError(404, `group ${id} not found`);
    const calls = centre.flood(id, n);
    return [
      200,
      { groupId: id, injected: calls.map((c) => c.id), waiting: centre.waitingIn(id).length },
    ];
  }
  throw new HttpError(404, `no control route ${method} ${url.pathname}`);
}
