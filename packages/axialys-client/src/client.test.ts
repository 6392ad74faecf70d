// The client against a scripted local server: request shape, envelopes, quirks and errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startFakeUpstream, type FakeUpstream } from '../test/fake-upstream';
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
} from './index';

const PASSWORD = 's3cr&t=pw';
let upstream: FakeUpstream;
let client: AxialysClient;
let userSeq = 0;

/** Each client gets its own user so the process-wide operators_init budget never leaks between tests. */
function makeClient(extra: Partial<AxialysClientOptions> = {}): AxialysClient {
  return createAxialysClient({
    baseUrl: upstream.url,
    user: `acme-${++userSeq}`,
    password: PASSWORD,
    timeoutMs: 1000,
    ...extra,
  });
}

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});
beforeEach(async () => {
  upstream.received.length = 0;
  await client?.close();
  client = makeClient();
});

const last = () => {
  const r = upstream.received.at(-1);
  if (!r) throw new Error('nothing received');
  return r;
};

describe('request shape', () => {
  it('authenticates with HTTP Basic, never in the URL, and always asks for JSON', async () => {
    upstream.reply(json(200, { data: [] }));
    await client.listGroups();
    const r = last();
    const [scheme, token] = (r.headers.authorization ?? '').split(' ');
    expect(scheme).toBe('Basic');
    expect(Buffer.from(token ?? '', 'base64').toString()).toBe(`${client.account}:${PASSWORD}`);
    expect(r.query.get('accept')).toBe('application/json');
    expect(r.query.has('user')).toBe(false);
    expect(r.query.has('password')).toBe(false);
    expect(r.headers.accept).toBe('application/json');
  });

  it('sends the accept parameter on every endpoint, with the documented method and path', async () => {
    const stats = { total_duration: 0, calls_count: 0, agent_connected_calls_count: 0 };
    upstream.reply((req, res) => {
      const single =
        /\/\d+$/.test(req.path) ||
        req.path.startsWith('/vm/stats/calls') ||
        req.path.startsWith('/vm/stats/groups');
      // One group asked for must come back (issue 10): its record, however small.
      const body = req.path.startsWith('/vm/stats/group_stats')
        ? { data: [{ group_id: 3, nbr_global: 0 }] }
        : req.path.startsWith('/vm/stats/') && single
          ? stats
          : single
            ? { id: 7, etat: 'available' }
            : { data: [] };
      json(200, body)(req, res);
    });
    await client.listOperators();
    await client.listOperators({ email: 'ana@example.com' });
    await client.getOperator(7);
    await client.operatorsInit();
    await makeClient().operatorInit(7);
    await client.listGroups({ name: 'Support' });
    await client.getGroup(7);
    await client.statusHistory({ from: '2026-11-01', to: '2026-11-27 18:00', operatorId: 7 });
    await client.operatorDetails(7);
    await client.callsByNumber({
      numbers: ['33145420000', '+33145420001'],
      includeRealtime: true,
      from: '2026-11-27',
    });
    await client.callsByGroup({ groupIds: [1, 2], to: new Date('2026-11-27T12:00:00Z') });
    await client.groupSupervision({
      groupId: 3,
      answeredWithinSeconds: 30,
      abandonedWithinSeconds: 10,
    });
    const seen = upstream.received.map(
      (r) => `${r.method} ${r.path} ${r.query.toString()} ${r.body}`,
    );
    expect(seen).toEqual([
      'GET /vm/operators/ accept=application%2Fjson ',
      'POST /vm/operators/ accept=application%2Fjson {"email":"ana@example.com"}',
      'GET /vm/operators/7 accept=application%2Fjson ',
      'GET /vm/operators_init accept=application%2Fjson ',
      'GET /vm/operators_init/7 accept=application%2Fjson ',
      'POST /vm/groups accept=application%2Fjson {"name":"Support"}',
      'GET /vm/groups/7 accept=application%2Fjson ',
      'POST /vm/calls/status accept=application%2Fjson {"date":"2026-11-01","date_end":"2026-11-27 18:00:00","id_op":7}',
      'GET /vm/op_details/7 accept=application%2Fjson ',
      'GET /vm/stats/calls from_date=2026-11-27&include_realtime=1&dest_number=33145420000&dest_number=33145420001&accept=application%2Fjson ',
      'GET /vm/stats/groups to_date=2026-11-27+13%3A00%3A00&group_id=1&group_id=2&accept=application%2Fjson ',
      'GET /vm/stats/group_stats group_id=3&nbr_abandonne=10&nbr_repondu=30&accept=application%2Fjson ',
    ]);
    expect(upstream.received[1]?.headers['content-type']).toBe('application/json');
  });

  it('refuses an unreadable date before sending anything', async () => {
    const error = await client
      .statusHistory({ from: 'last week', to: '2026-11-27' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxialysBadRequestError);
    expect(error).toMatchObject({ local: true, field: 'date', endpoint: 'calls/status' });
    expect(upstream.received).toHaveLength(0);
  });

  it('keeps a path prefix of the base URL and refuses credentials in it', async () => {
    upstream.reply(json(200, []));
    const prefixed = createAxialysClient({
      baseUrl: `${upstream.url}/api/`,
      user: 'u',
      password: 'p',
    });
    await prefixed.listGroups();
    await prefixed.close();
    expect(last().path).toBe('/api/vm/groups');
    expect(() =>
      createAxialysClient({ baseUrl: 'https://u:p@api.axialys.com', user: 'u', password: 'p' }),
    ).toThrow(TypeError);
  });
});

describe('envelopes and lists', () => {
  const op = { id: 1, realname: 'Ana', email: 'ana@example.com', login: 'ana' };
  const variants: [string, unknown][] = [
    ['a top-level array', [op]],
    ['an object keyed by id', { '1': op }],
    [
      'an object keyed by id whose records omit the id',
      { '1': { realname: 'Ana', email: 'ana@example.com', login: 'ana' } },
    ],
    ['an array under data, beside echoed params', { api_version: '2', email: '', data: [op] }],
    ['an object keyed by id under data', { data: { '1': op } }],
    ['an array under result', { result: [op] }],
    ['an array under results', { results: [op] }],
    ['an array under items', { items: [op] }],
  ];
  it.each(variants)('reads a list given as %s', async (_name, body) => {
    upstream.reply(json(200, body));
    expect(await client.listOperators()).toEqual([
      { id: 1, name: 'Ana', email: 'ana@example.com', login: 'ana' },
    ]);
  });

  it('reads a genuinely empty list as [], data: [] or data: {} (the list is there, with nothing in it)', async () => {
    for (const body of [[], { data: [] }, { data: {} }, { api_version: '2', items: [] }]) {
      upstream.reply(json(200, body));
      expect(await client.listGroups()).toEqual([]);
    }
  });

  it('reads a single record at the top level, under data, or as a list of one', async () => {
    for (const body of [
      { id: 4, name: 'Sales', extra: 1 },
      { data: { id: 4, name: 'Sales' } },
      [{ id: 4, name: 'Sales' }],
      { data: { '4': { name: 'Sales' } } },
    ]) {
      upstream.reply(json(200, body));
      expect(await client.getGroup(4)).toEqual({ id: 4, name: 'Sales' });
    }
  });

  it('ignores fields the guide does not list (guide 2.2)', async () => {
    upstream.reply(
      json(200, {
        api_version: '9',
        data: [{ id: '3', name: 'Support', sip_extension: '201', nested: { a: 1 } }],
      }),
    );
    expect(await client.listGroups()).toEqual([{ id: 3, name: 'Support' }]);
  });

  it('reports a record that fails validation with the endpoint and the field path', async () => {
    const ok = { id: 1, etat: 'available', groups: [] };
    upstream.reply(json(200, { data: [ok, ok, ok, { id: 4, etat: 'asleep', groups: [] }] }));
    const error = await client.operatorsInit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxialysResponseError);
    expect(error).toMatchObject({
      endpoint: 'operators_init',
      path: 'data[3].etat',
      code: 'AXIALYS_MALFORMED',
    });
    expect((error as Error).message).toContain('data[3].etat');
  });

  it('masks the password in a message quoting a bad value', async () => {
    upstream.reply(json(200, [{ id: 1, etat: PASSWORD, groups: [] }]));
    const error = (await client.operatorsInit().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AxialysResponseError);
    expect(error.message).toContain('***');
    expect(error.message).not.toContain(PASSWORD);
  });

  it('names the key of a list keyed by id in the field path', async () => {
    upstream.reply(
      json(200, { data: { '12': { id: 12, etat: 'available', ui_login: 'tuesday' } } }),
    );
    const error = await client.operatorsInit().catch((e: unknown) => e);
    expect(error).toMatchObject({ path: 'data.12.ui_login' });
  });

  it('reports a reply holding no list as malformed', async () => {
    upstream.reply(json(200, { api_version: '2', status: 'ok' }));
    await expect(client.listGroups()).rejects.toBeInstanceOf(AxialysResponseError);
    upstream.reply(json(200, '"just a string"'));
    await expect(client.getGroup(1)).rejects.toBeInstanceOf(AxialysResponseError);
  });
});

