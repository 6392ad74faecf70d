// Every endpoint of the client against the simulator over real HTTP, with the quirks it shows.
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '@vigie/axialys-sim';
import {
  AxialysAuthError,
  AxialysBadRequestError,
  AxialysNotFoundError,
  AxialysRateLimitError,
  AxialysResponseError,
  AxialysTimeoutError,
  AxialysUpstreamError,
  createAxialysClient,
  type AxialysClient,
  type AxialysClientOptions,
} from '@vigie/axialys-client';

const ZONE = 'Europe/Paris';
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

// One clock for the simulator's 30 s audit and the client's budget: a test moves it on by a
// window instead of waiting 30 real seconds. The centre barely moves (speed), so a raw reply and
// the client's reply a window later show the same state.
let realNow = Date.parse('2026-11-26T10:00:00Z');
const nextWindow = (): void => {
  realNow += 30_000;
};

let sim: RunningSimulator;
let client: AxialysClient;
const extraClients: AxialysClient[] = [];

function makeClient(extra: Partial<AxialysClientOptions> = {}): AxialysClient {
  const c = createAxialysClient({
    baseUrl: sim.url,
    user: sim.user,
    password: sim.password,
    timeZone: ZONE,
    timeoutMs: 2000,
    now: () => realNow,
    ...extra,
  });
  extraClients.push(c);
  return c;
}

/** The simulator's raw JSON reply, to show that a quirk is really on the wire. */
async function raw(path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const auth = Buffer.from(`${sim.user}:${sim.password}`).toString('base64');
  const res = await fetch(`${sim.url}${path}`, {
    ...init,
    headers: { authorization: `Basic ${auth}`, ...(init.headers ?? {}) },
  });
  return (await res.json()) as Record<string, unknown>;
}

const local = (text: string, format: string): string =>
  DateTime.fromFormat(text, format, { zone: ZONE }).toISO() ?? 'invalid';

function seconds(wire: unknown): number {
  if (typeof wire === 'number') return wire;
  const parts = String(wire).split(':').map(Number);
  return parts.reduce((acc, p) => acc * 60 + p, 0);
}

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 7,
    startAt: '2026-11-26 11:00', // a Thursday morning: calls in progress
    speed: 1e-6, // the centre stands still while the tests move the clock by 30 s windows
    timeZone: ZONE,
    now: () => realNow,
  });
  client = makeClient();
});

afterEach(() => {
  sim.clearFaults();
  nextWindow();
});

afterAll(async () => {
  await Promise.all(extraClients.map((c) => c.close()));
  await sim.close();
});

describe('3.1 operators', () => {
  it('lists the operators, without the fields the guide does not list', async () => {
    const wire = await raw('/vm/operators/?accept=application/json');
    expect(wire).toHaveProperty('api_version'); // the quirk: extra fields on the wire
    expect((wire.data as Record<string, unknown>[])[0]).toHaveProperty('sip_extension');
    const ops = await client.listOperators();
    expect(ops).toHaveLength((wire.data as unknown[]).length);
    for (const op of ops) {
      expect(Object.keys(op).sort()).toEqual(['email', 'id', 'login', 'name']);
    }
  });

  it('filters by email and by login (POST), and fetches one operator', async () => {
    const [first] = await client.listOperators();
    if (!first?.email || !first.login) throw new Error('the simulator gave no operator');
    expect(await client.listOperators({ email: first.email })).toEqual([first]);
    expect(await client.listOperators({ login: first.login })).toEqual([first]);
    expect(await client.getOperator(first.id)).toEqual(first);
  });

  it('reports an unknown operator as not found', async () => {
    await expect(client.getOperator(999_999)).rejects.toMatchObject({
      constructor: AxialysNotFoundError,
      id: 999_999,
    });
  });
});

