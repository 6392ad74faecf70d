// The endpoints of the guide (3.1–4.3): path matching, params and the records they answer with.

import type { CallCentre, SimOperator } from './centre';
import { currentLeg, wireState } from './centre';
import { ParamError, parsePeriod } from './dates';
import type { EndpointName } from './faults';
import { fmtCount, fmtDate, fmtGroups, fmtList, fmtTime } from './format';
import { flag, integer, list, scalar, type Params } from './params';
import { groupCallStats, groupSupervision, numberStats } from './stats';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface VmRoute {
  endpoint: EndpointName;
  methods: string[];
  id: number | null;
  /** Single-record reply (fields at the top level) rather than a list under `data`. */
  single: boolean;
}

/** Finds the endpoint of a /vm path; null when no endpoint of the guide lives there. */
export function matchVm(path: string): VmRoute | null {
  const p = path.replace(/\/+$/, '');
  const m = /^\/vm\/(operators|operators_init|groups|op_details|group_stats)(?:\/(\d+))?$/.exec(p);
  if (m) {
    const name = m[1] as 'operators' | 'operators_init' | 'groups' | 'op_details' | 'group_stats';
    const id = m[2] === undefined ? null : Number(m[2]);
    if (name === 'op_details')
      return id === null ? null : { endpoint: name, methods: ['GET'], id, single: true };
    // guide 3.1, 3.3: GET a list or one record; POST filters the list.
    const methods =
      name === 'operators' || name === 'groups'
        ? id === null
          ? ['GET', 'POST']
          : ['GET']
        : ['GET'];
    return { endpoint: name, methods, id, single: id !== null };
  }
  if (p === '/vm/calls/status')
    return { endpoint: 'calls_status', methods: ['POST'], id: null, single: false };
  if (p === '/vm/stats/calls')
    return { endpoint: 'stats_calls', methods: ['GET'], id: null, single: true };
  if (p === '/vm/stats/groups')
    return { endpoint: 'stats_groups', methods: ['GET'], id: null, single: true };
  const gs = /^\/vm\/stats\/group_stats(?:\/(\d+))?$/.exec(p);
  if (gs)
    return {
      endpoint: 'group_stats',
      methods: ['GET'],
      id: gs[1] === undefined ? null : Number(gs[1]),
      single: gs[1] !== undefined,
    };
  return null;
}

export interface VmContext {
  centre: CallCentre;
  timeZone: string;
}

type Body = Record<string, unknown>;

const notFound = (what: string, id: number): HttpError =>
  new HttpError(404, `${what} ${id} not found`);

function groupName(centre: CallCentre): (id: number) => string {
  return (id) => centre.group(id)?.name ?? '';
}

// ---- 3.1 operators ------------------------------------------------------------------------

function operatorRecord(op: SimOperator): Body {
  return {
    id: op.id,
    realname: op.realname,
    email: op.email,
    login: op.login,
    sip_extension: op.sipExtension,
  };
}

function operators(ctx: VmContext, route: VmRoute, params: Params, method: string): Body {
  const { centre } = ctx;
  if (route.id !== null) {
    const op = centre.operator(route.id);
    if (!op) throw notFound('operator', route.id);
    return operatorRecord(op);
  }
  let ops = centre.operators;
  if (method === 'POST' || params.email !== undefined || params.login !== undefined) {
    const email = scalar(params, 'email')?.toLowerCase();
    const login = scalar(params, 'login');
    ops = ops.filter(
      (o) =>
        (email === undefined || o.email.toLowerCase() === email) &&
        (login === undefined || o.login === login),
    );
  }
  return { data: ops.map(operatorRecord) };
}

// ---- 3.2 operators_init -------------------------------------------------------------------

function operatorStatus(ctx: VmContext, op: SimOperator): Body {
  const tz = ctx.timeZone;
  const onBreak = op.activity === 'break';
  return {
    id: op.id,
    etat: wireState(op.activity),
    ui_login: fmtDate(op.lastLogin, 'sql', tz),
    ui_logout: fmtDate(op.lastLogout, 'iso', tz, ''),
    // No break: null for even ids, "" for odd ones.
    pause: onBreak ? op.breakName : op.id % 2 === 0 ? null : '',
    ui_pause: fmtDate(op.lastPause, 'sql', tz),
    ui_unpause: fmtDate(op.lastUnpause, 'short', tz),
    groups: fmtGroups(op.groups, op.id, groupName(ctx.centre)),
    sip_extension: op.sipExtension,
  };
}

function operatorsInit(ctx: VmContext, route: VmRoute): Body {
  if (route.id !== null) {
    const op = ctx.centre.operator(route.id);
    if (!op) throw notFound('operator', route.id);
    return operatorStatus(ctx, op);
  }
  // Keyed by operator id (the other list shape of docs/axialys-wire.md).
  return {
    data: fmtList(
      ctx.centre.operators.map((op) => operatorStatus(ctx, op)),
      true,
    ),
  };
}