// issue 10: `{}` or `{"data":null}` is not "no operators": the list or record the guide promises
// is missing, so the reply is malformed (docs/axialys-wire.md "Missing data").
describe('a 200 without the promised list or record', () => {
  const EMPTY: [string, unknown, string][] = [
    ['{}', {}, ''],
    ['{"data":null}', { data: null }, 'data'],
    ['{"data":""}', { data: '' }, 'data'],
    ['echoed params only', { api_version: '2', group_id: '' }, ''],
  ];
  const lists: [string, (c: AxialysClient) => Promise<unknown>][] = [
    ['operators_init', (c) => c.operatorsInit()],
    ['stats/group_stats', (c) => c.groupSupervision()],
    ['operators', (c) => c.listOperators()],
    ['groups', (c) => c.listGroups()],
    ['calls/status', (c) => c.statusHistory({ from: '2026-11-26', to: '2026-11-27' })],
  ];
  for (const [endpoint, fetchList] of lists) {
    it.each(EMPTY)(`${endpoint}: %s is malformed, naming the path`, async (_n, body, path) => {
      upstream.reply(json(200, body));
      const fresh = makeClient(); // its own operators_init budget
      const error = await fetchList(fresh).catch((e: unknown) => e);
      await fresh.close();
      expect(error).toBeInstanceOf(AxialysResponseError);
      expect(error).toMatchObject({ endpoint, path, code: 'AXIALYS_MALFORMED' });
      expect((error as Error).message).toMatch(/no list|missing/);
    });

    it(`${endpoint}: an empty list that is there is valid`, async () => {
      for (const body of [[], { data: [] }, { api_version: '2', data: {} }]) {
        upstream.reply(json(200, body));
        const fresh = makeClient();
        expect(await fetchList(fresh)).toEqual([]);
        await fresh.close();
      }
    });
  }

  const records: [string, (c: AxialysClient) => Promise<unknown>][] = [
    ['operators_init', (c) => c.operatorInit(7)],
    ['stats/group_stats', (c) => c.groupSupervision({ groupId: 3 })],
    ['operators', (c) => c.getOperator(7)],
    ['groups', (c) => c.getGroup(3)],
    ['op_details', (c) => c.operatorDetails(7)],
    ['stats/calls', (c) => c.callsByNumber()],
    ['stats/groups', (c) => c.callsByGroup()],
  ];
  for (const [endpoint, fetchRecord] of records) {
    it.each(EMPTY.slice(0, 3))(`${endpoint} (one record): %s is malformed`, async (_n, body) => {
      upstream.reply(json(200, body));
      const fresh = makeClient();
      const error = await fetchRecord(fresh).catch((e: unknown) => e);
      await fresh.close();
      expect(error).toBeInstanceOf(AxialysResponseError);
      expect(error).toMatchObject({ endpoint });
    });
  }

  it('group supervision: one group asked for and none answered is malformed', async () => {
    upstream.reply(json(200, { data: {} }));
    await expect(client.groupSupervision({ groupId: 3 })).rejects.toBeInstanceOf(
      AxialysResponseError,
    );
  });

  it('group supervision: a record without the day count (nbr_global) is malformed, not zero', async () => {
    upstream.reply(json(200, { data: { '3': { group_name: 'Sales' }, '4': { nbr_global: '' } } }));
    const error = await client.groupSupervision().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxialysResponseError);
    expect(error).toMatchObject({ path: 'data.3.nbr_global' });
  });
});

