// REST routes over real HTTP against the simulator: shapes, 400s naming the field, 404s, caching and coalescing.
import {
  DirectoryReplySchema,
  HistoryReplySchema,
  OperatorDetailSchema,
  SnapshotSchema,
  StatsGroupsReplySchema,
  StatsNumbersReplySchema,
  TrendReplySchema,
  type DirectoryReply,
  type HistoryReply,
  type OperatorDetail,
  type Snapshot,
  type StatsGroupsReply,
  type StatsNumbersReply,
  type TrendReply,
} from '@vigie/contract';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { build, type Built, eventually, otherGroupStatsRequests } from './support';

async function ready(b: Built): Promise<Snapshot> {
  return eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      return s && s.upstream.lastSuccessAt && s.operators.length > 0 ? s : undefined;
    },
    5000,
    'a full snapshot',
  );
}

async function expect400(b: Built, path: string, field: string) {
  const r = await b.get(path);
  expect(r.status, path).toBe(400);
  const body = r.json() as { statusCode: number; error: string; message: string; field?: string };
  expect(body.statusCode).toBe(400);
  expect(body.error).toBe('Bad Request');
  expect(body.field, `${path} → ${body.message}`).toBe(field);
  expect(body.message.length).toBeGreaterThan(0);
}

describe('REST routes', () => {
  it('GET /api/snapshot gives the latest snapshot, valid against the contract', async () => {
    const b = await build();
    await ready(b);
    const r = await b.get('/api/snapshot');
    expect(r.status).toBe(200);
    const s = r.json() as Snapshot;
    expect(Value.Check(SnapshotSchema, s)).toBe(true);
    expect(s.demo).toBe(false);
    expect(
      s.groups.every(
        (g) => g.name && (g.serviceLevelPercent === null || g.serviceLevelPercent <= 100),
      ),
    ).toBe(true);
    // Every operator and group has a name from the directories.
    expect(s.operators.filter((o) => o.name.startsWith('#'))).toEqual([]);
    expect(s.groups.filter((g) => g.name.startsWith('#'))).toEqual([]);
  });

  it('GET /api/operators/:id joins op_details with names; unknown → 404; bad id → 400 naming id', async () => {
    const b = await build();
    const s = await ready(b);
    const op = s.operators[0];
    const r = await b.get(`/api/operators/${op?.id}`);
    expect(r.status).toBe(200);
    const d = r.json() as OperatorDetail;
    expect(Value.Check(OperatorDetailSchema, d)).toBe(true);
    expect(d.name).toBe(op?.name);
    expect(d.groups.every((g) => !g.name.startsWith('#'))).toBe(true);
    expect((await b.get('/api/operators/999999')).status).toBe(404);
    await expect400(b, '/api/operators/abc', 'id');
    await expect400(b, '/api/operators/0', 'id');
  });

  it('50 concurrent viewers of one operator cause one op_details upstream call', async () => {
    const b = await build();
    const s = await ready(b);
    const id = s.operators[1]?.id;
    const before = b.sim.audit().byEndpoint['op_details'] ?? 0;
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => b.get(`/api/operators/${id}`)),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect((b.sim.audit().byEndpoint['op_details'] ?? 0) - before).toBe(1);
    // Still cached a moment later.
    await b.get(`/api/operators/${id}`);
    expect((b.sim.audit().byEndpoint['op_details'] ?? 0) - before).toBe(1);
  });

  it('GET /api/operators/:id/history: today by default, events in order, totals, one-month limit', async () => {
    const b = await build();
    const s = await ready(b);
    const id = s.operators.find((o) => o.loggedInSince !== null)?.id ?? s.operators[0]?.id;
    const r = await b.get(`/api/operators/${id}/history`);
    expect(r.status).toBe(200);
    const h = r.json() as HistoryReply;
    expect(Value.Check(HistoryReplySchema, h)).toBe(true);
    const starts = h.events.map((e) => Date.parse(e.start));
    expect([...starts].sort((a, b2) => a - b2)).toEqual(starts);
    for (const e of h.events)
      expect(Date.parse(e.end) - Date.parse(e.start)).toBe(Math.round(e.durationSeconds * 1000));
    const counted = Object.values(h.totals).reduce((n, t) => n + t.count, 0);
    expect(counted).toBe(h.events.length);
    const ok = await b.get(`/api/operators/${id}/history?from=2026-01-31&to=2026-02-28`);
    expect(ok.status).toBe(200);
    await expect400(b, `/api/operators/${id}/history?from=2026-01-31&to=2026-03-01`, 'to');
    await expect400(b, `/api/operators/${id}/history?from=yesterday`, 'from');
    await expect400(b, `/api/operators/${id}/history?from=2026-02-30`, 'from');
    await expect400(b, `/api/operators/${id}/history?from=2026-03-02&to=2026-03-01`, 'to');
    await expect400(b, `/api/operators/x/history`, 'id');
  });

  it('GET /api/stats/numbers: repeatable number, realtime on request, one-month limit', async () => {
    const b = await build();
    await ready(b);
    const dir = (await b.get('/api/directory')).json() as { numbers: string[] };
    const [n1, n2] = b.sim.centre.groups.flatMap((g) => g.numbers);
    const r = await b.get(`/api/stats/numbers?number=${n1}&number=${n2}&realtime=1`);
    expect(r.status).toBe(200);
    const body = r.json() as StatsNumbersReply;
    expect(Value.Check(StatsNumbersReplySchema, body)).toBe(true);
    expect(body.numbers).toEqual([n1, n2]);
    expect(body.realtime).not.toBeNull();
    const single = (await b.get(`/api/stats/numbers?number=${n1}`)).json() as {
      numbers: string[];
      realtime: unknown;
    };
    expect(single.numbers).toEqual([n1]);
    expect(single.realtime).toBeNull();
    expect(dir.numbers.length).toBeGreaterThanOrEqual(0);
    await expect400(b, '/api/stats/numbers?number=12ab', 'number');
    await expect400(b, `/api/stats/numbers?number=${n1}&number=+33`, 'number');
    await expect400(b, '/api/stats/numbers?from=2026-01-01&to=2026-03-01', 'to');
    await expect400(b, '/api/stats/numbers?realtime=maybe', 'realtime');
    await expect400(b, '/api/stats/numbers?to=nope', 'to');
  });

  it('GET /api/stats/groups: repeatable group, realtime, validation naming the field; coalesced by params', async () => {
    const b = await build();
    const s = await ready(b);
    const [g1, g2] = s.groups.map((g) => g.id);
    // A week back from today: a fixed date falls out of the one-month window as the calendar moves.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    // The live oldest wait asks 4.2 too (one group, no period): count only the drill-down's calls.
    const before = (await otherGroupStatsRequests(b.sim)).length;
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        b.get(`/api/stats/groups?group=${g1}&group=${g2}&from=${weekAgo}`),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect((await otherGroupStatsRequests(b.sim)).length - before).toBe(1);
    const body = replies[0]?.json() as StatsGroupsReply;
    expect(Value.Check(StatsGroupsReplySchema, body)).toBe(true);
    expect(body.groups).toEqual([g1, g2]);
    const rt = (await b.get(`/api/stats/groups?group=${g1}&realtime=true`)).json() as {
      realtime: unknown;
    };
    expect(rt.realtime).not.toBeNull();
    await expect400(b, '/api/stats/groups?group=abc', 'group');
    await expect400(b, '/api/stats/groups?group=0', 'group');
    await expect400(b, '/api/stats/groups?from=2026-13-01', 'from');
    await expect400(b, '/api/stats/groups?from=2026-01-15T10:00:00Z&to=2026-02-16T10:00:00Z', 'to');
  });

  it('GET /api/groups/:id/trend keeps points from the BFF polls; unknown → 404; bad id → 400', async () => {
    const b = await build({ app: { trendStepMs: 200 } });
    const s = await ready(b);
    const id = s.groups[0]?.id;
    const r = await eventually(
      async () => {
        const x = await b.get(`/api/groups/${id}/trend`);
        return (x.json() as { points: unknown[] }).points.length >= 2 ? x : undefined;
      },
      5000,
      'two trend points',
    );
    const t = r.json() as TrendReply;
    expect(Value.Check(TrendReplySchema, t)).toBe(true);
    expect(t.name).toBe(s.groups[0]?.name);
    expect(new Set(t.points.map((p) => p.at)).size).toBe(t.points.length); // one point per step
    expect((await b.get('/api/groups/424242/trend')).status).toBe(404);
    await expect400(b, '/api/groups/-3/trend', 'id');
  });

  it('GET /api/directory lists named groups; unknown /api paths are JSON 404s', async () => {
    const b = await build();
    const s = await ready(b);
    // Seeing an operator's details teaches the directory its service number, when on a call.
    await Promise.all(s.operators.map((o) => b.get(`/api/operators/${o.id}`)));
    const r = await b.get('/api/directory');
    expect(r.status).toBe(200);
    const d = r.json() as DirectoryReply;
    expect(Value.Check(DirectoryReplySchema, d)).toBe(true);
    expect(d.groups.map((g) => g.id).sort()).toEqual(s.groups.map((g) => g.id).sort());
    const nf = await b.get('/api/nope');
    expect(nf.status).toBe(404);
    expect(nf.headers.get('content-type')).toMatch(/application\/json/);
    expect((nf.json() as { statusCode: number }).statusCode).toBe(404);
  });

  it('/healthz, /readyz (503 until a first poll succeeded) and /metrics', async () => {
    const b = await build({ sim: { faults: { errorRate: 1 } } });
    expect((await b.get('/healthz')).status).toBe(200);
    expect((await b.get('/readyz')).status).toBe(503);
    await eventually(
      async () => /status="AXIALYS_UPSTREAM"/.test((await b.get('/metrics')).body) || undefined,
      3000,
      'a failure counted',
    );
    expect((await b.get('/readyz')).status).toBe(503);
    b.sim.clearFaults();
    await eventually(
      async () => ((await b.get('/readyz')).status === 200 ? true : undefined),
      8000,
      'ready',
    );
    const m = await eventually(
      async () => {
        const r = await b.get('/metrics');
        return r.body.includes('endpoint="operators_init",status="ok"') ? r : undefined;
      },
      8000,
      'an operators_init success counted',
    );
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toMatch(/text\/plain/);
    expect(m.body).toMatch(
      /vigie_upstream_requests_total\{endpoint="operators_init",status="ok"\} \d+/,
    );
    expect(m.body).toMatch(
      /vigie_upstream_requests_total\{endpoint="operators",status="AXIALYS_UPSTREAM"\} \d+/,
    );
    expect(m.body).toMatch(
      /vigie_poll_duration_seconds_bucket\{le="0.1",source="operators",outcome="ok"\}/,
    );
    expect(m.body).toMatch(/vigie_snapshot_age_seconds \d/);
    expect(m.body).toMatch(/vigie_sse_clients 0/);
    expect(m.body).toContain('vigie_sse_dropped_clients_total');
  });
});
