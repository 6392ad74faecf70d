// Drill-down limits over real HTTP: one budget per principal, distinct periods bounded, bad bounds refused locally (issue 10).
import type { RequestRecord } from '@vigie/axialys-sim';
import type { Snapshot } from '@vigie/contract';
import { DateTime } from 'luxon';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MAX_DISTINCT_PERIODS } from '../src/routes/api/drilldown-limit';
import {
  build,
  buildWithAuth,
  type Built,
  eventually,
  isLiveWaitRequest,
  LEAD_GROUP,
  RedisServer,
  simRequests,
} from './support';

/** The endpoints a drill-down may call (the poller's own are left out). */
const DRILLDOWN_ENDPOINTS = ['op_details', 'calls_status', 'stats_calls', 'stats_groups'];

/** A first snapshot, and the poller's start-up history (one 3.4 call) out of the way. */
async function ready(b: Built): Promise<Snapshot> {
  return eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      const started = (b.sim.audit().byEndpoint['calls_status'] ?? 0) > 0;
      return s && s.upstream.lastSuccessAt && s.operators.length > 0 && started ? s : undefined;
    },
    8000,
    'a full snapshot',
  );
}

/**
 * The drill-down calls the simulator received since `sinceIso` (its request log, /sim/requests);
 * the live oldest wait's own 4.2 calls (poller, not drill-down) are left out.
 */
async function receivedSince(b: Built, sinceIso: string): Promise<RequestRecord[]> {
  return (await simRequests(b.sim)).filter(
    (x) => x.at >= sinceIso && DRILLDOWN_ENDPOINTS.includes(x.endpoint) && !isLiveWaitRequest(x),
  );
}