describe('3.2 operators_init', () => {
  it('reads a list keyed by id, ids as strings, blank breaks and three date variants', async () => {
    const wire = await raw('/vm/operators_init?accept=application/json');
    nextWindow();
    const data = wire.data as Record<string, Record<string, unknown>>;
    expect(Array.isArray(data)).toBe(false); // the quirk: an object keyed by id
    const statuses = await client.operatorsInit();
    expect(statuses.map((s) => s.id).sort()).toEqual(Object.keys(data).map(Number).sort());
    for (const s of statuses) {
      const w = data[String(s.id)] ?? {};
      expect(s.groupIds).toEqual(
        Array.isArray(w.groups)
          ? w.groups.map(Number)
          : Object.keys(w.groups as object).map(Number),
      );
      expect(s.state).toBe(w.etat);
      if (!w.pause) expect(s).not.toHaveProperty('breakName');
      else expect(s.breakName).toBe(w.pause);
      if (typeof w.ui_login === 'string') {
        expect(s.lastLoginAt).toBe(local(w.ui_login, 'yyyy-MM-dd HH:mm:ss')); // YYYY-MM-DD HH:MM:SS
      }
      if (typeof w.ui_unpause === 'string') {
        expect(s.lastUnbreakAt).toBe(local(w.ui_unpause, 'yyyy-MM-dd HH:mm')); // YYYY-MM-DD HH:MM
      }
      if (w.ui_logout) {
        // ISO with offset: the same instant, in the account zone.
        expect(Date.parse(s.lastLogoutAt ?? '')).toBe(Date.parse(String(w.ui_logout)));
        expect(s.lastLogoutAt).toMatch(ISO_WITH_OFFSET);
      } else {
        expect(s).not.toHaveProperty('lastLogoutAt');
      }
    }
    const shapes = new Set(
      Object.values(data).map((w) => (Array.isArray(w.groups) ? typeof w.groups[0] : 'keyed')),
    );
    expect(shapes).toEqual(new Set(['number', 'string', 'keyed'])); // every shape was exercised
  });

  it('reads one operator, under the same 30 s budget as the list', async () => {
    const [first] = await client.operatorsInit();
    if (!first) throw new Error('no operator');
    await expect(client.operatorInit(first.id)).rejects.toMatchObject({
      constructor: AxialysRateLimitError,
      local: true,
    });
    nextWindow();
    const one = await client.operatorInit(first.id);
    expect(one.id).toBe(first.id);
  });

  it('keeps the account out of the audit: a second call within 30 s is never sent', async () => {
    sim.resetAudit();
    const other = makeClient(); // another instance in the same process shares the budget
    await client.operatorsInit();
    await expect(other.operatorsInit()).rejects.toMatchObject({ local: true });
    realNow += 29_000;
    await expect(client.operatorsInit()).rejects.toMatchObject({ local: true });
    expect(sim.audit()).toMatchObject({ operatorsInitCalls: 1, violations: 0 });
  });

  it('maps the simulator’s 429 (with Retry-After) when the in-process guard is bypassed', async () => {
    sim.resetAudit();
    const eager = makeClient({ operatorsInitMinIntervalMs: 0 });
    await eager.operatorsInit();
    const error = await eager.operatorsInit().catch((e: unknown) => e);
    expect(error).toMatchObject({
      constructor: AxialysRateLimitError,
      local: false,
      retryAfterMs: 30_000,
    });
    expect(sim.audit().violations).toBe(1);
  });
});

describe('3.3 groups', () => {
  it('lists, filters by name (POST) and fetches one group', async () => {
    const groups = await client.listGroups();
    expect(groups.length).toBeGreaterThan(1);
    const [first] = groups;
    if (!first?.name) throw new Error('no group');
    expect(await client.listGroups({ name: first.name })).toContainEqual(first);
    expect(await client.getGroup(first.id)).toEqual(first);
    await expect(client.getGroup(999)).rejects.toBeInstanceOf(AxialysNotFoundError);
  });
});

describe('3.4 calls/status', () => {
  it('reads the history of a period, for all operators and for one', async () => {
    const events = await client.statusHistory({
      from: '2026-11-26',
      to: new Date('2026-11-26T10:00:00Z'),
    });
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
      expect(e.startedAt).toMatch(ISO_WITH_OFFSET);
      expect(e.durationSeconds).toBeGreaterThanOrEqual(0);
      expect(['call_in', 'call_out', 'break', 'login', 'catchup']).toContain(e.type);
    }
    const id = events[0]?.operatorId ?? 0;
    const mine = await client.statusHistory({
      from: '2026-11-26 00:00',
      to: '2026-11-26 11:00',
      operatorId: id,
    });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.operatorId === id)).toBe(true);
  });

  it('reports the simulator’s refusal of a period over one month with its field', async () => {
    await expect(
      client.statusHistory({ from: '2026-01-31', to: '2026-03-01' }),
    ).rejects.toMatchObject({
      constructor: AxialysBadRequestError,
      field: 'date_end',
      local: false,
    });
  });
});

describe('3.5 op_details', () => {
  it('reads an operator in conversation: call, numbers, vars and the double id', async () => {
    const statuses = await client.operatorsInit();
    const busy = statuses.find((s) => s.state === 'connected');
    if (!busy) throw new Error('no operator in conversation at 11:00');
    const d = await client.operatorDetails(busy.id);
    expect(d.id).toBe(busy.id);
    expect(d.accountId).toEqual(expect.any(Number));
    expect(d.state).toBe('connected');
    expect(d.callId).toEqual(expect.any(String));
    expect(d.callAnsweredAt).toMatch(ISO_WITH_OFFSET);
    expect(d.callerNumber).toMatch(/^\d+$/);
    expect(Object.values(d.vars).every((v) => typeof v === 'string')).toBe(true);
    expect(d.groupIds).toEqual(busy.groupIds);
  });

  it('reads an operator without a call: vars as [] or {} become {}, nulls are left out', async () => {
    const statuses = await client.operatorsInit();
    const idle = statuses.filter(
      (s) => s.state !== 'connected' && s.state !== 'ringing' && s.state !== 'calling',
    );
    expect(idle.length).toBeGreaterThan(1);
    for (const s of idle.slice(0, 4)) {
      const d = await client.operatorDetails(s.id);
      expect(d.vars).toEqual({});
      expect(d).not.toHaveProperty('callId');
      expect(d).not.toHaveProperty('callerNumber');
    }
    await expect(client.operatorDetails(999_999)).rejects.toBeInstanceOf(AxialysNotFoundError);
  });
});