describe('values (API-NOTES quirks)', () => {
  it('reads operator states with variant dates, numeric-string ids and blank breaks', async () => {
    upstream.reply(
      json(200, {
        data: {
          '5': {
            id: '5',
            etat: 'connected',
            ui_login: '2026-11-27 08:01:02',
            ui_logout: '',
            pause: null,
            ui_pause: '2026-11-27T10:00:00+01:00',
            ui_unpause: '2026-11-27 10:15',
            groups: { '1': 'Support', '3': 'Sales' },
          },
          '6': {
            id: 6,
            etat: 'unavailable',
            pause: 'Déjeuner',
            ui_pause: '2026-07-01 12:00:00',
            groups: ['2'],
          },
        },
      }),
    );
    expect(await client.operatorsInit()).toEqual([
      {
        id: 5,
        state: 'connected',
        lastLoginAt: '2026-11-27T08:01:02.000+01:00',
        lastBreakAt: '2026-11-27T10:00:00.000+01:00',
        lastUnbreakAt: '2026-11-27T10:15:00.000+01:00',
        groupIds: [1, 3],
      },
      {
        id: 6,
        state: 'unavailable',
        breakName: 'Déjeuner',
        lastBreakAt: '2026-07-01T12:00:00.000+02:00',
        groupIds: [2],
      },
    ]);
  });

  it('leaves absent fields out of the object rather than undefined', async () => {
    upstream.reply(json(200, [{ id: 6, etat: '', pause: '', groups: [] }]));
    const [status] = await client.operatorsInit();
    expect(Object.keys(status ?? {})).toEqual(['id', 'groupIds']);
  });

  it('reads group supervision times as seconds, HH:MM:SS or MM:SS, and counts as strings', async () => {
    upstream.reply(
      json(200, {
        data: {
          '1': {
            group_name: 'Support',
            nbr_global: '12',
            nbr_global_reel: 11,
            nbr_escalades: '0',
            pourc_decroche: '91.7',
            nbr_comm: 2,
            nbr_attente: '1',
            nbr_perdus: 1,
            nbr_perdus_reel: '1',
            tps_max_attente: '00:02:05',
            tps_moyen_attente: '00:35',
            tps_moyen_comm: 184,
            tps_moyen_abandon: '12',
            tps_moyen_catchup: null,
            nbr_appels_attente_moins1m: 1,
            nbr_appels_attente_1a3m: '0',
            nbr_appels_attente_3mplus: 0,
            nbr_abandonne: '1',
            nbr_repondu: 10,
            extra_kpi: 3,
          },
        },
      }),
    );
    expect(await client.groupSupervision()).toEqual([
      {
        groupId: 1,
        groupName: 'Support',
        calls: 12,
        uniqueCalls: 11,
        escalated: 0,
        answeredPercent: 91.7,
        inConversation: 2,
        waiting: 1,
        lost: 1,
        uniqueLost: 1,
        maxWaitSeconds: 125,
        averageWaitSeconds: 35,
        averageTalkSeconds: 184,
        averageAbandonSeconds: 12,
        averageCatchupSeconds: 0,
        waitingUnder1m: 1,
        waiting1to3m: 0,
        waitingOver3m: 0,
        abandonedWithin: 1,
        answeredWithin: 10,
      },
    ]);
  });

  it('reads a single group supervision record as a list of one, its id from the echoed group_id', async () => {
    upstream.reply(json(200, { group_id: '3', group_name: 'Sales', nbr_global: 4 }));
    const [one] = await client.groupSupervision({ groupId: 3 });
    expect(one).toMatchObject({ groupId: 3, groupName: 'Sales', calls: 4, maxWaitSeconds: 0 });
  });

  it('reads the status history with durations as strings or clocks', async () => {
    upstream.reply(
      json(200, {
        date: '2026-11-27',
        date_end: '2026-11-28',
        data: [
          {
            id_op: '7',
            duration: '65',
            date: '2026-11-27 09:00',
            id_call: 998877,
            infos: '',
            type: 'call_in',
          },
          {
            id_op: 7,
            duration: '00:10:00',
            date: '2026-11-27T10:00:00+01:00',
            id_call: null,
            type: 'break',
          },
          { id_op: 7, duration: 3, date: '2026-11-27 11:00:00', type: 'transfer' },
        ],
      }),
    );
    expect(await client.statusHistory({ from: '2026-11-27', to: '2026-11-28' })).toEqual([
      {
        operatorId: 7,
        type: 'call_in',
        startedAt: '2026-11-27T09:00:00.000+01:00',
        durationSeconds: 65,
        callId: '998877',
      },
      {
        operatorId: 7,
        type: 'break',
        startedAt: '2026-11-27T10:00:00.000+01:00',
        durationSeconds: 600,
      },
      {
        operatorId: 7,
        type: 'transfer',
        startedAt: '2026-11-27T11:00:00.000+01:00',
        durationSeconds: 3,
      },
    ]);
  });

  it('reads operator details in both shapes of the guide’s double id', async () => {
    const common = {
      state: 'connected',
      break: '',
      vars: { client: 'ACME', rank: 2 },
      service_number: '+33145420000',
      caller_number: 33612345678,
      dt_answer: '2026-11-27 09:30:00',
      id_appel: '555',
      groups: '1,3',
      id_group: '3',
    };
    upstream.reply(json(200, { ...common, id: 7, id_account: 900 }));
    expect(await client.operatorDetails(7)).toEqual({
      id: 7,
      accountId: 900,
      state: 'connected',
      vars: { client: 'ACME', rank: '2' },
      serviceNumber: '33145420000',
      callerNumber: '33612345678',
      callAnsweredAt: '2026-11-27T09:30:00.000+01:00',
      callId: '555',
      groupIds: [1, 3],
      callGroupId: 3,
    });
    upstream.reply(json(200, { ...common, id: 900, vars: [] }));
    expect(await client.operatorDetails(7)).toMatchObject({ id: 7, accountId: 900, vars: {} });
    upstream.reply(json(200, { ...common, id: 900, id_op: 7 }));
    expect(await client.operatorDetails(7)).toMatchObject({ id: 7, accountId: 900 });
  });

  it('reads call statistics with realtime data only when present or asked for', async () => {
    upstream.reply(
      json(200, {
        from_date: '2026-11-27',
        total_duration: '00:20:00',
        calls_count: '4',
        agent_connected_calls_count: 3,
      }),
    );
    expect(await client.callsByNumber()).toEqual({
      totalDurationSeconds: 1200,
      calls: 4,
      agentConnectedCalls: 3,
    });
    upstream.reply(
      json(200, {
        total_duration: 0,
        calls_count: 0,
        agent_connected_calls_count: 0,
        active_calls: '2',
        in_conversation_calls: 1,
        oldest_call_since: '2026-11-27 09:59',
        oldest_in_conversation_call_since: '',
      }),
    );
    expect(await client.callsByNumber({ includeRealtime: true })).toEqual({
      totalDurationSeconds: 0,
      calls: 0,
      agentConnectedCalls: 0,
      realtime: {
        activeCalls: 2,
        inConversationCalls: 1,
        oldestCallSince: '2026-11-27T09:59:00.000+01:00',
      },
    });
    upstream.reply(
      json(200, {
        total_duration: 0,
        calls_count: 0,
        agent_connected_calls_count: 0,
        active_calls: 0,
        oldest_call_waiting_since: '2026-11-27 10:00:00',
      }),
    );
    expect(await client.callsByGroup({ includeRealtime: true })).toEqual({
      totalDurationSeconds: 0,
      calls: 0,
      agentConnectedCalls: 0,
      realtime: { activeCalls: 0, oldestCallWaitingSince: '2026-11-27T10:00:00.000+01:00' },
    });
  });

  it('refuses call statistics missing a mandatory figure (guide 4.1)', async () => {
    upstream.reply(json(200, { total_duration: 10, agent_connected_calls_count: 1 }));
    await expect(client.callsByNumber()).rejects.toMatchObject({ path: 'calls_count' });
  });
});

