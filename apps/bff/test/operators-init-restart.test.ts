// guide 3.2 across a restart (single process, real account): the last operators_init is kept in VIGIE_DATA_DIR.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '@vigie/axialys-sim';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { accountEnv, BffProcess, PASSWORD, simulator, startFresh, USER } from './support';

const INTERVAL_MS = 2000;

/**
 * A BFF as a fresh process would load it: new module instances, so the client's in-process budget
 * (module-level) starts empty, as it does after a restart.
 */
const startBff = (sim: RunningSimulator, dataDir: string) =>
  startFresh(accountEnv(sim, { POLL_OPERATORS_MS: String(INTERVAL_MS), VIGIE_DATA_DIR: dataDir }));

const calls = (sim: RunningSimulator) =>
  sim.audit().entries.filter((e) => e.endpoint === 'operators_init');

describe('operators_init across a restart (guide 3.2)', () => {
  it('a BFF restarted at once waits the interval after the previous call: no violation', async () => {
    const sim = await simulator({ rateLimitMs: INTERVAL_MS });
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const first = await startBff(sim, dataDir);
    await vi.waitFor(() => expect(calls(sim)).toHaveLength(1), { timeout: 5000, interval: 10 });
    // Closed right after its operators_init: close waits for the call in flight, recorded at its end.
    await first.app.close();
    const kept = JSON.parse(readFileSync(join(dataDir, 'operators-init.json'), 'utf8')) as Record<
      string,
      number
    >;
    expect(Object.keys(kept)).toEqual([`${USER}@${new URL(sim.url).origin}`]);
    expect(JSON.stringify(kept)).not.toContain(PASSWORD);

    await startBff(sim, dataDir);
    await vi.waitFor(() => expect(calls(sim)).toHaveLength(2), {
      timeout: INTERVAL_MS * 3,
      interval: 10,
    });
    const [before, after] = calls(sim);
    expect(sim.audit().violations).toBe(0);
    expect(Date.parse(after!.at) - Date.parse(before!.at)).toBeGreaterThanOrEqual(INTERVAL_MS);
  });

  it('an unreadable record waits one full interval before the first call, and says so', async () => {
    const sim = await simulator({ rateLimitMs: INTERVAL_MS });
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    mkdirSync(join(dataDir, 'operators-init.json')); // a directory where the file should be
    const started = Date.now();
    const { logs } = await startBff(sim, dataDir);
    await vi.waitFor(() => expect(calls(sim)).toHaveLength(1), {
      timeout: INTERVAL_MS * 3,
      interval: 10,
    });
    expect(Date.parse(calls(sim)[0]!.at) - started).toBeGreaterThanOrEqual(INTERVAL_MS);
    expect(sim.audit().violations).toBe(0);
    expect(logs.text).toMatch(/VIGIE_DATA_DIR .*operators-init\.json/);
    // The directories were asked at once: only operators_init waits.
    expect(sim.audit().byEndpoint['operators']).toBeGreaterThan(0);
  });

  it('kill -9 while its operators_init hangs: the restarted process counts from the send, not the end', async () => {
    // A slow interval next to a short timeout: only "sent + timeout + interval" keeps the rule.
    const interval = 6000;
    const timeout = 3000;
    const sim = await simulator({ rateLimitMs: interval });
    sim.setFaults({ hang: true, endpoints: ['operators_init'] });
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const env = accountEnv(sim, {
      LOG_LEVEL: 'warn',
      POLL_OPERATORS_MS: String(interval),
      UPSTREAM_TIMEOUT_MS: String(timeout),
      VIGIE_DATA_DIR: dataDir,
    });
    const killed = await BffProcess.start(env);
    onTestFinished(() => killed.kill());
    // The call is on the wire (the simulator counted it on arrival) and unanswered: crash now.
    await vi.waitFor(() => expect(calls(sim)).toHaveLength(1), { timeout: 10_000, interval: 5 });
    await killed.kill();
    sim.clearFaults();

    const restarted = await BffProcess.start(env);
    onTestFinished(() => restarted.stop());
    await vi.waitFor(() => expect(calls(sim)).toHaveLength(2), {
      timeout: (interval + timeout) * 2,
      interval: 20,
    });
    const [before, after] = calls(sim);
    expect(sim.audit().violations).toBe(0);
    expect(Date.parse(after!.at) - Date.parse(before!.at)).toBeGreaterThanOrEqual(interval);
  }, 60_000);
});
