// Issue 13 §3 over real HTTP against the simulator: per-queue service levels (one guide 4.3 call per
// distinct pair, within the budget), each group's figures and alerts on its own definition, the
// settings routes' sources, checks, 403s and 409s.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestRecord } from '@vigie/axialys-sim';
import type { QueueRow, QueuesReply, Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import {
  build,
  buildWithAuth,
  eventually,
  LEAD_GROUP,
  PASSWORD,
  simRequests,
  sleep,
  TOKENS,
  USER,
  type Built,
} from './support';

const json = { 'content-type': 'application/json' };
/** A Friday at 11:00 in Paris: every queue has had calls. */
const BUSY_MORNING = '2026-11-27T11:00:00+01:00';

async function send(
  b: Pick<Built, 'base'>,
  method: 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(b.base + path, {
    method,
    headers: body === undefined ? headers : { ...json, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text || 'null') as Record<string, unknown> };
}

const rowOf = (r: { body: unknown }) => r.body as unknown as QueueRow;

/** group_stats requests received after `from` (ISO), with their parameters. */
async function groupStats(b: Built, from: string) {
  return (await simRequests(b.sim))
    .filter((r: RequestRecord) => r.endpoint === 'group_stats' && r.at > from)
    .map((r) => {
      const q = new URLSearchParams(r.path.split('?')[1] ?? '');
      return {
        groups: q.getAll('group_id').map(Number).sort(),
        pair: `${q.get('nbr_repondu')}/${q.get('nbr_abandonne')}`,
      };
    });
}

/** The simulator's own figures for one group and pair (what the board must show for it). */
async function simFigures(b: Built, group: number, answered: number, abandoned: number) {
  const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
  const res = await fetch(
    `${b.sim.url}/vm/group_stats/${group}?nbr_repondu=${answered}&nbr_abandonne=${abandoned}`,
    { headers: { authorization: `Basic ${auth}` } },
  );
  const body = (await res.json()) as Record<string, unknown>;
  return { answered: Number(body['nbr_repondu']), abandoned: Number(body['nbr_abandonne']) };
}

function rulesFile(rules: unknown[]): string {
  const f = join(mkdtempSync(join(tmpdir(), 'vigie-rules-')), 'rules.json');
  writeFileSync(f, JSON.stringify(rules));
  return f;
}

const snapshotWith = (b: Built, ok: (s: Snapshot) => boolean, what: string) =>
  eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      return s && ok(s) ? s : undefined;
    },
    8000,
    what,
  );