describe('drill-down limits', () => {
  it('one budget per principal across every drill-down route: spent on one route, spent on all', async () => {
    const BUDGET = 30;
    const b = await buildWithAuth({ app: { rateLimits: { drilldownPerPrincipal: BUDGET } } });
    const s = await ready(b);
    const op = s.operators.find((o) => o.groups.includes(LEAD_GROUP))?.id;
    const alice = { cookie: await b.signIn('alice') };
    for (let i = 0; i < BUDGET; i++)
      expect((await b.call('/api/directory', { headers: alice })).status).toBe(200);
    const others = [
      `/api/operators/${op}`,
      `/api/operators/${op}/history`,
      '/api/stats/numbers',
      `/api/stats/groups?group=${LEAD_GROUP}`,
      `/api/groups/${LEAD_GROUP}/trend`,
      `/api/groups/${LEAD_GROUP}/coverage`,
      '/api/alerts',
      '/api/directory',
    ];
    const before = new Date().toISOString();
    for (const p of others) {
      const r = await b.call(p, { headers: alice });
      expect(r.status, `${p} after ${BUDGET} calls to /api/directory`).toBe(429);
      expect(r.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    }
    expect(await receivedSince(b, before)).toEqual([]);
    // Another person keeps a whole budget.
    const bob = { cookie: await b.signIn('bob') };
    expect((await b.call(`/api/operators/${op}`, { headers: bob })).status).toBe(200);
  });

  it('cluster mode: the one budget lives in Redis and still spans every drill-down route', async () => {
    const BUDGET = 12;
    const redis = await RedisServer.start();
    onTestFinished(() => redis.stop());
    const b = await build({
      env: { REDIS_URL: redis.url, VIGIE_INSTANCE_ID: 'budget-1', VIGIE_LEASE_MS: '2000' },
      app: { rateLimits: { drilldownPerPrincipal: BUDGET } },
    });
    const s = await ready(b);
    for (let i = 0; i < BUDGET; i++) expect((await b.get('/api/directory')).status).toBe(200);
    for (const p of [`/api/operators/${s.operators[0]?.id}`, `/api/groups/${LEAD_GROUP}/trend`])
      expect((await b.get(p)).status, p).toBe(429);
  });

  it(`40 distinct periods from one principal make at most ${MAX_DISTINCT_PERIODS} upstream calls`, async () => {
    const b = await buildWithAuth();
    const s = await ready(b);
    const op = s.operators[0]?.id;
    const alice = { cookie: await b.signIn('alice') };
    const before = b.sim.audit().byEndpoint['calls_status'] ?? 0;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const from = `2026-11-27T10:${String(i).padStart(2, '0')}:00`;
      const r = await b.call(`/api/operators/${op}/history?from=${from}&to=2026-11-27T18:00:00`, {
        headers: alice,
      });
      statuses.push(r.status);
      if (r.status === 429) expect(r.json()).toMatchObject({ statusCode: 429 });
    }
    const upstream = (b.sim.audit().byEndpoint['calls_status'] ?? 0) - before;
    expect(upstream).toBeLessThanOrEqual(MAX_DISTINCT_PERIODS);
    expect(statuses.filter((x) => x === 200).length).toBe(MAX_DISTINCT_PERIODS);
    expect(statuses.slice(MAX_DISTINCT_PERIODS).every((x) => x === 429)).toBe(true);
    // The periods are one set across routes: a new one on the stats is refused too...
    const stats = await b.call('/api/stats/groups?from=2026-11-20&to=2026-11-21', {
      headers: alice,
    });
    expect(stats.status).toBe(429);
    // ...while a period already in use is still served (other operators, other routes).
    const again = `from=2026-11-27T10:00:00&to=2026-11-27T18:00:00`;
    expect(
      (await b.call(`/api/operators/${s.operators[1]?.id}/history?${again}`, { headers: alice }))
        .status,
    ).toBe(200);
    expect((await b.call(`/api/stats/groups?${again}`, { headers: alice })).status).toBe(200);
    // Another person has their own set.
    const bob = { cookie: await b.signIn('bob') };
    expect(
      (await b.call('/api/stats/groups?from=2026-11-20&to=2026-11-21', { headers: bob })).status,
    ).toBe(200);
  });

  it('offsets beyond ±14:00, years outside 2000..next year and ids beyond 2^53-1 are 400s naming the field, with no upstream call', async () => {
    const b = await build();
    const s = await ready(b);
    const op = s.operators[0]?.id;
    const next = DateTime.now().year + 1;
    const h = `/api/operators/${op}/history`;
    const at = (v: string) => encodeURIComponent(v);
    const cases: [string, string][] = [
      [`${h}?from=${at('2026-11-27T10:00+99:99')}`, 'from'],
      [`${h}?from=${at('2026-11-27T10:00+14:30')}`, 'from'],
      [`${h}?from=${at('2026-11-27T10:00-14:01')}`, 'from'],
      [`${h}?from=${at('2026-11-27T10:00+05:60')}`, 'from'],
      [`${h}?from=2026-11-27&to=${at('2026-11-27T10:00+1500')}`, 'to'],
      [`${h}?from=0000-01-01&to=0000-01-02`, 'from'],
      [`${h}?from=1999-12-31&to=2000-01-01`, 'from'],
      [`${h}?from=${next + 1}-01-01&to=${next + 1}-01-02`, 'from'],
      [`${h}?from=${next}-12-30&to=${next + 1}-01-02`, 'to'],
      [`/api/stats/groups?from=0000-01-01&to=0000-01-02`, 'from'],
      [`/api/stats/numbers?from=${at('2026-11-27T10:00+99:99')}`, 'from'],
      ['/api/stats/groups?group=99999999999999999999', 'group'],
      ['/api/stats/groups?group=9007199254740992', 'group'],
      ['/api/operators/99999999999999999999', 'id'],
      ['/api/operators/9007199254740992/history', 'id'],
      ['/api/groups/9007199254740992/trend', 'id'],
      ['/api/groups/9007199254740992/coverage', 'id'],
      [`/api/alerts?from=0000-01-01&to=0000-01-02`, 'from'],
    ];
    const since = new Date().toISOString();
    for (const [path, field] of cases) {
      const r = await b.get(path);
      const body = r.json() as { statusCode: number; field?: string; message: string };
      expect(r.status, `${path} → ${r.body}`).toBe(400);
      expect(body.field, `${path} → ${body.message}`).toBe(field);
    }
    expect(await receivedSince(b, since)).toEqual([]);
    // The bounds themselves are accepted.
    const ok = await b.get(
      `${h}?from=${at('2026-11-27T10:00+14:00')}&to=${at('2026-11-27T10:00-12:00')}`,
    );
    expect(ok.status, ok.body).toBe(200);
    expect((await b.get(`${h}?from=2000-01-01&to=2000-01-02`)).status).toBe(200);
    expect((await b.get('/api/operators/9007199254740991')).status).toBe(404);
  });
});