describe('4.1 and 4.2 call statistics', () => {
  it('reads the calls per number, with realtime data, and sums repeated numbers', async () => {
    const groups = await raw('/vm/groups?accept=application/json');
    const numbers = (groups.data as { service_numbers: string[] }[]).flatMap(
      (g) => g.service_numbers,
    );
    const all = await client.callsByNumber({ includeRealtime: true });
    expect(all.calls).toBeGreaterThan(0);
    expect(all.agentConnectedCalls).toBeLessThanOrEqual(all.calls);
    expect(all.realtime).toBeDefined();
    const [a, b] = numbers;
    if (!a || !b) throw new Error('no service numbers');
    const one = await client.callsByNumber({
      numbers: [a],
      from: '2026-11-26',
      to: '2026-11-26 11:00',
    });
    const other = await client.callsByNumber({
      numbers: [b],
      from: '2026-11-26',
      to: '2026-11-26 11:00',
    });
    const both = await client.callsByNumber({
      numbers: [a, b],
      from: '2026-11-26',
      to: '2026-11-26 11:00',
    });
    expect(both.calls).toBe(one.calls + other.calls);
    expect(one).not.toHaveProperty('realtime');
  });

  it('reads the calls per group, with realtime data, and reports an unknown group', async () => {
    const stats = await client.callsByGroup({ groupIds: [101, 102], includeRealtime: true });
    expect(stats.calls).toBeGreaterThan(0);
    expect(stats.totalDurationSeconds).toBeGreaterThan(0);
    expect(stats.realtime?.activeCalls).toEqual(expect.any(Number));
    await expect(client.callsByGroup({ groupIds: [999] })).rejects.toBeInstanceOf(
      AxialysNotFoundError,
    );
  });
});

describe('4.3 group supervision', () => {
  it('reads times as seconds, HH:MM:SS or MM:SS and counts as numbers or strings', async () => {
    const wire = await raw('/vm/stats/group_stats?accept=application/json');
    const data = Object.values(wire.data as Record<string, Record<string, unknown>>);
    const timeKinds = new Set(
      data.map((g) =>
        typeof g.tps_moyen_comm === 'number'
          ? 'seconds'
          : String(g.tps_moyen_comm).split(':').length === 3
            ? 'HH:MM:SS'
            : 'MM:SS',
      ),
    );
    expect(timeKinds).toEqual(new Set(['seconds', 'HH:MM:SS', 'MM:SS'])); // the quirk is on the wire
    expect(data.some((g) => typeof g.nbr_global === 'string')).toBe(true);
    const sup = await client.groupSupervision();
    expect(sup).toHaveLength(data.length);
    for (const g of sup) {
      const w = data.find((x) => Number(x.group_id) === g.groupId) ?? {};
      expect(g.calls).toBe(Number(w.nbr_global));
      expect(g.answeredPercent).toBe(Number(w.pourc_decroche));
      expect(g.averageTalkSeconds).toBe(seconds(w.tps_moyen_comm));
      expect(g.maxWaitSeconds).toBe(seconds(w.tps_max_attente));
      expect(g.averageCatchupSeconds).toBe(seconds(w.tps_moyen_catchup));
      expect(g).not.toHaveProperty('nbr_repondus_total');
    }
  });

  it('reads one group with its own thresholds (a single record beside the echoed params)', async () => {
    const [strict] = await client.groupSupervision({
      groupId: 102,
      answeredWithinSeconds: 5,
      abandonedWithinSeconds: 1,
    });
    const [lenient] = await client.groupSupervision({
      groupId: 102,
      answeredWithinSeconds: 600,
      abandonedWithinSeconds: 60,
    });
    expect(strict?.groupId).toBe(102);
    expect(strict?.answeredWithin).toBeLessThanOrEqual(lenient?.answeredWithin ?? 0);
    expect(strict?.abandonedWithin).toBeLessThanOrEqual(lenient?.abandonedWithin ?? 0);
    await expect(client.groupSupervision({ groupId: 999 })).rejects.toBeInstanceOf(
      AxialysNotFoundError,
    );
  });
});

