// The guide's rules for every call: credentials, HTML or JSON, echo, extra fields, dates, the month
// limit and the 30 s rule of operators_init.

import { describe, expect, it } from 'vitest';
import { call, records, startTestSim } from './test-support';

describe('credentials (guide 2.1)', () => {
  it('accepts HTTP Basic and user/password query params', async () => {
    const { sim } = await startTestSim();
    expect((await call(sim, '/vm/groups', { auth: 'basic' })).status).toBe(200);
    expect((await call(sim, '/vm/groups', { auth: 'query' })).status).toBe(200);
  });

  it('answers 401 with WWW-Authenticate to missing or wrong credentials', async () => {
    const { sim } = await startTestSim();
    for (const auth of ['none', { user: 'demo', password: 'nope' }] as const) {
      const r = await call(sim, '/vm/operators/', { auth });
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Basic realm="Axialys"');
      expect(r.json()).toEqual({ error: 'invalid credentials' });
    }
  });
});

describe('response format (guide 2.2)', () => {
  it('gives a browser an HTML table unless accept=application/json is set', async () => {
    const { sim } = await startTestSim();
    const html = await call(sim, '/vm/groups', {
      json: false,
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('<table');
    expect(html.text).toContain('Accueil');
    const forced = await call(sim, '/vm/groups?accept=application/json', {
      headers: { accept: 'text/html' },
    });
    expect(forced.headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers JSON by default when no Accept header says HTML', async () => {
    const { sim } = await startTestSim();
    const r = await call(sim, '/vm/groups', { json: false });
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(records(r.json().data).length).toBe(5);
  });

  it('echoes the input params but never the credentials, and adds a field the guide does not list', async () => {
    const { sim } = await startTestSim();
    const body = (
      await call(sim, '/vm/stats/calls?dest_number=33145420000&include_realtime=1', {
        auth: 'query',
      })
    ).json();
    expect(body.dest_number).toBe('33145420000');
    expect(body.include_realtime).toBe('1');
    expect(body.accept).toBe('application/json');
    expect(body).not.toHaveProperty('user');
    expect(body).not.toHaveProperty('password');
    expect(body.api_version).toEqual(expect.any(String));
    const op = (await call(sim, '/vm/operators/1001')).json();
    expect(op).toMatchObject({
      id: 1001,
      realname: expect.any(String),
      login: expect.any(String),
      email: expect.stringContaining('@'),
    });
    expect(op.sip_extension).toEqual(expect.any(String));
  });
});

describe('endpoints and paths', () => {
  it('serves both URL forms and the list or single record of each endpoint', async () => {
    const { sim } = await startTestSim();
    const ok = [
      '/vm/operators/',
      '/vm/operators',
      '/vm/operators/1002',
      '/vm/operators_init',
      '/vm/operators_init/',
      '/vm/operators_init/1003',
      '/vm/groups',
      '/vm/groups/102',
      '/vm/op_details/1004',
      '/vm/stats/calls',
      '/vm/stats/groups',
      '/vm/stats/group_stats',
      '/vm/stats/group_stats?group_id=103',
      '/vm/group_stats/104',
    ];
    for (const p of ok) expect([p, (await call(sim, p)).status]).toEqual([p, 200]);
    expect(
      (
        await call(sim, '/vm/calls/status', {
          method: 'POST',
          body: { date: '2026-03-10', date_end: '2026-03-10' },
        })
      ).status,
    ).toBe(200);
    expect((await call(sim, '/vm/operators/9999')).status).toBe(404);
    expect((await call(sim, '/vm/calls/status')).status).toBe(405);
    expect((await call(sim, '/vm/operators_init', { method: 'POST' })).status).toBe(405);
  });

  it('filters operators by email or login and groups by name with POST', async () => {
    const { sim } = await startTestSim();
    const op = sim.centre.operators[3]!;
    const byLogin = records(
      (await call(sim, '/vm/operators/', { method: 'POST', body: { login: op.login } })).json()
        .data,
    );
    expect(byLogin.map((o) => o.id)).toEqual([op.id]);
    const byEmail = records(
      (
        await call(sim, '/vm/operators/', {
          method: 'POST',
          body: 'email=' + encodeURIComponent(op.email.toUpperCase()),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).json().data,
    );
    expect(byEmail.map((o) => o.id)).toEqual([op.id]);
    const groups = records(
      (await call(sim, '/vm/groups', { method: 'POST', body: { name: 'support' } })).json().data,
    );
    expect(groups.map((g) => g.name)).toEqual(['Support technique']);
  });

  it('takes the 4.3 thresholds as query params or as a JSON body on the GET', async () => {
    const { sim } = await startTestSim();
    const get = async (path: string, body?: object): Promise<Record<string, unknown>> =>
      (await call(sim, path, body ? { body } : {})).json();
    const dflt = await get('/vm/group_stats/101');
    expect(dflt.thresholds).toEqual({ nbr_abandonne: 5, nbr_repondu: 45 });
    const q = await get('/vm/group_stats/101?nbr_abandonne=60&nbr_repondu=5');
    const b = await get('/vm/group_stats/101', { nbr_abandonne: 60, nbr_repondu: 5 });
    expect(q.thresholds).toEqual({ nbr_abandonne: 60, nbr_repondu: 5 });
    expect(b.nbr_repondu).toEqual(q.nbr_repondu);
    expect(b.nbr_abandonne).toEqual(q.nbr_abandonne);
    expect(Number(q.nbr_repondu)).toBeLessThanOrEqual(Number(dflt.nbr_repondu));
    expect(Number(q.nbr_abandonne)).toBeGreaterThanOrEqual(Number(dflt.nbr_abandonne));
    expect((await call(sim, '/vm/group_stats/101?nbr_repondu=abc')).json()).toMatchObject({
      field: 'nbr_repondu',
    });
  });

  it('writes values in the documented quirky shapes, the same way every time', async () => {
    const { sim } = await startTestSim();
    const gs = (await call(sim, '/vm/stats/group_stats')).json().data as Record<
      string,
      Record<string, unknown>
    >;
    expect(Array.isArray(gs)).toBe(false); // keyed by group id
    expect(typeof gs['101']!.nbr_global).toBe('number');
    expect(typeof gs['102']!.nbr_global).toBe('string'); // even ids: counts as strings
    // Times by group id modulo 3: 0 → seconds, 1 → HH:MM:SS, 2 → MM:SS.
    expect(typeof gs['102']!.tps_moyen_comm).toBe('number');
    expect(gs['103']!.tps_moyen_comm).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(gs['101']!.tps_moyen_comm).toMatch(/^\d{2}:\d{2}$/);
    expect(typeof gs['101']!.pourc_decroche).toBe('number');
    expect(gs['102']!.pourc_decroche).toMatch(/^\d+\.\d$/);
    const init = (await call(sim, '/vm/operators_init')).json().data as Record<
      string,
      Record<string, unknown>
    >;
    // Groups by operator id modulo 3: 0 → object keyed by id, 1 → numbers, 2 → numeric strings.
    expect(Array.isArray(init['1002']!.groups)).toBe(false);
    expect((init['1003']!.groups as unknown[]).every((g) => typeof g === 'number')).toBe(true);
    expect((init['1004']!.groups as unknown[]).every((g) => typeof g === 'string')).toBe(true);
    expect(init['1001']!.ui_login ?? '').toMatch(/^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/);
    const again = (await call(sim, '/vm/stats/group_stats')).json().data;
    expect(Object.keys(again as object)).toEqual(Object.keys(gs));
  });
});

describe('dates (guide 2.1)', () => {
  it.each([
    ['2026-03-10', '2026-03-10'],
    ['2026-03-10 08:00', '2026-03-10 12:00'],
    ['2026-03-10 08:00:00', '2026-03-10 12:00:00'],
    ['2026-03-10T08:00:00', '2026-03-10T12:00:00'],
    ['2026-03-10T08:00:00+01:00', '2026-03-10T12:00:00+01:00'],
    ['2026-03-10T07:00:00Z', '2026-03-10T11:00:00.000Z'],
  ])('accepts %s → %s', async (from, to) => {
    const { sim } = await startTestSim();
    const r = await call(
      sim,
      `/vm/stats/calls?from_date=${encodeURIComponent(from)}&to_date=${encodeURIComponent(to)}`,
    );
    expect(r.status).toBe(200);
    expect(r.json().from_date).toBe(from);
    expect(Number(r.json().calls_count)).toBeGreaterThan(0);
  });

  it('reads a local date as the account zone and an offset as given', async () => {
    const { sim } = await startTestSim();
    const local = (
      await call(sim, '/vm/stats/calls?from_date=2026-03-10%2008:00&to_date=2026-03-10%2009:00')
    ).json();
    const utc = (
      await call(sim, '/vm/stats/calls?from_date=2026-03-10T07:00:00Z&to_date=2026-03-10T08:00:00Z')
    ).json();
    const plus = (
      await call(
        sim,
        '/vm/stats/calls?from_date=2026-03-10T08:00:00+01:00&to_date=2026-03-10T09:00:00+01:00',
      )
    ).json();
    expect(utc.calls_count).toBe(local.calls_count);
    expect(plus.calls_count).toBe(local.calls_count); // an unencoded "+" arrives as a space and still works
  });

  it('refuses a period over one calendar month with a 400 naming the field', async () => {
    const { sim } = await startTestSim();
    const over = await call(sim, '/vm/stats/groups?from_date=2026-01-31&to_date=2026-03-01');
    expect(over.status).toBe(400);
    expect(over.json()).toMatchObject({
      field: 'to_date',
      error: expect.stringMatching(/one month/),
    });
    expect(
      (await call(sim, '/vm/stats/groups?from_date=2026-01-31&to_date=2026-02-28')).status,
    ).toBe(200);
    const hist = await call(sim, '/vm/calls/status', {
      method: 'POST',
      body: { date: '2026-01-01', date_end: '2026-02-02' },
    });
    expect(hist.json()).toMatchObject({ field: 'date_end' });
    expect((await call(sim, '/vm/stats/calls?from_date=10/03/2026')).json()).toMatchObject({
      field: 'from_date',
    });
    expect(
      (
        await call(sim, '/vm/calls/status', { method: 'POST', body: { date: '2026-03-10' } })
      ).json(),
    ).toMatchObject({ field: 'date_end' });
  });
});

describe('the 30 s rule of operators_init (guide 3.2)', () => {
  it('answers 429 with Retry-After to a second call within the window, on either path, and audits it', async () => {
    const t = await startTestSim({ rateLimitMs: 30_000 });
    const { sim } = t;
    expect((await call(sim, '/vm/operators_init')).status).toBe(200);
    t.tick(10_000);
    const refused = await call(sim, '/vm/operators_init/1001');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('20');
    t.tick(20_000);
    expect((await call(sim, '/vm/operators_init/')).status).toBe(200);
    expect((await call(sim, '/vm/groups')).status).toBe(200); // other endpoints are not limited
    const audit = sim.audit();
    expect(audit).toMatchObject({ rateLimitMs: 30_000, operatorsInitCalls: 3, violations: 1 });
    expect(audit.byEndpoint).toEqual({ operators_init: 3, groups: 1 });
    expect(audit.entries.filter((e) => e.violation)).toEqual([
      expect.objectContaining({ account: 'demo', endpoint: 'operators_init', status: 429 }),
    ]);
    const viaHttp = (await call(sim, '/sim/audit')).json();
    expect(viaHttp.violations).toBe(1);
    await call(sim, '/sim/audit/reset', { method: 'POST' });
    expect(sim.audit().operatorsInitCalls).toBe(0);
    expect((await call(sim, '/vm/operators_init')).status).toBe(200); // a reset also clears the window
  });
});