// ---- 3.3 groups ---------------------------------------------------------------------------

function groups(ctx: VmContext, route: VmRoute, params: Params): Body {
  const record = (g: { id: number; name: string; numbers: string[] }): Body => ({
    id: g.id,
    name: g.name,
    service_numbers: g.numbers,
  });
  if (route.id !== null) {
    const g = ctx.centre.group(route.id);
    if (!g) throw notFound('group', route.id);
    return record(g);
  }
  const name = scalar(params, 'name')?.toLowerCase();
  const gs = ctx.centre.groups.filter(
    (g) => name === undefined || g.name.toLowerCase().includes(name),
  );
  return { data: gs.map(record) };
}

// ---- 3.4 calls/status ---------------------------------------------------------------------

function callsStatus(ctx: VmContext, params: Params): Body {
  // guide 3.4: date and date_end are mandatory.
  for (const f of ['date', 'date_end']) {
    if (params[f] === undefined) throw new ParamError(f, `${f} is mandatory`);
  }
  const period = parsePeriod(
    params.date,
    params.date_end,
    { from: 'date', to: 'date_end' },
    ctx.timeZone,
    { from: 0, to: 0 },
  );
  const idOp = integer(params, 'id_op');
  const events = ctx.centre.log.eventsBetween(period.from, period.to, idOp);
  return {
    data: events.map((e) => ({
      id_op: e.operatorId,
      duration: Math.floor(e.end / 1000) - Math.floor(e.start / 1000),
      date: fmtDate(e.start, 'sql', ctx.timeZone),
      id_call: e.callId,
      infos: e.infos,
      type: e.type,
    })),
  };
}

// ---- 3.5 op_details -----------------------------------------------------------------------

function opDetails(ctx: VmContext, route: VmRoute): Body {
  const { centre, timeZone: tz } = ctx;
  const op = route.id === null ? undefined : centre.operator(route.id);
  if (!op || route.id === null) throw notFound('operator', route.id ?? 0);
  const call = op.callId !== null ? centre.call(op.callId) : undefined;
  const state = wireState(op.activity);
  // Only a call being presented, dialled or in conversation is "current"; during catch-up there is none.
  const current = call && ['ringing', 'calling', 'connected'].includes(state) ? call : undefined;
  const callGroup = current
    ? current.direction === 'in'
      ? currentLeg(current)?.groupId
      : current.groupId
    : undefined;
  return {
    id: op.id,
    id_account: centre.accountId,
    login: op.login,
    state,
    break: op.activity === 'break' ? op.breakName : null,
    vars: current ? current.vars : op.id % 2 === 0 ? {} : [],
    service_number: current?.serviceNumber ?? null,
    caller_number: current?.callerNumber ?? null,
    ui_login: fmtDate(op.lastLogin, 'sql', tz),
    ui_logout: fmtDate(op.lastLogout, 'iso', tz, ''),
    ui_pause: fmtDate(op.lastPause, 'sql', tz),
    ui_unpause: fmtDate(op.lastUnpause, 'short', tz),
    dt_answer: fmtDate(current?.answeredAt ?? null, 'iso', tz),
    id_appel: current ? String(current.id) : null,
    groups: fmtGroups(op.groups, op.id, groupName(centre)),
    id_group: callGroup ?? null,
    sip_extension: op.sipExtension,
  };
}

// ---- 4.1 / 4.2 ----------------------------------------------------------------------------

function todayPeriod(ctx: VmContext, params: Params): { from: number; to: number } {
  const now = ctx.centre.now();
  // guide 4.1/4.2: by default today 00:00 → now.
  return parsePeriod(
    params.from_date,
    params.to_date,
    { from: 'from_date', to: 'to_date' },
    ctx.timeZone,
    {
      from: ctx.centre.dayStart(now),
      to: now,
    },
  );
}

function statsCalls(ctx: VmContext, params: Params): Body {
  const period = todayPeriod(ctx, params);
  const numbers = list(params, 'dest_number').map((n) => n.replace(/^\+/, ''));
  const f = numberStats(ctx.centre, {
    ...period,
    numbers,
    realtime: flag(params, 'include_realtime'),
  });
  const out: Body = { ...f };
  if (f.oldest_call_since !== undefined)
    out.oldest_call_since = fmtDate(f.oldest_call_since, 'sql', ctx.timeZone);
  if (f.oldest_in_conversation_call_since !== undefined) {
    out.oldest_in_conversation_call_since = fmtDate(
      f.oldest_in_conversation_call_since,
      'iso',
      ctx.timeZone,
    );
  }
  out.period_start = fmtDate(period.from, 'iso', ctx.timeZone);
  return out;
}

