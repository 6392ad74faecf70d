// Issue 12.6: staffing after a restart is seeded from the stored trend, so a board that had been
// watching has figures at once instead of "not enough calls yet" for a third of its window.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot, TrendPoint } from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { openSqlite } from '../src/history/open-store';
import { localDay } from '../src/lib/local-time';
import { accountKey } from '../src/upstream/operators-init-record';
import { accountEnv, simulator, startFresh, USER } from './support';

async function snapshotOf(app: FastifyInstance): Promise<Snapshot | null> {
  const r = await app.inject({ method: 'GET', url: '/api/snapshot' });
  return r.statusCode === 200 ? (r.json() as Snapshot) : null;
}

/** The first snapshot whose group figures were polled after `afterMs` (not the stored one). */
const freshGroups = (app: FastifyInstance, afterMs: number) =>
  vi.waitFor(
    async () => {
      const s = await snapshotOf(app);
      const at = s?.upstream.sources.groups.lastSuccessAt;
      expect(
        at && Date.parse(at) > afterMs,
        `groups at ${at} vs ${new Date(afterMs).toISOString()} ${s?.upstream.status} ${s?.upstream.error}`,
      ).toBe(true);
      expect(s!.groups.length).toBeGreaterThan(0);
      return s!;
    },
    { timeout: 8000, interval: 20 },
  );

describe('staffing across a restart (issue 12.6)', () => {
  it('seeds its window from the stored trend: figures right after the restart', async () => {
    // guide 3.2 scaled down to 1 s: the restarted board honours the budget its first run used.
    const sim = await simulator({ rateLimitMs: 1000 });
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const env = accountEnv(sim, { VIGIE_DATA_DIR: dataDir, POLL_OPERATORS_MS: '1000' });

    // A first run: just started, its window is a fraction of a minute, so no figure yet.
    const t0 = Date.now();
    const first = await startFresh(env);
    const before = await freshGroups(first.app, t0);
    for (const g of before.groups) {
      expect(g.staffing.basis.windowMinutes).toBeLessThan(1);
      expect(g.staffing.agentsNeeded).toBeNull();
    }
    await first.app.close();

    // What a board that had watched the last half hour leaves in its store: one point a minute,
    // the groups' counters rising by 2 calls a minute up to today's figure.
    const now = Date.now();
    const day = localDay(now, 'Europe/Paris');
    const store = await openSqlite(dataDir, accountKey(sim.url, USER), { warn: () => {} });
    const points: [number, TrendPoint][] = [];
    for (const g of before.groups)
      for (let i = 0; i <= 30; i++) {
        const at = Math.floor((now - (30 - i) * 60_000) / 60_000) * 60_000;
        points.push([
          g.id,
          {
            at: new Date(at).toISOString(),
            waiting: 0,
            longestWaitSeconds: 0,
            answeredPercent: 100,
            serviceLevelPercent: 100,
            calls: Math.max(0, g.calls - 60 + 2 * i),
            lost: 0,
            available: g.operators.available,
          },
        ]);
      }
    await store.appendTrend(day, points);
    await store.close();

    // The restart: the first fresh snapshot already counts the stored half hour.
    const t1 = Date.now();
    const second = await startFresh(env);
    const after = await freshGroups(second.app, t1);
    for (const g of after.groups) {
      // The stored half hour, less its oldest minute (2 calls): the restart comes seconds later,
      // so the point at "30 min ago" may fall just outside the window.
      const seeded = Math.min(58, before.groups.find((b) => b.id === g.id)?.calls ?? 0);
      expect(g.staffing.basis.windowMinutes).toBeGreaterThanOrEqual(29);
      expect(g.staffing.basis.arrivals).toBeGreaterThanOrEqual(seeded);
      expect(g.staffing.arrivalsPerHour).not.toBeNull();
      if (seeded >= 10) expect(g.staffing.basis.reason).not.toBe('sample-too-small');
    }
  });
});
