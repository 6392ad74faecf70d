// No AXIALYS_URL: the BFF starts the simulator in-process and streams from it (the demo).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot, TrendReply } from '@vigie/contract';
import { DateTime } from 'luxon';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../src/app';
import { systemClock, type Clock } from '../src/lib/clock';
import { loadConfig } from '../src/config/env';
import {
  accountEnv,
  eventually,
  fixtureDist,
  listen,
  LogCapture,
  simulator,
  SseClient,
} from './support';

describe('embedded simulator', () => {
  it('starts on the simulator with demo: true, streams, and lists its numbers', async () => {
    const logs = new LogCapture();
    const config = loadConfig({
      POLL_OPERATORS_MS: '300',
      ALLOW_FAST_POLL: '1',
      POLL_GROUPS_MS: '300',
      SIM_SPEED: '20',
      // The real hour: this test is not about the demo's shifted clock (covered below).
      SIM_CLOCK: 'real',
      WEB_DIST_DIR: fixtureDist(),
      LOG_LEVEL: 'debug',
    });
    const app = await buildApp(config, { logStream: logs });
    const base = await listen(app);
    onTestFinished(() => app.close());
    const c = new SseClient(`${base}/api/stream`);
    await c.until(
      () => (c.snapshots.at(-1)?.operators.length ?? 0) > 0,
      5000,
      'a snapshot with operators',
    );
    const s = c.snapshots.at(-1);
    expect(s?.demo).toBe(true);
    expect(s?.upstream.status).toBe('ok');
    const dir = (await (await fetch(`${base}/api/directory`)).json()) as {
      numbers: string[];
    };
    expect(dir.numbers.length).toBeGreaterThan(0);
    expect(logs.text).toContain('embedded simulator');
  });

  it('on a data directory that served another account, the demo shows none of its records (issue 10.9)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const sim = await simulator({ speed: 20 });
    // Account X: a real upstream, long enough for a few trend points (one per second here).
    const x = await buildApp(
      loadConfig(accountEnv(sim, { WEB_DIST_DIR: fixtureDist(), VIGIE_DATA_DIR: dataDir })),
      { logStream: new LogCapture(), trendStepMs: 1000 },
    );
    onTestFinished(() => x.close());
    const xBase = await listen(x);
    const groupId = await eventually(async () => {
      const r = await fetch(`${xBase}/api/snapshot`);
      const snap = r.ok ? ((await r.json()) as Snapshot) : null;
      const g = snap?.groups[0]?.id;
      if (g === undefined) return null;
      const t = (await (await fetch(`${xBase}/api/groups/${g}/trend`)).json()) as TrendReply;
      return t.points.length >= 2 ? g : null;
    }, 10_000);
    await x.close();

    // The demo on the same directory: same group ids (both are the simulator), another account.
    const demoStart = Date.now();
    const demo = await buildApp(
      loadConfig({
        POLL_OPERATORS_MS: '300',
        ALLOW_FAST_POLL: '1',
        POLL_GROUPS_MS: '300',
        SIM_SPEED: '20',
        // Dates compared with this process's clock: outside business hours the demo would shift
        // its own (issue 12 §8) and date its points hours earlier.
        SIM_CLOCK: 'real',
        WEB_DIST_DIR: fixtureDist(),
        VIGIE_DATA_DIR: dataDir,
        VIGIE_BACKFILL_MAX_CALLS: '0',
      }),
      { logStream: new LogCapture(), trendStepMs: 1000 },
    );
    onTestFinished(() => demo.close());
    const base = await listen(demo);
    // Once the demo knows the group (same id in both: the same simulator's centre).
    const t = await eventually(async () => {
      const res = await fetch(`${base}/api/groups/${groupId}/trend`);
      return res.ok ? ((await res.json()) as TrendReply) : null;
    }, 10_000);
    // Only its own points: none from before it started (1 s step: a point is dated to its second).
    expect(t.points.filter((p) => Date.parse(p.at) < demoStart - 1000)).toEqual([]);
    // Alerts: the demo raises its own; none recorded before it started.
    const alerts = (await (await fetch(`${base}/api/alerts`)).json()) as {
      events: { at: string }[];
    };
    expect(alerts.events.filter((e) => Date.parse(e.at) < demoStart)).toEqual([]);
  });
});