function parseGroupIds(ctx: VmContext, params: Params): number[] {
  return list(params, 'group_id').map((s) => {
    if (!/^\d+$/.test(s))
      throw new ParamError('group_id', `group_id: expected a group id, got "${s}"`);
    const id = Number(s);
    if (!ctx.centre.group(id)) throw new HttpError(404, `group ${id} not found`, 'group_id');
    return id;
  });
}

function statsGroups(ctx: VmContext, params: Params): Body {
  const period = todayPeriod(ctx, params);
  const groupIds = parseGroupIds(ctx, params);
  const f = groupCallStats(ctx.centre, {
    ...period,
    groupIds,
    realtime: flag(params, 'include_realtime'),
  });
  const out: Body = { ...f };
  if (f.oldest_call_connected_since !== undefined) {
    out.oldest_call_connected_since = fmtDate(f.oldest_call_connected_since, 'iso', ctx.timeZone);
  }
  if (f.oldest_call_waiting_since !== undefined)
    out.oldest_call_waiting_since = fmtDate(f.oldest_call_waiting_since, 'sql', ctx.timeZone);
  out.period_start = fmtDate(period.from, 'iso', ctx.timeZone);
  return out;
}

// ---- 4.3 group_stats ----------------------------------------------------------------------

function supervisionRecord(
  ctx: VmContext,
  groupId: number,
  th: { abandonedWithin: number; answeredWithin: number },
): Body {
  const f = groupSupervision(ctx.centre, groupId, th);
  const c = (n: number): number | string => fmtCount(n, groupId);
  const t = (s: number): number | string => fmtTime(s, groupId);
  return {
    group_id: groupId,
    group_name: f.group_name,
    nbr_global: c(f.nbr_global),
    nbr_global_reel: c(f.nbr_global_reel),
    nbr_escalades: c(f.nbr_escalades),
    pourc_decroche: groupId % 2 === 0 ? f.pourc_decroche.toFixed(1) : f.pourc_decroche,
    nbr_comm: c(f.nbr_comm),
    nbr_attente: c(f.nbr_attente),
    nbr_perdus: c(f.nbr_perdus),
    nbr_perdus_reel: c(f.nbr_perdus_reel),
    tps_max_attente: t(f.tps_max_attente),
    tps_moyen_attente: t(f.tps_moyen_attente),
    tps_moyen_comm: t(f.tps_moyen_comm),
    tps_moyen_abandon: t(f.tps_moyen_abandon),
    nbr_appels_attente_moins1m: c(f.nbr_appels_attente_moins1m),
    nbr_appels_attente_1a3m: c(f.nbr_appels_attente_1a3m),
    nbr_appels_attente_3mplus: c(f.nbr_appels_attente_3mplus),
    nbr_abandonne: c(f.nbr_abandonne),
    nbr_repondu: c(f.nbr_repondu),
    tps_moyen_catchup: t(f.tps_moyen_catchup),
    nbr_repondus_total: f.nbr_repondus_total,
  };
}

function groupStats(ctx: VmContext, route: VmRoute, params: Params): Body {
  // guide 4.3: thresholds in seconds, as query params or a JSON body on the GET.
  const th = {
    abandonedWithin: integer(params, 'nbr_abandonne') ?? 5,
    answeredWithin: integer(params, 'nbr_repondu') ?? 45,
  };
  const extra = {
    thresholds: { nbr_abandonne: th.abandonedWithin, nbr_repondu: th.answeredWithin },
  };
  if (route.id !== null) {
    if (!ctx.centre.group(route.id)) throw notFound('group', route.id);
    return { ...supervisionRecord(ctx, route.id, th), ...extra };
  }
  const ids = parseGroupIds(ctx, params);
  if (ids.length === 1 && ids[0] !== undefined)
    return { ...supervisionRecord(ctx, ids[0], th), ...extra };
  const all = ids.length ? ids : ctx.centre.groups.map((g) => g.id);
  return {
    ...extra,
    data: fmtList(
      all.map((id) => supervisionRecord(ctx, id, th)),
      true,
      'group_id',
    ),
  };
}

/** Runs an endpoint; the fields returned go beside the echoed params (docs/axialys-wire.md "Envelope"). */
export function handleVm(ctx: VmContext, route: VmRoute, params: Params, method: string): Body {
  switch (route.endpoint) {
    case 'operators':
      return operators(ctx, route, params, method);
    case 'operators_init':
      return operatorsInit(ctx, route);
    case 'groups':
      return groups(ctx, route, params);
    case 'calls_status':
      return callsStatus(ctx, params);
    case 'op_details':
      return opDetails(ctx, route);
    case 'stats_calls':
      return statsCalls(ctx, params);
    case 'stats_groups':
      return statsGroups(ctx, params);
    case 'group_stats':
      return groupStats(ctx, route, params);
  }
}
