// Issue 10: a 200 that lacks the list or record the guide promises ({} or {"data":null}) is a
// fault, never "no operators" or zero figures; and it never adds calls to the coverage history.
import type { CoverageReply, Snapshot } from '@vigie/contract';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../src/lib/clock';
import { build, type Built, eventually, sleep, SseClient } from './support';

const latestOf = (c: SseClient): Snapshot | undefined => c.snapshots.at(-1);
const served = (b: Built, endpoint: string): number => b.sim.audit().byEndpoint[endpoint] ?? 0;

/** Waits until the simulator has answered `n` more calls of `endpoint`, then one more snapshot. */
async function afterCalls(b: Built, c: SseClient, endpoint: string, n: number): Promise<void> {
  const from = served(b, endpoint);
  await eventually(() => served(b, endpoint) >= from + n, 10_000, `${n} ${endpoint} calls`);
  const seen = c.snapshots.length;
  await c.until(() => c.snapshots.length > seen, 5000, 'a snapshot after them');
}

describe('empty 200 answers (issue 10)', () => {
  it('operators_init answering {} then {"data":null}: the last operators stay, the board says degraded/down with the error, ages grow', async () => {
    const b = await build({
      env: { POLL_OPERATORS_MS: '500', POLL_GROUPS_MS: '500', UPSTREAM_TIMEOUT_MS: '2000' },
      sim: { rateLimitMs: 500 },
    });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(
      () => latestOf(c)?.upstream.status === 'ok' && (latestOf(c)?.operators.length ?? 0) > 0,
      8000,
      'ok with operators',
    );
    const ids = (latestOf(c) as Snapshot).operators.map((o) => o.id).sort();

    b.sim.setFaults({ emptyRate: 1, emptyShape: 'object', endpoints: ['operators_init'] });
    await afterCalls(b, c, 'operators_init', 1);
    await c.until(
      () => /Operator states/.test(latestOf(c)?.upstream.error ?? ''),
      8000,
      'the operators fault said',
    );
    const first = latestOf(c) as Snapshot;
    expect(['degraded', 'down']).toContain(first.upstream.status);
    expect(first.upstream.error).toMatch(/Operator states: Malformed response from operators_init/);
    expect(first.operators.map((o) => o.id).sort()).toEqual(ids);
    const age = first.upstream.sources.operators.ageSeconds ?? -1;
    expect(age).toBeGreaterThan(0);

    b.sim.setFaults({ emptyShape: 'null-data' });
    await afterCalls(b, c, 'operators_init', 2);
    const later = latestOf(c) as Snapshot;
    expect(['degraded', 'down']).toContain(later.upstream.status);
    expect(later.upstream.error).toMatch(/operators_init at data: the list is missing/);
    expect(later.operators.map((o) => o.id).sort()).toEqual(ids);
    expect(later.upstream.sources.operators.ageSeconds ?? -1).toBeGreaterThan(age);
    // Figures of the other source go on being fresh: only the faulty one ages.
    expect(later.upstream.sources.groups.ageSeconds ?? 99).toBeLessThan(
      later.upstream.sources.operators.ageSeconds ?? 0,
    );
    // Every call sent counted against the 30 s budget: the faulty ones did not bring retries early.
    expect(b.sim.audit().violations).toBe(0);

    b.sim.clearFaults();
    await c.until(() => latestOf(c)?.upstream.status === 'ok', 10_000, 'recovery');
    expect(latestOf(c)?.upstream.error).toBeNull();
  });

  it('group supervision answering {} then {"data":null}: the last figures stay, not zeros, and the board says so', async () => {
    const b = await build({
      env: { POLL_OPERATORS_MS: '500', POLL_GROUPS_MS: '500', UPSTREAM_TIMEOUT_MS: '2000' },
      sim: { rateLimitMs: 500 },
    });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(
      () =>
        latestOf(c)?.upstream.status === 'ok' &&
        (latestOf(c)?.groups.some((g) => g.calls > 0) ?? false),
      8000,
      'ok with figures',
    );
    b.sim.setFaults({ emptyRate: 1, endpoints: ['group_stats'] });
    await afterCalls(b, c, 'group_stats', 1);
    await c.until(
      () => /Group figures/.test(latestOf(c)?.upstream.error ?? ''),
      8000,
      'the group figures fault said',
    );
    const kept = latestOf(c) as Snapshot;
    expect(kept.upstream.error).toMatch(
      /Group figures: Malformed response from stats\/group_stats/,
    );
    const calls = new Map(kept.groups.map((g) => [g.id, g.calls]));
    expect([...calls.values()].some((n) => n > 0)).toBe(true);
    const age = kept.upstream.sources.groups.ageSeconds ?? -1;

    b.sim.setFaults({ emptyShape: 'null-data' });
    await afterCalls(b, c, 'group_stats', 2);
    const later = latestOf(c) as Snapshot;
    expect(['degraded', 'down']).toContain(later.upstream.status);
    expect(later.upstream.error).toMatch(/Group figures: .*at data: the list is missing/);
    expect(new Map(later.groups.map((g) => [g.id, g.calls]))).toEqual(calls);
    expect(later.upstream.sources.groups.ageSeconds ?? -1).toBeGreaterThan(age);

    b.sim.clearFaults();
    await c.until(() => latestOf(c)?.upstream.status === 'ok', 10_000, 'recovery');
  });

  it('empty answers between good ones add no calls to the coverage history (the hour never exceeds the day counter)', async () => {
    // BFF time is the simulated time, so hours and days are the simulator's (as in coverage.test.ts).
    const SPEED = 60;
    const START = DateTime.fromISO('2026-03-10T10:05:00', { zone: 'Europe/Paris' });
    let t0: number | null = null;
    const realNow = () => {
      const t = Date.now();
      t0 ??= t;
      return t;
    };
    const simNow = () => START.toMillis() + (Date.now() - (t0 ?? Date.now())) * SPEED;
    const clock: Clock = {
      now: simNow,
      setTimeout: (fn, ms) => {
        const t = setTimeout(fn, ms / SPEED);
        t.unref();
        return t;
      },
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
    const b = await build({
      sim: { speed: SPEED, startAt: START.toISO() ?? '', now: realNow, rateLimitMs: 300 },
      app: { clock },
      env: {
        AXIALYS_TIMEZONE: 'Europe/Paris',
        POLL_OPERATORS_MS: String(300 * SPEED),
        POLL_GROUPS_MS: String(300 * SPEED),
        POLL_DIRECTORY_MS: String(600_000 * SPEED),
        UPSTREAM_TIMEOUT_MS: '2000',
      },
    });
    const day = START.toISODate() ?? '';
    const coverageCalls = async (groupId: number): Promise<number> => {
      const res = await fetch(`${b.base}/api/groups/${groupId}/coverage?date=${day}`);
      if (res.status !== 200)
        throw new Error(`coverage ${groupId}: ${res.status} ${await res.text()}`);
      const r = (await res.json()) as CoverageReply;
      return r.hours.reduce((n, h) => n + (h.calls ?? 0), 0);
    };
    /** The simulator's own day counter (guide 4.3 nbr_global), asked directly. */
    const dayCounter = async (groupId: number): Promise<number> => {
      const auth = Buffer.from(`${b.sim.user}:${b.sim.password}`).toString('base64');
      const r = await fetch(`${b.sim.url}/vm/group_stats/${groupId}?accept=application/json`, {
        headers: { authorization: `Basic ${auth}` },
      });
      return Number(((await r.json()) as { nbr_global: unknown }).nbr_global);
    };
    const groups = [101, 102, 103, 104];
    // Recording has started: some calls counted live.
    // (Asked every 400 ms: drill-down routes are rate-limited per address.)
    await eventually(
      async () => {
        await sleep(400);
        return (await Promise.all(groups.map(coverageCalls))).some((n) => n > 0);
      },
      20_000,
      'calls recorded live',
    );
    // Every other group-stats answer empty, in both shapes, for a dozen polls.
    for (const emptyShape of ['object', 'null-data'] as const) {
      b.sim.setFaults({ emptyRate: 0.5, emptyShape, endpoints: ['group_stats'] });
      const from = served(b, 'group_stats');
      await eventually(() => served(b, 'group_stats') >= from + 6, 15_000, 'a dozen polls');
    }
    b.sim.clearFaults();
    const from = served(b, 'group_stats');
    await eventually(() => served(b, 'group_stats') >= from + 3, 10_000, 'good polls again');
    await sleep(300); // the last writes land
    const counters = await Promise.all(groups.map(dayCounter));
    const recorded = await Promise.all(groups.map(coverageCalls));
    // Live since 10:05 (no backfill here): at most what the day counter says, never a recount.
    for (const [i, groupId] of groups.entries())
      expect(recorded[i], `group ${groupId}`).toBeLessThanOrEqual(counters[i] ?? 0);
    expect(recorded.reduce((a, n) => a + n, 0)).toBeGreaterThan(0);
  }, 60_000);
});