describe('transport and faults', () => {
  it('sends accept=application/json and Basic auth on every call (no credentials in the URL)', async () => {
    const html = await fetch(`${sim.url}/vm/groups`, {
      headers: {
        accept: 'text/html',
        authorization: `Basic ${Buffer.from(`${sim.user}:${sim.password}`).toString('base64')}`,
      },
    });
    expect(html.headers.get('content-type')).toContain('text/html'); // the quirk: a browser gets HTML
    await client.listGroups();
    await client.callsByNumber({ numbers: ['33145420000'] });
    await client.statusHistory({ from: '2026-11-26', to: '2026-11-26 01:00' });
    const log = (await (await fetch(`${sim.url}/sim/requests`)).json()) as {
      requests: { path: string; endpoint: string }[];
    };
    const ours = log.requests.filter(
      (r) => r.path.startsWith('/vm/') && r.path.includes('accept='),
    );
    const vm = log.requests.filter((r) => r.path.startsWith('/vm/'));
    expect(vm.length - ours.length).toBe(1); // only the raw HTML request above lacked it
    expect(ours.every((r) => r.path.includes('accept=application%2Fjson'))).toBe(true);
    expect(vm.some((r) => /user=|password=/.test(r.path))).toBe(false);
  });

  it('maps bad credentials and the rejectCredentials fault to an auth error', async () => {
    const wrong = makeClient({ password: 'not-the-password' });
    await expect(wrong.listGroups()).rejects.toMatchObject({
      constructor: AxialysAuthError,
      status: 401,
    });
    sim.setFaults({ rejectCredentials: true });
    await expect(client.listOperators()).rejects.toBeInstanceOf(AxialysAuthError);
  });

  it('maps a 5xx to an upstream fault with the body excerpt', async () => {
    sim.setFaults({ errorRate: 1, errorStatus: 503, endpoints: ['groups'] });
    const error = (await client.listGroups().catch((e: unknown) => e)) as AxialysUpstreamError;
    expect(error).toBeInstanceOf(AxialysUpstreamError);
    expect(error.status).toBe(503);
    expect(error.bodyExcerpt).toContain('simulated upstream failure');
    await expect(client.listOperators()).resolves.not.toHaveLength(0); // other endpoints unaffected
  });

  it('maps broken JSON to a malformed-response error', async () => {
    sim.setFaults({ malformedRate: 1 });
    await expect(client.groupSupervision()).rejects.toMatchObject({
      constructor: AxialysResponseError,
      path: '',
    });
  });

  it('maps an empty 200 ({} or {"data":null}) to a malformed-response error, not an empty list', async () => {
    sim.setFaults({ emptyRate: 1, endpoints: ['operators_init', 'group_stats', 'operators'] });
    await expect(client.operatorsInit()).rejects.toMatchObject({
      constructor: AxialysResponseError,
      path: '',
    });
    await expect(client.groupSupervision()).rejects.toBeInstanceOf(AxialysResponseError);
    await expect(client.groupSupervision({ groupId: 101 })).rejects.toBeInstanceOf(
      AxialysResponseError,
    );
    sim.setFaults({ emptyShape: 'null-data' });
    await expect(client.groupSupervision()).rejects.toMatchObject({
      constructor: AxialysResponseError,
      path: 'data',
    });
    await expect(client.listOperators()).rejects.toMatchObject({ path: 'data' });
    await expect(client.listGroups()).resolves.not.toHaveLength(0); // not faulted
  });

  it('maps the HTML page and a reset connection to malformed and upstream faults', async () => {
    sim.setFaults({ htmlRate: 1, endpoints: ['groups'] });
    await expect(client.listGroups()).rejects.toBeInstanceOf(AxialysResponseError);
    sim.setFaults({ htmlRate: 0, resetRate: 1 });
    await expect(client.listGroups()).rejects.toMatchObject({
      constructor: AxialysUpstreamError,
      status: 0,
    });
  });

  it('times out a hanging call and a slow one', async () => {
    const quick = makeClient({ timeoutMs: 250 });
    sim.setFaults({ hang: true });
    await expect(quick.listGroups()).rejects.toMatchObject({
      constructor: AxialysTimeoutError,
      timeoutMs: 250,
    });
    sim.setFaults({ hang: false, latencyMs: 600 });
    await expect(quick.getGroup(101)).rejects.toBeInstanceOf(AxialysTimeoutError);
  });

  it('counts a failed operators_init against the 30 s budget', async () => {
    sim.setFaults({ errorRate: 1, endpoints: ['operators_init'] });
    await expect(client.operatorsInit()).rejects.toBeInstanceOf(AxialysUpstreamError);
    sim.clearFaults();
    await expect(client.operatorsInit()).rejects.toMatchObject({ local: true });
  });
});