/** The system clock moved so that it reads `hhmm` today in `zone` now (timers stay real). */
function clockAt(hhmm: string, zone: string): Clock {
  const [hour, minute] = hhmm.split(':').map(Number);
  const wanted = DateTime.now().setZone(zone).set({ hour, minute, second: 0, millisecond: 0 });
  const offset = wanted.toMillis() - Date.now();
  return { ...systemClock, now: () => Date.now() + offset };
}

const DEMO_ENV = {
  POLL_OPERATORS_MS: '300',
  ALLOW_FAST_POLL: '1',
  POLL_GROUPS_MS: '300',
  AXIALYS_TIMEZONE: 'Europe/Paris',
  VIGIE_BACKFILL_MAX_CALLS: '0',
};

describe('the demo is awake at any hour (issue 12 §8)', () => {
  async function demoAt(hhmm: string, env: Record<string, string> = {}) {
    const app = await buildApp(
      loadConfig({
        ...DEMO_ENV,
        WEB_DIST_DIR: fixtureDist(),
        VIGIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigie-data-')),
        ...env,
      }),
      { logStream: new LogCapture(), clock: clockAt(hhmm, 'Europe/Paris') },
    );
    onTestFinished(() => app.close());
    const base = await listen(app);
    const c = new SseClient(`${base}/api/stream`);
    await c.until(
      () => (c.snapshots.at(-1)?.operators.length ?? 0) > 0,
      10_000,
      'a snapshot with operators',
    );
    return { app, base, snapshot: c.snapshots.at(-1) as Snapshot };
  }
  const loggedIn = (s: Snapshot) => s.operators.filter((o) => o.loggedInSince !== null).length;
  const localTime = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });

  it('at 22:00 in Paris, runs the centre at 11:00 the same day: most operators logged in, one clock', async () => {
    const { app, base, snapshot: s } = await demoAt('22:00');
    expect(s.demo).toBe(true);
    expect(s.config.clockShiftMs).toBe(-11 * 3_600_000);
    expect(loggedIn(s)).toBeGreaterThan(s.operators.length / 2);
    // The BFF's time, the snapshot's and the simulator's agree: about 11:00, today.
    const at = localTime(s.takenAt);
    expect(at.hour).toBe(11);
    expect(at.toISODate()).toBe(DateTime.now().setZone('Europe/Paris').toISODate());
    expect(Math.abs(app.clock.now() - Date.parse(s.takenAt))).toBeLessThan(5_000);
    // Every operator's times are on that clock too: none in the future of the board.
    for (const o of s.operators)
      if (o.stateSince)
        expect(Date.parse(o.stateSince)).toBeLessThanOrEqual(app.clock.now() + 1000);
    const health = await fetch(`${base}/healthz`);
    expect(health.ok).toBe(true);
  });

  it('SIM_CLOCK=real keeps the real hour: at 22:00 the centre is mostly logged out', async () => {
    const { snapshot: s } = await demoAt('22:00', { SIM_CLOCK: 'real' });
    expect(s.config.clockShiftMs).toBe(0);
    expect(localTime(s.takenAt).hour).toBe(22);
    expect(loggedIn(s)).toBeLessThan(s.operators.length / 2);
  });

  it('within business hours the demo is not shifted', async () => {
    const { snapshot: s } = await demoAt('14:20');
    expect(s.config.clockShiftMs).toBe(0);
    expect(localTime(s.takenAt).hour).toBe(14);
  });

  it('a real account is never shifted, whatever SIM_CLOCK says', async () => {
    const sim = await simulator();
    const config = loadConfig(
      accountEnv(sim, { WEB_DIST_DIR: fixtureDist(), SIM_CLOCK: 'business' }),
    );
    expect(config.embeddedSim.clock).toBe('business');
    const app = await buildApp(config, {
      logStream: new LogCapture(),
      clock: clockAt('22:00', 'Europe/Paris'),
    });
    onTestFinished(() => app.close());
    await listen(app);
    const s = await eventually(() => app.snapshots.latest?.snapshot, 10_000, 'a snapshot');
    expect(s.config.clockShiftMs).toBe(0);
  });
});