describe('per-queue service levels', () => {
  it('asks 4.3 once per distinct pair per poll, each group on its own definition, operators_init untouched', async () => {
    // A near-frozen simulated clock: its figures hold still while the board and the test read them.
    // Set at a weekday's late morning: on the real clock, just after midnight in Paris no queue has
    // had a call yet, and the test waited for figures that could not come (CI at 00:01 Paris).
    const b = await build({
      sim: { speed: 0.001, rateLimitMs: 300, startAt: BUSY_MORNING },
      env: {
        // One service-level rule that fires nowhere until a queue's threshold says so.
        VIGIE_RULES_FILE: rulesFile([
          {
            id: 'sl-critical',
            kind: 'service-level',
            severity: 'critical',
            for: 0,
            clearFor: 1,
            groups: null,
            limit: 0,
            window: 0.5,
          },
        ]),
      },
    });
    const s0 = await snapshotWith(
      b,
      (s) => s.groups.length === 4 && s.groups.every((g) => g.calls > 0),
      '4 groups with calls',
    );
    const [g1, g2, g3] = s0.groups.map((g) => g.id) as [number, number, number];
    expect(s0.groups.every((g) => g.serviceLevel.answeredWithinS === 45)).toBe(true);

    const a = await send(b, 'PUT', `/api/queues/${g2}`, {
      answeredWithinS: 20,
      abandonedWithinS: 10,
      serviceLevelPct: [100, 99.5],
      version: null,
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(rowOf(a).version).toBe(1);
    const c = await send(b, 'PUT', `/api/queues/${g3}`, { answeredWithinS: 60, version: null });
    expect(c.status).toBe(200);
    const from = new Date().toISOString();
    const auditBefore = b.sim.audit();
    const t0 = Date.now();

    const s = await snapshotWith(
      b,
      (x) => x.groups.find((g) => g.id === g3)?.serviceLevel.answeredWithinS === 60,
      'the new definitions in the snapshot',
    );
    await sleep(2500);
    const calls = await groupStats(b, from);
    // Three pairs: the default for every group, 20/10 for g2 alone, 60/5 for g3 alone.
    const count = (pair: string, groups: number[]) =>
      calls.filter((x) => x.pair === pair && x.groups.join() === groups.join()).length;
    const dflt = count('45/5', []);
    expect(dflt).toBeGreaterThan(3);
    expect(Math.abs(count('20/10', [g2]) - dflt)).toBeLessThanOrEqual(1);
    expect(Math.abs(count('60/5', [g3]) - dflt)).toBeLessThanOrEqual(1);
    expect(calls.length - dflt - count('20/10', [g2]) - count('60/5', [g3])).toBe(0);

    // Each group's figures are the simulator's for its own pair, and say which pair it is.
    const latest = b.app.snapshots.latest?.snapshot ?? s;
    const by = (id: number) => latest.groups.find((g) => g.id === id);
    expect(by(g1)?.serviceLevel).toEqual({
      answeredWithinS: 45,
      abandonedWithinS: 5,
      targetPct: 80,
    });
    expect(by(g2)?.serviceLevel).toEqual({
      answeredWithinS: 20,
      abandonedWithinS: 10,
      targetPct: 80,
    });
    expect(by(g3)?.serviceLevel.answeredWithinS).toBe(60);
    for (const [id, ans, ab] of [
      [g1, 45, 5],
      [g2, 20, 10],
      [g3, 60, 5],
    ] as const) {
      const f = await simFigures(b, id, ans, ab);
      expect(by(id)?.answeredWithin, `group ${id} answered within ${ans} s`).toBe(f.answered);
      expect(by(id)?.abandonedWithin, `group ${id} abandoned within ${ab} s`).toBe(f.abandoned);
    }
    const g2At45 = await simFigures(b, g2, 45, 5);
    expect(by(g2)?.answeredWithin).toBeLessThan(g2At45.answered);

    // Alerts and gauges use the queue's thresholds: g2 alone breaches its 99.5 % critical mark.
    expect(by(g2)?.gaugeMarks.serviceLevelPercent).toEqual({ warning: 100, critical: 99.5 });
    // The others: the rule's own limit (0) for critical, THRESHOLD_SERVICE_LEVEL_PCT for warning.
    expect(by(g1)?.gaugeMarks.serviceLevelPercent).toEqual({ warning: 80, critical: 0 });
    const alerted = await snapshotWith(
      b,
      (x) => x.alerts.some((al) => al.rule === 'sl-critical'),
      'the service-level alert of g2',
    );
    expect(
      alerted.alerts.filter((al) => al.rule === 'sl-critical').map((al) => al.subject.id),
    ).toEqual([String(g2)]);

    // operators_init is one call per period whatever the pairs: never refused by the audit.
    const audit = b.sim.audit();
    const elapsed = Date.now() - t0;
    expect(audit.violations).toBe(0);
    expect(audit.operatorsInitCalls - auditBefore.operatorsInitCalls).toBeLessThanOrEqual(
      Math.floor(elapsed / 300) + 1,
    );
  });

  it('GET /api/queues says where each value comes from; PUT checks the order and the budget of pairs; 409 on a stale version; DELETE goes back to the defaults', async () => {
    const b = await build({
      env: { SERVICE_LEVEL_ANSWERED_WITHIN_S: '30', VIGIE_MAX_SERVICE_LEVEL_PAIRS: '2' },
    });
    await snapshotWith(b, (s) => s.groups.length === 4, '4 groups');
    const list = async () => (await b.get('/api/queues')).json() as QueuesReply;
    const first = await list();
    expect(first.queues).toHaveLength(4);
    expect(first.maxServiceLevelPairs).toBe(2);
    expect(first.serviceLevelPairs).toBe(1);
    const q = first.queues[0] as QueueRow;
    expect(q.version).toBeNull();
    expect(q.fields.answeredWithinS).toEqual({
      value: 30,
      source: 'env',
      variable: 'SERVICE_LEVEL_ANSWERED_WITHIN_S',
    });
    expect(q.fields.abandonedWithinS).toEqual({
      value: 5,
      source: 'default',
      variable: 'SERVICE_LEVEL_ABANDONED_WITHIN_S',
    });
    expect(q.fields.waiting).toEqual({
      value: [3, 8],
      source: 'default',
      variable: 'THRESHOLD_WAITING',
    });
    const [id, other, third] = first.queues.map((x) => x.id) as [number, number, number];

    // Order per figure: waits warning < critical, percentages warning > critical.
    for (const [field, value] of [
      ['waiting', [8, 3]],
      ['longestWaitS', [60, 60]],
      ['answeredPct', [80, 90]],
      ['serviceLevelPct', [60, 80]],
    ] as const) {
      const r = await send(b, 'PUT', `/api/queues/${id}`, { [field]: value, version: null });
      expect(r.status, field).toBe(400);
      expect(r.body['field'], field).toBe(field);
    }
    const bad = await send(b, 'PUT', `/api/queues/${id}`, { answeredWithinS: 0, version: null });
    expect(bad.status).toBe(400);
    expect(bad.body['field']).toBe('answeredWithinS');
    expect((await send(b, 'PUT', '/api/queues/999', { version: null })).status).toBe(404);

    const put = await send(b, 'PUT', `/api/queues/${id}`, {
      answeredWithinS: 20,
      waiting: [2, 5],
      version: null,
    });
    expect(put.status).toBe(200);
    const row = rowOf(put);
    expect(row.fields.answeredWithinS).toMatchObject({
      value: 20,
      source: 'ui',
      updatedBy: 'anonymous',
    });
    expect(row.fields.answeredWithinS.updatedAt).toBe(row.updatedAt);
    expect(row.fields.waiting).toMatchObject({ value: [2, 5], source: 'ui' });
    expect(row.fields.abandonedWithinS.source).toBe('default');
    expect((await list()).serviceLevelPairs).toBe(2);

    // A third distinct pair is over VIGIE_MAX_SERVICE_LEVEL_PAIRS=2; the same pair again is not.
    const over = await send(b, 'PUT', `/api/queues/${other}`, {
      answeredWithinS: 25,
      version: null,
    });
    expect(over.status).toBe(400);
    expect(over.body['field']).toBe('answeredWithinS');
    expect(String(over.body['message'])).toMatch(/VIGIE_MAX_SERVICE_LEVEL_PAIRS/);
    const same = await send(b, 'PUT', `/api/queues/${other}`, {
      answeredWithinS: 20,
      version: null,
    });
    expect(same.status).toBe(200);
    expect(
      (await send(b, 'PUT', `/api/queues/${third}`, { abandonedWithinS: 9, version: null })).body[
        'field'
      ],
    ).toBe('abandonedWithinS');

    // Concurrent edits: the second writer, on version 1, gets 409 and nothing changes.
    const v2 = await send(b, 'PUT', `/api/queues/${id}`, { answeredWithinS: 20, version: 1 });
    expect(v2.status).toBe(200);
    expect(rowOf(v2).version).toBe(2);
    expect(rowOf(v2).fields.waiting.source).toBe('default');
    const stale = await send(b, 'PUT', `/api/queues/${id}`, { answeredWithinS: 30, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body['field']).toBe('version');
    const created = await send(b, 'PUT', `/api/queues/${id}`, { version: null });
    expect(created.status).toBe(409);
    expect((await send(b, 'DELETE', `/api/queues/${id}?version=1`)).status).toBe(409);
    expect((await send(b, 'DELETE', `/api/queues/${id}`)).body['field']).toBe('version');

    const del = await send(b, 'DELETE', `/api/queues/${id}?version=2`);
    expect(del.status).toBe(200);
    expect(rowOf(del).version).toBeNull();
    expect(rowOf(del).fields.answeredWithinS).toMatchObject({ value: 30, source: 'env' });
    expect((await send(b, 'DELETE', `/api/queues/${id}?version=2`)).status).toBe(404);

    // Every change is in the audit, with its before and after.
    const audit = (await b.get('/api/activity?kind=queue')).json() as {
      entries: { action: string; id: string; before: unknown; after: unknown }[];
    };
    expect(audit.entries.map((e) => `${e.action} ${e.id}`)).toEqual([
      `delete ${id}`,
      `update ${id}`,
      `create ${other}`,
      `create ${id}`,
    ]);
    expect(audit.entries[1]?.before).toEqual({ answeredWithinS: 20, waiting: [2, 5] });
  });

  it('displays may do nothing, team leads read their groups only and change none', async () => {
    const b = await buildWithAuth();
    await eventually(() => (b.app.snapshots.latest?.snapshot.groups.length ?? 0) > 1, 8000);
    const bearer = { authorization: `Bearer ${TOKENS['tv-floor']}` };
    expect((await b.call('/api/queues', { headers: bearer })).status).toBe(403);
    const put = (headers: Record<string, string>) =>
      b.call(`/api/queues/${LEAD_GROUP}`, {
        method: 'PUT',
        headers: { ...json, ...headers },
        body: JSON.stringify({ answeredWithinS: 20, version: null }),
      });
    expect((await put(bearer)).status).toBe(403);
    expect(
      (await b.call(`/api/queues/${LEAD_GROUP}?version=1`, { method: 'DELETE', headers: bearer }))
        .status,
    ).toBe(403);

    const bob = { cookie: await b.signIn('bob') };
    const own = (await b.call('/api/queues', { headers: bob })).json() as QueuesReply;
    expect(own.queues.map((q) => q.id)).toEqual([LEAD_GROUP]);
    const refused = await put(bob);
    expect(refused.status).toBe(403);
    expect(
      (await b.call(`/api/queues/${LEAD_GROUP}?version=1`, { method: 'DELETE', headers: bob }))
        .status,
    ).toBe(403);

    const alice = { cookie: await b.signIn('alice') };
    expect((await put({ ...alice, origin: 'https://evil.example' })).status).toBe(403);
    const ok = await put(alice);
    expect(ok.status, ok.body).toBe(200);
    expect((ok.json() as QueueRow).fields.answeredWithinS).toMatchObject({
      source: 'ui',
      updatedBy: 'alice',
    });
    const all = (await b.call('/api/queues', { headers: alice })).json() as QueuesReply;
    expect(all.queues.length).toBeGreaterThan(1);
  });
});
