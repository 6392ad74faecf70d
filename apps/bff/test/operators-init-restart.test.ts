// guide 3.2 across a restart (single process, real account): the last operators_init is kept in VIGIE_DATA_DIR.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@vigie/axialys-sim';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { Env } from '../src/config/env';
import { FAST_ENV, LogCapture, PASSWORD, SIM_OPTIONS, USER } from './helper';
import { BffProcess } from './support/bff-process';

const INTERVAL_MS = 2000;

async function simulator(): Promise<RunningSimulator> {
  const sim = await startSimulator({
    ...SIM_OPTIONS,
    rateLimitMs: INTERVAL_MS,
  });
  onTestFinished(() => sim.close());
  return sim;
}

/**
 * A BFF as a fresh process would load it: new module instances, so the client's in-process budget
 * (module-level) starts empty, as it does after a restart.
 */
async function startBff(
  sim: RunningSimulator,
  dataDir: string,
): Promise<{ app: FastifyInstance; logs: LogCapture }> {
  vi.resetModules();
  const { loadConfig } = await import('../src/config/env');
  const { buildApp } = await import('../src/app');
  const env: Env = {
    ...FAST_ENV,
    POLL_OPERATORS_MS: String(INTERVAL_MS),
    AXIALYS_URL: sim.url,
    AXIALYS_USER: USER,
    AXIALYS_PASSWORD: PASSWORD,
    VIGIE_DATA_DIR: dataDir,
    VIGIE_BACKFILL_MAX_CALLS: '0',
  };
  const logs = new LogCapture();
  const app = await buildApp(loadConfig(env), { logStream: logs });
  onTestFinished(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, logs };
}

const calls = (sim: RunningSimulator) =>
  sim.audit().entries.filter((e) => e.endpoint === 'operators_init');

describe('operators_init across a restart (guide 3.2)', () => {
  it('a BFF restarted at once waits the interval after the previous call: no violation', async () => {
    const sim = await simulator();
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
    const sim = await simulator();
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
    const sim = await startSimulator({
      ...SIM_OPTIONS,
      rateLimitMs: interval,
    });
    onTestFinished(() => sim.close());
    sim.setFaults({ hang: true, endpoints: ['operators_init'] });
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const env = {
      ...FAST_ENV,
      LOG_LEVEL: 'warn',
      POLL_OPERATORS_MS: String(interval),
      UPSTREAM_TIMEOUT_MS: String(timeout),
      AXIALYS_URL: sim.url,
      AXIALYS_USER: USER,
      AXIALYS_PASSWORD: PASSWORD,
      VIGIE_DATA_DIR: dataDir,
      VIGIE_BACKFILL_MAX_CALLS: '0',
    };
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
