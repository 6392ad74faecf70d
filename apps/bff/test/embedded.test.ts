// No AXIALYS_URL: the BFF starts the simulator in-process and streams from it (the demo).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot, TrendReply } from '@vigie/contract';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../src/app';
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
