// Issue 7 in cluster mode: three BFF processes on one Redis evaluate alerts once for the cluster and send each webhook once, also across a kill -9 of the leader.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@vigie/axialys-sim';
import type { Alert, AlertsReply, Snapshot } from '@vigie/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BffProcess,
  clusterEnv,
  eventually,
  type HookReceiver,
  RedisServer,
  CLUSTER_SIM_OPTIONS,
  leaderOf,
  sleep,
  startHookReceiver,
  SseClient,
} from './support';

/** Polls every 500 ms, the simulator's operators_init spacing the same (guide 3.2 scaled down). */
const RATE_MS = 500;
const LEASE_MS = 2000;
/** Hysteresis of a few polls each way: long enough not to flap, short enough for a test. */
const FOR_S = 1;
const CLEAR_FOR_S = 1.5;

interface Received {
  type: 'raised' | 'cleared';
  eventId: string;
  instanceId: string;
  alert: Alert;
}

const post = (base: string, path: string, body: unknown) =>
  fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => {
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  });

const snapshotsOf = (c: SseClient) =>
  c.events
    .filter((e) => e.event === 'snapshot' && e.id !== null)
    .map((e) => ({ seq: Number(e.id), snapshot: JSON.parse(e.data) as Snapshot }));

let redis: RedisServer;
let sim: RunningSimulator;
let hook: HookReceiver;
/** What the webhook received, parsed. */
const received = () => hook.payloads<Received>();
let bffs: BffProcess[] = [];
let GROUP = 0;

beforeAll(async () => {
  redis = await RedisServer.start();
  sim = await startSimulator({ ...CLUSTER_SIM_OPTIONS, rateLimitMs: RATE_MS });
  hook = await startHookReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cluster-alerts-'));
  const rules = join(dir, 'rules.json');
  writeFileSync(
    rules,
    JSON.stringify([
      {
        id: 'unattended',
        kind: 'queue-unattended',
        severity: 'critical',
        for: FOR_S,
        clearFor: CLEAR_FOR_S,
      },
      // A break name nobody takes by themselves: only the test puts someone on it.
      {
        id: 'failover-break',
        kind: 'operator-state',
        breakName: 'Failover',
        limit: 1,
        for: 0,
        clearFor: CLEAR_FOR_S,
      },
    ]),
  );
  bffs = await Promise.all(
    [1, 2, 3].map((n) =>
      BffProcess.start(
        clusterEnv(sim, RATE_MS, {
          REDIS_URL: redis.url,
          VIGIE_INSTANCE_ID: `bff-${n}`,
          VIGIE_LEASE_MS: String(LEASE_MS),
          VIGIE_RULES_FILE: rules,
          VIGIE_ALERT_WEBHOOK_URL: hook.url,
          VIGIE_DATA_DIR: join(dir, `data-${n}`),
          VIGIE_BACKFILL_MAX_CALLS: '0',
        }),
      ),
    ),
  );
  for (const b of bffs)
    await eventually(async () => (await b.get('/readyz')).status === 200, 15_000, 'ready');
}, 40_000);

afterAll(async () => {
  await Promise.all(bffs.map((b) => b.stop()));
  await sim?.close();
  await hook?.close();
  await redis?.dispose();
});