describe('errors', () => {
  it('reports an HTML page (what a browser gets without accept=application/json) as malformed', async () => {
    upstream.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body><table><tr><td>id</td></tr></table></body></html>');
    });
    const error = await client.listOperators().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxialysResponseError);
    expect((error as Error).message).toContain('text/html');
  });

  it('reports truncated JSON as malformed', async () => {
    upstream.reply(json(200, '{"data": [{"id": 1,'));
    await expect(client.listGroups()).rejects.toMatchObject({
      code: 'AXIALYS_MALFORMED',
      path: '',
    });
  });

  it('reports an error told in a 200 as malformed, with the upstream message', async () => {
    upstream.reply(json(200, { error: 'service unavailable, try later' }));
    const error = await client.listGroups().catch((e: unknown) => e);
    expect(error).toMatchObject({ constructor: AxialysResponseError, path: 'error' });
    expect((error as Error).message).toContain('service unavailable');
  });

  it('maps 401 and 403 to a credentials error', async () => {
    for (const status of [401, 403]) {
      upstream.reply(
        json(
          status,
          { error: 'invalid credentials' },
          { 'www-authenticate': 'Basic realm="Axialys"' },
        ),
      );
      await expect(client.listGroups()).rejects.toMatchObject({
        constructor: AxialysAuthError,
        status,
      });
    }
  });

  it('maps 429 to a rate-limit error carrying Retry-After, in seconds or as a date', async () => {
    upstream.reply(json(429, { error: 'slow down' }, { 'retry-after': '12' }));
    await expect(client.listGroups()).rejects.toMatchObject({
      constructor: AxialysRateLimitError,
      retryAfterMs: 12_000,
      local: false,
    });
    const at = new Date(Date.now() + 20_000).toUTCString();
    upstream.reply(json(429, {}, { 'retry-after': at }));
    const error = (await client.listGroups().catch((e: unknown) => e)) as AxialysRateLimitError;
    expect(error.retryAfterMs).toBeGreaterThan(18_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(20_000);
  });

  it('maps 5xx to an upstream fault with a short excerpt scrubbed of the password', async () => {
    const leak = `Fatal error: connect(user=acme, password=${PASSWORD}) ${'x'.repeat(400)} ${encodeURIComponent(PASSWORD)}`;
    upstream.reply((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(leak);
    });
    const error = (await client.listGroups().catch((e: unknown) => e)) as AxialysUpstreamError;
    expect(error).toBeInstanceOf(AxialysUpstreamError);
    expect(error.status).toBe(502);
    expect(error.bodyExcerpt.length).toBeLessThanOrEqual(200);
    expect(error.bodyExcerpt).toContain('password=***');
    expect(
      JSON.stringify({ ...error, message: error.message, ex: error.bodyExcerpt }),
    ).not.toContain('s3cr');
  });

  it('maps an unexpected status (e.g. 302) to an upstream fault', async () => {
    upstream.reply(json(302, 'moved', { location: '/login' }));
    await expect(client.listGroups()).rejects.toMatchObject({
      constructor: AxialysUpstreamError,
      status: 302,
    });
  });

  it('maps 404 on a record to not-found, and 400 to a bad request with the field', async () => {
    upstream.reply(json(404, { error: 'operator 42 not found' }));
    await expect(client.getOperator(42)).rejects.toMatchObject({
      constructor: AxialysNotFoundError,
      id: 42,
    });
    upstream.reply(json(400, { error: 'period over one month', field: 'date_end' }));
    await expect(
      client.statusHistory({ from: '2026-01-01', to: '2026-03-01' }),
    ).rejects.toMatchObject({
      constructor: AxialysBadRequestError,
      upstreamMessage: 'period over one month',
      field: 'date_end',
      local: false,
    });
  });

  it('times out a reply whose headers never come', async () => {
    upstream.reply(() => undefined);
    const quick = makeClient({ timeoutMs: 150 });
    const started = Date.now();
    await expect(quick.listGroups()).rejects.toMatchObject({
      constructor: AxialysTimeoutError,
      timeoutMs: 150,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    await quick.close();
  });

  it('times out a reply whose body never ends (the whole call is bounded)', async () => {
    upstream.reply((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data": [');
      const drip = setInterval(() => res.write(' '), 40); // keeps each chunk under bodyTimeout
      res.on('close', () => clearInterval(drip));
    });
    const quick = makeClient({ timeoutMs: 200 });
    await expect(quick.listGroups()).rejects.toBeInstanceOf(AxialysTimeoutError);
    await quick.close();
  });

  it('maps a refused connection to an upstream fault with status 0', async () => {
    const gone = await startFakeUpstream();
    await gone.close();
    const lost = createAxialysClient({ baseUrl: gone.url, user: 'u', password: PASSWORD });
    await expect(lost.listGroups()).rejects.toMatchObject({
      constructor: AxialysUpstreamError,
      status: 0,
    });
    await lost.close();
  });
});

describe('operators_init budget (guide 3.2)', () => {
  const statuses = json(200, { data: [{ id: 1, etat: 'available', groups: [] }] });

  it('refuses a second call within 30 s without sending it, then allows it after', async () => {
    upstream.reply(statuses);
    let now = 1_000_000;
    const c = makeClient({ now: () => now });
    await c.operatorsInit();
    now += 29_999;
    const error = await c.operatorInit(1).catch((e: unknown) => e);
    expect(error).toMatchObject({
      constructor: AxialysRateLimitError,
      local: true,
      retryAfterMs: 1,
    });
    expect(upstream.received).toHaveLength(1);
    now += 1;
    await c.operatorInit(1);
    expect(upstream.received).toHaveLength(2);
    await c.close();
  });

  it('shares the budget between clients of the same account and base URL only', async () => {
    upstream.reply(statuses);
    let now = 0;
    const options = {
      baseUrl: upstream.url,
      user: 'shared-account',
      password: 'p',
      now: () => now,
    };
    const a = createAxialysClient(options);
    const b = createAxialysClient(options);
    const other = createAxialysClient({ ...options, user: 'other-account' });
    await a.operatorsInit();
    now = 10_000;
    await expect(b.operatorsInit()).rejects.toMatchObject({ local: true, retryAfterMs: 20_000 });
    await other.operatorsInit();
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it('counts a failed call against the budget', async () => {
    upstream.reply(json(503, 'down'));
    let now = 0;
    const c = makeClient({ now: () => now });
    await expect(c.operatorsInit()).rejects.toBeInstanceOf(AxialysUpstreamError);
    now = 5_000;
    await expect(c.operatorsInit()).rejects.toMatchObject({ local: true });
    expect(upstream.received).toHaveLength(1);
    await c.close();
  });

  it('honours an upstream Retry-After longer than the interval, and a custom interval', async () => {
    let now = 0;
    const c = makeClient({ now: () => now, operatorsInitMinIntervalMs: 1_000 });
    upstream.reply(json(429, { error: 'audit' }, { 'retry-after': '45' }));
    await expect(c.operatorsInit()).rejects.toMatchObject({ local: false, retryAfterMs: 45_000 });
    now = 44_000;
    await expect(c.operatorsInit()).rejects.toMatchObject({ local: true, retryAfterMs: 1_000 });
    now = 45_000;
    upstream.reply(statuses);
    await expect(c.operatorsInit()).resolves.toHaveLength(1);
    await c.close();
  });

  it('does not throttle the other endpoints', async () => {
    upstream.reply(json(200, []));
    const c = makeClient({ now: () => 0 });
    await c.listOperators();
    await c.listOperators();
    await c.listGroups();
    expect(upstream.received).toHaveLength(3);
    await c.close();
  });
});
