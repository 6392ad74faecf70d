// Issue 7 in cluster mode: a BFF restarted on the same Redis keeps the day's trend, coverage and alerts (the Redis store and the shared trend).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertsReply, CoverageReply, Snapshot, TrendReply } from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config/env';
import { localDay } from '../src/lib/local-time';
import {
  accountEnv,
  eventually,
  fixtureDist,
  listen,
  LogCapture,
  RedisServer,
  simulator,
} from './support';

describe('a BFF restarted on the same Redis (cluster mode)', () => {
  it("keeps the day's trend, coverage and alerts, and carries an active alert on without raising it again", async () => {
    const redis = await RedisServer.start();
    onTestFinished(() => redis.dispose());
    const sim = await simulator({ rateLimitMs: 300 });
    const dir = mkdtempSync(join(tmpdir(), 'vigie-cluster-restart-'));
    const rules = join(dir, 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify([
        {
          id: 'restart-break',
          kind: 'operator-state',
          breakName: 'Restart',
          limit: 0.3,
          clearFor: 0.6,
        },
      ]),
    );
    const configOf = (n: number) =>
      loadConfig(
        accountEnv(sim, {
          LOG_LEVEL: 'info',
          WEB_DIST_DIR: fixtureDist(),
          REDIS_URL: redis.url,
          VIGIE_LEASE_MS: '2000',
          VIGIE_INSTANCE_ID: `restart-${n}`,
          // Unused in cluster mode (the record is in Redis): each start its own, so nothing comes from here.
          VIGIE_DATA_DIR: join(dir, `data-${n}`),
          VIGIE_RULES_FILE: rules,
        }),
      );
    const start = async (n: number) => {
      const logs = new LogCapture();
      // A trend point per second, so a few seconds make a trend worth comparing.
      const app: FastifyInstance = await buildApp(configOf(n), {
        logStream: logs,
        trendStepMs: 1000,
      });
      onTestFinished(() => app.close());
      return { app, logs, base: await listen(app) };
    };
    const get = async <T>(base: string, path: string): Promise<T> => {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      return (await res.json()) as T;
    };
    /** The latest snapshot this instance built itself (as the leader). */
    const ownSnapshot = (base: string, n: number) =>
      eventually(
        async () => {
          const res = await fetch(`${base}/api/snapshot`);
          if (!res.ok) return null;
          const s = (await res.json()) as Snapshot;
          return s.cluster.leader === `restart-${n}` && s.operators.length > 0 ? s : null;
        },
        10_000,
        `a snapshot from restart-${n}`,
      );

    let bff = await start(1);
    expect(bff.app.history.store.kind).toBe('redis');
    const first = await ownSnapshot(bff.base, 1);
    const groupId = first.groups[0]!.id;
    const op = first.operators.find((o) => o.loggedInSince !== null)!;
    await fetch(`${sim.url}/sim/operators/${op.id}/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'unavailable', breakName: 'Restart' }),
    });
    const isOurs = (a: { rule: string; subject: { id: string } }) =>
      a.rule === 'restart-break' && a.subject.id === String(op.id);
    const alert = await eventually(
      async () => (await ownSnapshot(bff.base, 1)).alerts.find(isOurs),
      8000,
      'the alert raised',
    );
    // A few trend points and an hour of coverage seen live.
    const trendBefore = await eventually(async () => {
      const t = await get<TrendReply>(bff.base, `/api/groups/${groupId}/trend`);
      return t.points.length >= 3 ? t : null;
    }, 10_000);
    // Coverage: `recorded` only moves by 0.01 (36 s), so the store's seconds say what was seen.
    const today = () => localDay(Date.now(), bff.app.config.axialys.timeZone) satisfies string;
    const observed = async () =>
      (await bff.app.history.store.coverage(today(), groupId)).reduce(
        (n, c) => n + (c.live?.observedSeconds ?? 0),
        0,
      );
    await eventually(async () => (await observed()) > 1, 10_000, 'coverage seen live');
    const coverageBefore = await get<CoverageReply>(bff.base, `/api/groups/${groupId}/coverage`);
    const seenBefore = coverageBefore.hours.filter((h) => h.calls !== null);
    expect(seenBefore.length).toBeGreaterThan(0);
    const observedBefore = await observed();

    // Stop (the lease is given back) and start again on the same Redis.
    await bff.app.close();
    // Nobody polls for a while: the figures on Redis age past two polls.
    await new Promise((r) => setTimeout(r, 1500));
    bff = await start(2);
    // Issue 10.4: what the new instance serves first is the cluster's last snapshot with its real
    // age and not 'ok', or already its own fresh one; never old figures marked live.
    const firstServed = await eventually(async () => {
      const res = await fetch(`${bff.base}/api/snapshot`);
      return res.ok ? ((await res.json()) as Snapshot) : null;
    }, 10_000);
    if (firstServed.cluster.leader !== 'restart-2') {
      expect(firstServed.upstream.status).not.toBe('ok');
      expect(firstServed.upstream.sources.operators.ageSeconds).toBeGreaterThan(1);
      expect((await fetch(`${bff.base}/readyz`)).status).toBe(503);
    }
    const again = await ownSnapshot(bff.base, 2);

    // The trend before the restart is all there, from the cluster's keys.
    const trendAfter = await get<TrendReply>(bff.base, `/api/groups/${groupId}/trend`);
    const kept = new Set(trendAfter.points.map((p) => p.at));
    expect(trendBefore.points.filter((p) => !kept.has(p.at))).toEqual([]);

    // Coverage: every hour seen before is still seen, with at least its figures; the day's calls
    // never exceed the group's own counter (nothing counted twice across the restart).
    await eventually(
      async () => (await observed()) > observedBefore + 1,
      8000,
      'coverage seen after the restart',
    );
    const coverageAfter = await get<CoverageReply>(bff.base, `/api/groups/${groupId}/coverage`);
    for (const b of seenBefore) {
      const a = coverageAfter.hours[b.hour]!;
      expect(a.recorded, `hour ${b.hour}`).toBeGreaterThanOrEqual(b.recorded);
      expect(a.operatorsLoggedIn, `hour ${b.hour}`).not.toBeNull();
      expect(a.calls ?? -1, `hour ${b.hour}`).toBeGreaterThanOrEqual(b.calls ?? 0);
    }
    const dayCalls = coverageAfter.hours.reduce((n, h) => n + (h.calls ?? 0), 0);
    const counter = (await ownSnapshot(bff.base, 2)).groups.find((g) => g.id === groupId)!.calls;
    expect(dayCalls).toBeLessThanOrEqual(counter);

    // The alert engine's state came back: the same alert, still active, not raised a second time.
    expect(again.alerts.filter(isOurs).map((a) => a.id)).toEqual([alert.id]);
    await fetch(`${sim.url}/sim/operators/${op.id}/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'available' }),
    });
    await eventually(
      async () => !(await ownSnapshot(bff.base, 2)).alerts.some(isOurs),
      8000,
      'the alert cleared',
    );
    const history = await eventually(
      async () => {
        const h = await get<AlertsReply>(bff.base, '/api/alerts');
        const ours = h.events.filter((e) => e.alert.id === alert.id);
        return ours.length >= 2 ? ours : null;
      },
      5000,
      'the clear in the history',
    );
    expect(history.map((e) => e.type)).toEqual(['raised', 'cleared']);
    expect(bff.logs.text).not.toContain('history store write failed');
  }, 60_000);
});