describe('alerts in a cluster of three BFFs', () => {
  it('raises and clears once for the cluster: one webhook each way, the same alerts[] on every instance', async () => {
    const clients = bffs.map((b) => new SseClient(`${b.url}/api/stream`));
    await Promise.all(
      clients.map((c) => c.until(() => snapshotsOf(c).length > 0, 8000, 'a snapshot')),
    );
    // A group with members, none of them on the test's own break.
    const first = await eventually(() => {
      const s = snapshotsOf(clients[0]!).at(-1)?.snapshot;
      return s && s.operators.length > 0 ? s : null;
    }, 8000);
    // Late in the simulated day a queue may be unattended by itself: take one that is not.
    const unattended = (id: number) =>
      first.alerts.some((a) => a.rule === 'unattended' && a.subject.id === String(id));
    const group = first.groups.find(
      (g) => first.operators.some((o) => o.groups.includes(g.id)) && !unattended(g.id),
    );
    expect(group, 'a staffed group without an unattended alert').toBeDefined();
    GROUP = group!.id;
    const members = first.operators.filter((o) => o.groups.includes(GROUP)).map((o) => o.id);

    // Every member on a break, callers in the queue: nobody to answer them.
    for (const id of members)
      await post(sim.url, `/sim/operators/${id}/state`, {
        state: 'unavailable',
        breakName: 'Formation',
      });
    await post(sim.url, `/sim/groups/${GROUP}/flood`, { calls: 3 });
    const isOurs = (a: Alert) => a.rule === 'unattended' && a.subject.id === String(GROUP);
    const raisedOn = (c: SseClient) => snapshotsOf(c).find((x) => x.snapshot.alerts.some(isOurs));
    await Promise.all(
      clients.map((c) => c.until(() => raisedOn(c) !== undefined, 10_000, 'the alert raised')),
    );
    const alert = raisedOn(clients[0]!)!.snapshot.alerts.find(isOurs)!;
    expect(alert.severity).toBe('critical');
    expect(alert.figures['waiting']).toBeGreaterThan(0);

    // People back: the queue is answered, the alert clears after clearFor.
    for (const id of members)
      await post(sim.url, `/sim/operators/${id}/state`, { state: 'available' });
    const clearedOn = (c: SseClient) => {
      const raised = raisedOn(c);
      return snapshotsOf(c).find(
        (x) => raised && x.seq > raised.seq && !x.snapshot.alerts.some(isOurs),
      );
    };
    await Promise.all(
      clients.map((c) => c.until(() => clearedOn(c) !== undefined, 15_000, 'the alert cleared')),
    );
    const ours = () => received().filter((g) => g.alert.id === alert.id);
    await eventually(() => ours().length >= 2, 5000, 'both webhooks');
    // A few more polls: a second instance sending its own copy would show up by now.
    await sleep(4 * RATE_MS);

    const got = ours();
    expect(got.map((g) => g.type)).toEqual(['raised', 'cleared']);
    expect(got.map((g) => g.eventId)).toEqual([`${alert.id}:raised`, `${alert.id}:cleared`]);
    expect(new Set(received().map((g) => g.eventId)).size).toBe(received().length);
    // Sent by the leader of the moment (no fail-over here): one instance for both.
    const leader = await leaderOf(bffs, LEASE_MS * 4);
    expect(got.map((g) => g.instanceId)).toEqual([
      `bff-${bffs.indexOf(leader) + 1}`,
      `bff-${bffs.indexOf(leader) + 1}`,
    ]);
    // Only the leader counts transitions; the others store and send nothing.
    const stored = await Promise.all(
      bffs.map((b) => b.metric('vigie_alert_events_total', 'type="raised"')),
    );
    expect(stored.filter((n) => n > 0)).toHaveLength(1);

    // Every instance streamed the same alerts[] for every seq it saw, raised then cleared.
    const bySeq = new Map<number, string>();
    for (const c of clients)
      for (const { seq, snapshot } of snapshotsOf(c)) {
        const alerts = JSON.stringify(snapshot.alerts);
        expect(bySeq.get(seq) ?? alerts, `seq ${seq}`).toBe(alerts);
        bySeq.set(seq, alerts);
      }
    for (const c of clients) {
      const seen = snapshotsOf(c).flatMap((x) => x.snapshot.alerts.filter(isOurs));
      expect(new Set(seen.map((a) => a.id))).toEqual(new Set([alert.id]));
    }
    // The history is the cluster's: every instance answers the same, each transition once.
    for (const b of bffs) {
      const history = JSON.parse((await b.get('/api/alerts')).body) as AlertsReply;
      expect(
        history.events.filter((e) => e.alert.id === alert.id).map((e) => e.type),
        b.url,
      ).toEqual(['raised', 'cleared']);
    }
    expect(sim.audit().violations).toBe(0);
  }, 45_000);

  it('after kill -9 of the leader, the new leader does not send the raise again and sends the clear once', async () => {
    const leader = await leaderOf(bffs, LEASE_MS * 4);
    const survivors = bffs.filter((b) => b !== leader);
    const watchers = survivors.map((b) => new SseClient(`${b.url}/api/stream`));
    await Promise.all(watchers.map((c) => c.until(() => snapshotsOf(c).length > 0, 8000)));
    const latest = snapshotsOf(watchers[0]!).at(-1)!.snapshot;
    const op =
      latest.operators.find((o) => o.loggedInSince !== null && !o.groups.includes(GROUP)) ??
      latest.operators.find((o) => o.loggedInSince !== null)!;

    await post(sim.url, `/sim/operators/${op.id}/state`, {
      state: 'unavailable',
      breakName: 'Failover',
    });
    const isOurs = (a: Alert) => a.rule === 'failover-break' && a.subject.id === String(op.id);
    // The raise reached the receiver before the crash (what a crash loses in flight is not ours to judge).
    const raised = await eventually(
      () => received().find((g) => g.type === 'raised' && isOurs(g.alert)),
      10_000,
      'the raise webhook',
    );
    expect(raised.instanceId).toBe(`bff-${bffs.indexOf(leader) + 1}`);

    await leader.kill();
    bffs = survivors;
    const next = await leaderOf(survivors, LEASE_MS * 4);
    // The new leader's own snapshots still carry the same alert (state read back from Redis).
    const nextName = async () =>
      (JSON.parse((await next.get('/api/snapshot')).body) as Snapshot).cluster.leader;
    const newLeaderName = await eventually(
      async () => {
        const name = await nextName();
        return name !== null && name !== raised.instanceId ? name : null;
      },
      LEASE_MS + 8000,
      'snapshots from the new leader',
    );
    await Promise.all(
      watchers.map((c) =>
        c.until(
          () =>
            snapshotsOf(c).some(
              (x) =>
                x.snapshot.cluster.leader === newLeaderName &&
                x.snapshot.alerts.some((a) => isOurs(a) && a.id === raised.alert.id),
            ),
          8000,
          "the alert in the new leader's snapshots",
        ),
      ),
    );

    await post(sim.url, `/sim/operators/${op.id}/state`, { state: 'available' });
    await eventually(
      () => received().find((g) => g.type === 'cleared' && isOurs(g.alert)),
      10_000,
      'the clear webhook',
    );
    await sleep(4 * RATE_MS);
    const got = received().filter((g) => isOurs(g.alert));
    expect(got.map((g) => [g.type, g.eventId, g.instanceId])).toEqual([
      ['raised', `${raised.alert.id}:raised`, raised.instanceId],
      ['cleared', `${raised.alert.id}:cleared`, newLeaderName],
    ]);
    // Both survivors' streams: the alert under one id from before the crash to its clear.
    for (const c of watchers) {
      const ids = new Set(
        snapshotsOf(c).flatMap((x) => x.snapshot.alerts.filter(isOurs).map((a) => a.id)),
      );
      expect(ids).toEqual(new Set([raised.alert.id]));
      expect(snapshotsOf(c).at(-1)!.snapshot.alerts.some(isOurs)).toBe(false);
    }
    const history = JSON.parse((await next.get('/api/alerts')).body) as AlertsReply;
    expect(history.events.filter((e) => e.alert.id === raised.alert.id).map((e) => e.type)).toEqual(
      ['raised', 'cleared'],
    );
    expect(sim.audit().violations).toBe(0);
  }, 45_000);
});
