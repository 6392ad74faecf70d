// Issue 7 on a simulated night at 300×: backfill and live coverage agree with the call log, windowed alerts clear at midnight, a restart keeps the day.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '@vigie/axialys-sim';
import type { AlertsReply, CoverageReply, TrendReply } from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../src/app';
import type { Clock } from '../src/lib/clock';
import { loadConfig } from '../src/config/env';
import { eventually, fixtureDist, LogCapture, sleep } from './support';

const ZONE = 'Europe/Paris';
// 300× from 23:05, not 600× from 23:20: the start-up (a day of 3.4 parsed, the 4.2 backfill) costs
// ~2.5 s of CPU here, and at 600× that was 25 of the 40 simulated minutes watched live before midnight.
const SPEED = 300;
const POLL_REAL_MS = 600; // 180 simulated seconds between polls, as at 600× with 300 ms
const START = DateTime.fromISO('2026-03-10T23:05:00', { zone: ZONE });
const DAY1 = '2026-03-10';
const DAY2 = '2026-03-11';

describe('coverage, windowed alerts and restarts on a simulated night', () => {
  it('agrees with the call log, clears at midnight and keeps the day across a restart', async () => {
    // The simulator's clock starts at its first real reading: the BFF's clock is the same line.
    let t0: number | null = null;
    const realNow = () => {
      const t = Date.now();
      t0 ??= t;
      return t;
    };
    const sim = await startSimulator({
      port: 0,
      seed: 11,
      speed: SPEED,
      startAt: START.toISO() ?? '',
      rateLimitMs: POLL_REAL_MS,
      now: realNow,
    });
    onTestFinished(() => sim.close());
    const simNow = () => START.toMillis() + (Date.now() - (t0 ?? Date.now())) * SPEED;
    // BFF time is simulated time; its timers run SPEED times faster.
    const clock: Clock = {
      now: simNow,
      setTimeout: (fn, ms) => {
        const t = setTimeout(fn, ms / SPEED);
        t.unref();
        return t;
      },
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const rules = join(mkdtempSync(join(tmpdir(), 'vigie-rules-')), 'rules.json');
    // Group 104 has no call after its day shift (nor overflow from Accueil, which goes to 102): its day's figures stand until midnight resets them.
    const g = { groups: [104], for: 0, clearFor: 60 };
    (await import('node:fs')).writeFileSync(
      rules,
      JSON.stringify([
        { id: 'sl', kind: 'service-level', limit: 100, window: 300, ...g },
        { id: 'answered', kind: 'answered-rate', limit: 100, window: 300, ...g },
      ]),
    );
    const config = loadConfig({
      AXIALYS_URL: sim.url,
      AXIALYS_USER: sim.user,
      AXIALYS_PASSWORD: sim.password,
      AXIALYS_TIMEZONE: ZONE,
      VIGIE_AUTH: 'off',
      ALLOW_FAST_POLL: '1',
      POLL_OPERATORS_MS: String(POLL_REAL_MS * SPEED),
      POLL_GROUPS_MS: String(POLL_REAL_MS * SPEED),
      POLL_DIRECTORY_MS: String(600_000 * SPEED),
      UPSTREAM_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'info',
      WEB_DIST_DIR: fixtureDist(),
      VIGIE_DATA_DIR: dataDir,
      VIGIE_RULES_FILE: rules,
    });
    const start = async (): Promise<{ app: FastifyInstance; base: string; logs: LogCapture }> => {
      const logs = new LogCapture();
      const app = await buildApp(config, { clock, logStream: logs });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const a = app.server.address();
      return { app, base: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, logs };
    };
    const get = async <T>(base: string, path: string) =>
      (await (await fetch(base + path)).json()) as T;

    let bff = await start();
    onTestFinished(() => bff.app.close());
    await bff.app.coverage.backfilled;

    // Before midnight the day's figures breach every windowed limit of group 104.
    await eventually(
      async () => {
        const s = await fetch(`${bff.base}/api/snapshot`);
        if (!s.ok) return false;
        const rulesUp = new Set(
          ((await s.json()) as { alerts: { rule: string }[] }).alerts.map((x) => x.rule),
        );
        return rulesUp.has('sl') && rulesUp.has('answered');
      },
      8000,
      'windowed alerts raised',
    );
    expect(simNow()).toBeLessThan(DateTime.fromISO(`${DAY2}T00:00:00`, { zone: ZONE }).toMillis());

    // Past 00:50: counters restarted at midnight, so the alerts have cleared.
    const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
    while (simNow() < at(`${DAY2}T01:05:00`)) await sleep(200);
    const history = await get<AlertsReply>(
      bff.base,
      `/api/alerts?from=${DAY1}T12:00:00&to=${DAY2}`,
    );
    for (const rule of ['sl', 'answered'])
      expect(
        history.events.filter((e) => e.alert.rule === rule).map((e) => e.type),
        rule,
      ).toEqual(['raised', 'cleared']);

    // Expected figures from the simulator's own log, per group-hour.
    const legs = sim.centre.log.calls.flatMap((c) => c.legs);
    const expectHour = (groupId: number, from: number, to: number) => {
      const mine = legs.filter((l) => l.groupId === groupId);
      const entered = mine.filter((l) => l.enteredAt >= from && l.enteredAt < to);
      return {
        entered,
        calls: entered.length,
        answeredOfEntered: entered.filter((l) => l.outcome === 'answered').length,
        answeredIn: mine.filter(
          (l) =>
            l.outcome === 'answered' &&
            l.answeredAt !== null &&
            l.answeredAt >= from &&
            l.answeredAt < to,
        ).length,
        lostIn: mine.filter(
          (l) =>
            l.outcome === 'abandoned' && l.leftAt !== null && l.leftAt >= from && l.leftAt < to,
        ).length,
        /** Events the board may place on either side of an hour edge: within two polls of it. */
        nearEdges: mine.filter((l) =>
          [l.enteredAt, l.leftAt ?? -1].some((t) =>
            [from, to].some((e) => Math.abs(t - e) <= 2 * POLL_REAL_MS * SPEED),
          ),
        ).length,
      };
    };

    let compared = 0;
    for (const groupId of [101, 102]) {
      const day1 = await get<CoverageReply>(
        bff.base,
        `/api/groups/${groupId}/coverage?date=${DAY1}`,
      );
      expect(day1.hours).toHaveLength(24);
      // Before the board started: backfilled from 4.2, exactly the log's figures.
      for (const h of day1.hours.slice(0, 23)) {
        const from = at(`${DAY1}T${String(h.hour).padStart(2, '0')}:00:00`);
        const e = expectHour(groupId, from, from + 3_600_000);
        expect(h.backfilled, `hour ${h.hour}`).toBe(true);
        expect(h.recorded).toBe(0);
        expect(h.calls, `group ${groupId} hour ${h.hour}`).toBe(e.calls);
        expect(h.answered).toBe(e.answeredOfEntered);
        expect(h.lost).toBe(e.calls - e.answeredOfEntered);
        expect(h.operatorsLoggedIn).not.toBeNull();
        compared += 1;
      }
      // 23:00: backfilled until the start, seen live after it.
      const h23 = day1.hours[23]!;
      expect(h23.backfilled).toBe(true);
      expect(h23.recorded).toBeGreaterThan(0.5);
      const e23 = expectHour(groupId, at(`${DAY1}T23:00:00`), at(`${DAY2}T00:00:00`));
      expect(Math.abs((h23.calls ?? -1) - e23.calls)).toBeLessThanOrEqual(e23.nearEdges);

      // 00:00 of the next day: seen live only, the log's figures up to the polls at the edges.
      const day2 = await get<CoverageReply>(
        bff.base,
        `/api/groups/${groupId}/coverage?date=${DAY2}`,
      );
      const h0 = day2.hours[0]!;
      expect(h0.backfilled).toBe(false);
      expect(h0.recorded).toBeGreaterThan(0.9);
      const e0 = expectHour(groupId, at(`${DAY2}T00:00:00`), at(`${DAY2}T01:00:00`));
      expect(Math.abs((h0.calls ?? -1) - e0.calls)).toBeLessThanOrEqual(e0.nearEdges);
      expect(Math.abs((h0.answered ?? -1) - e0.answeredIn)).toBeLessThanOrEqual(e0.nearEdges);
      expect(Math.abs((h0.lost ?? -1) - e0.lostIn)).toBeLessThanOrEqual(e0.nearEdges);
      // Hours not reached yet are null, not zero.
      expect(day2.hours[5]).toMatchObject({ calls: null, operatorsLoggedIn: null, recorded: 0 });
    }
    expect(compared).toBe(46);

    // Restart on the same data directory in the middle of the simulated day.
    const before = await get<CoverageReply>(bff.base, `/api/groups/101/coverage?date=${DAY2}`);
    const trendBefore = await get<TrendReply>(bff.base, `/api/groups/101/trend`);
    expect(trendBefore.points.length).toBeGreaterThan(5);
    await bff.app.close();
    bff = await start();
    await eventually(async () => (await fetch(`${bff.base}/api/snapshot`)).ok, 8000);
    const after = await get<CoverageReply>(bff.base, `/api/groups/101/coverage?date=${DAY2}`);
    expect(after.hours[0]?.calls).toBeGreaterThanOrEqual(before.hours[0]?.calls ?? Infinity);
    expect(after.hours[0]?.recorded).toBeGreaterThanOrEqual(before.hours[0]?.recorded ?? 1);
    const trendAfter = await get<TrendReply>(bff.base, `/api/groups/101/trend`);
    const kept = new Set(trendAfter.points.map((p) => p.at));
    expect(trendBefore.points.every((p) => kept.has(p.at))).toBe(true);
    const historyAfter = await get<AlertsReply>(
      bff.base,
      `/api/alerts?from=${DAY1}T12:00:00&to=${DAY2}`,
    );
    expect(historyAfter.events.length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
