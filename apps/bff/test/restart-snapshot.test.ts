// Issue 10.4: after a restart the board shows its last figures with their real age, never an empty board marked live.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '@vigie/axialys-sim';
import type { Snapshot } from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { accountEnv, PASSWORD, simulator, startFresh } from './support';

const INTERVAL_MS = 1000;

/** A BFF as a fresh process would load it (new module instances), on `dataDir`. */
const startBff = (sim: RunningSimulator, dataDir: string) =>
  startFresh(
    accountEnv(sim, {
      POLL_OPERATORS_MS: String(INTERVAL_MS),
      VIGIE_DATA_DIR: dataDir,
      // A hung request stays unanswered for the whole test: no failure turns the board 'down'.
      UPSTREAM_TIMEOUT_MS: '20000',
    }),
  );

async function snapshotOf(app: FastifyInstance): Promise<Snapshot | null> {
  const r = await app.inject({ method: 'GET', url: '/api/snapshot' });
  return r.statusCode === 200 ? (r.json() as Snapshot) : null;
}

const readyz = async (app: FastifyInstance) => {
  const r = await app.inject({ method: 'GET', url: '/readyz' });
  return { code: r.statusCode, body: r.json() as { status: string; reason?: string } };
};

describe('the board across a restart (issue 10.4)', () => {
  it('nothing stored: "waiting for first data", never "ok" with no data; /readyz says why', async () => {
    const sim = await simulator({ rateLimitMs: INTERVAL_MS });
    // The names and group figures answer, operators_init does not yet (as while its 30 s budget runs).
    sim.setFaults({ hang: true, endpoints: ['operators_init'] });
    const { app } = await startBff(sim, mkdtempSync(join(tmpdir(), 'vigie-data-')));
    const s = await vi.waitFor(
      async () => {
        const got = await snapshotOf(app);
        expect(got).not.toBeNull();
        return got!;
      },
      { timeout: 5000, interval: 20 },
    );
    expect(s.upstream.lastSuccessAt).toBeNull();
    expect(s.upstream.status).toBe('waiting');
    const r = await readyz(app);
    expect(r.code).toBe(503);
    expect(r.body.reason).toMatch(/first/i);
    sim.clearFaults();
  });

  it('restarted on the same data dir: the last figures at once, with their real age, not "ok" until a fresh poll', async () => {
    const sim = await simulator({ rateLimitMs: INTERVAL_MS });
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const first = await startBff(sim, dataDir);
    const before = await vi.waitFor(
      async () => {
        const s = await snapshotOf(first.app);
        expect(s?.upstream.status).toBe('ok');
        expect(s?.operators.length).toBeGreaterThan(0);
        return s!;
      },
      { timeout: 8000, interval: 20 },
    );
    expect((await readyz(first.app)).code).toBe(200);
    await first.app.close();
    // The saved snapshot names no secret.
    const saved = readdirSync(dataDir).find((f) => f.startsWith('last-snapshot'));
    expect(saved).toBeDefined();
    expect(readFileSync(join(dataDir, saved!), 'utf8')).not.toContain(PASSWORD);

    // Upstream stops answering: only the stored snapshot can fill the board.
    sim.setFaults({ hang: true });
    await new Promise((r) => setTimeout(r, 300));
    const second = await startBff(sim, dataDir);
    const restored = await snapshotOf(second.app);
    expect(restored).not.toBeNull();
    expect(restored!.operators.map((o) => o.id)).toEqual(before.operators.map((o) => o.id));
    expect(restored!.upstream.status).not.toBe('ok');
    expect(restored!.upstream.lastSuccessAt).not.toBeNull();
    expect(Date.parse(restored!.upstream.lastSuccessAt!)).toBeLessThanOrEqual(
      Date.parse(before.takenAt),
    );
    expect(restored!.upstream.sources.operators.ageSeconds).toBeGreaterThan(0);
    expect((await readyz(second.app)).code).toBe(503);

    sim.clearFaults();
    const fresh = await vi.waitFor(
      async () => {
        const s = await snapshotOf(second.app);
        expect(s?.upstream.status).toBe('ok');
        expect(Date.parse(s!.upstream.sources.operators.lastSuccessAt!)).toBeGreaterThan(
          Date.parse(before.takenAt),
        );
        return s!;
      },
      { timeout: 8000, interval: 20 },
    );
    expect(fresh.operators.length).toBeGreaterThan(0);
    await vi.waitFor(async () => expect((await readyz(second.app)).code).toBe(200), {
      timeout: 5000,
      interval: 20,
    });
  });

  it('a corrupt or older-shaped stored snapshot is logged and ignored', async () => {
    const sim = await simulator({ rateLimitMs: INTERVAL_MS });
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-data-'));
    const first = await startBff(sim, dataDir);
    await vi.waitFor(
      async () => expect((await snapshotOf(first.app))?.operators.length).toBeGreaterThan(0),
      { timeout: 8000, interval: 20 },
    );
    await first.app.close();
    const file = readdirSync(dataDir).find((f) => f.startsWith('last-snapshot'));
    expect(file).toBeDefined();
    writeFileSync(join(dataDir, file!), '{"snapshot": {"seq": 1, "operators": "nope"}}');
    sim.setFaults({ hang: true });
    const second = await startBff(sim, dataDir);
    const s = await snapshotOf(second.app);
    expect(s === null || s.upstream.status === 'waiting').toBe(true);
    expect(second.logs.text).toMatch(/VIGIE_DATA_DIR.*last-snapshot/);
    sim.clearFaults();
  });
});
