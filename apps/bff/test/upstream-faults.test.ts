// Upstream faults from the simulator: degraded/down with lastSuccessAt kept, streams open, recovery; bad credentials.
import type { Snapshot } from '@vigie/contract';
import { createServer, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build, PASSWORD, sleep, SseClient } from './support';

const latestOf = (c: SseClient): Snapshot | undefined => c.snapshots.at(-1);

describe('upstream faults', () => {
  it('5xx → degraded then down, lastSuccessAt kept, stream open, then recovers by itself', async () => {
    const b = await build({
      env: { POLL_OPERATORS_MS: '500', POLL_GROUPS_MS: '500' },
      sim: { rateLimitMs: 500 },
    });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(
      () => latestOf(c)?.upstream.status === 'ok' && latestOf(c)?.upstream.lastSuccessAt !== null,
      5000,
      'ok',
    );
    b.sim.setFaults({ errorRate: 1, errorStatus: 503 });
    // 'degraded' while the figures are younger than two periods (1 s here), then 'down'.
    await c.until(() => latestOf(c)?.upstream.status !== 'ok', 8000, 'degraded');
    const degraded = latestOf(c) as Snapshot;
    expect(['degraded', 'down']).toContain(degraded.upstream.status);
    expect(degraded.upstream.error).toMatch(/503/);
    expect(degraded.upstream.lastSuccessAt).not.toBeNull();
    await c.until(() => latestOf(c)?.upstream.status === 'down', 10_000, 'down');
    const down = latestOf(c) as Snapshot;
    // The last good figures stay on the wall, with the time they were good.
    expect(down.upstream.lastSuccessAt).not.toBeNull();
    expect(Date.parse(down.upstream.lastSuccessAt ?? '')).toBeLessThanOrEqual(
      Date.parse(degraded.upstream.lastSuccessAt ?? ''),
    );
    expect(down.operators.length).toBeGreaterThan(0);
    expect(c.ended).toBe(false);
    expect(b.sim.audit().violations).toBe(0);
    b.sim.clearFaults();
    await c.until(() => latestOf(c)?.upstream.status === 'ok', 10_000, 'recovery');
    expect(latestOf(c)?.upstream.error).toBeNull();
    expect(c.ended).toBe(false);
  });

  it('a hung upstream times out → down; the stream stays open and heartbeats go on; then it recovers', async () => {
    const b = await build({ env: { SSE_HEARTBEAT_MS: '250' } });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(
      () => latestOf(c)?.upstream.status === 'ok' && !!latestOf(c)?.upstream.lastSuccessAt,
      5000,
      'ok',
    );
    const okAt = latestOf(c)?.upstream.lastSuccessAt;
    b.sim.setFaults({ hang: true });
    await c.until(() => latestOf(c)?.upstream.status === 'down', 10_000, 'down');
    expect(latestOf(c)?.upstream.error).toMatch(/did not answer/);
    expect(Date.parse(latestOf(c)?.upstream.lastSuccessAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(okAt ?? ''),
    );
    const beats = c.events.filter((e) => e.event === 'heartbeat').length;
    await c.until(
      () => c.events.filter((e) => e.event === 'heartbeat').length > beats,
      2000,
      'a heartbeat while down',
    );
    b.sim.clearFaults();
    await c.until(() => latestOf(c)?.upstream.status === 'ok', 10_000, 'recovery');
    expect(b.sim.audit().violations).toBe(0);
  });

  it('bad credentials → unauthorized, said in upstream.error, and polling backs off', async () => {
    const b = await build({ password: 'not-the-password' });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(() => latestOf(c)?.upstream.status === 'unauthorized', 5000, 'unauthorized');
    expect(latestOf(c)?.upstream.error).toMatch(/credentials/);
    expect(latestOf(c)?.upstream.error).not.toContain(PASSWORD);
    // Ten operators periods later, each endpoint was asked once: no hammering.
    await sleep(3000);
    const audit = b.sim.audit().byEndpoint;
    expect(audit['operators_init'] ?? 0).toBe(1);
    expect(audit['group_stats'] ?? 0).toBe(1);
    expect(audit['operators'] ?? 0).toBe(1);
    expect((await b.get('/readyz')).status).toBe(503);
  });

  it('credentials revoked while running → unauthorized, then the BFF asks rarely', async () => {
    const b = await build();
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(() => latestOf(c)?.upstream.status === 'ok', 5000, 'ok');
    b.sim.setFaults({ rejectCredentials: true });
    await c.until(() => latestOf(c)?.upstream.status === 'unauthorized', 5000, 'unauthorized');
    // Let both loops meet the 401 once, then count: nothing more for many periods.
    await sleep(700);
    const before = { ...b.sim.audit().byEndpoint };
    await sleep(2500);
    const after = b.sim.audit().byEndpoint;
    expect(after['operators_init']).toBe(before['operators_init']);
    expect(after['group_stats']).toBe(before['group_stats']);
  });

  it('recovers from unauthorized when the credentials work again (retry after the auth back-off)', async () => {
    const b = await build({ app: { authRetryMs: 800 } });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(() => latestOf(c)?.upstream.status === 'ok', 5000, 'ok');
    b.sim.setFaults({ rejectCredentials: true });
    await c.until(() => latestOf(c)?.upstream.status === 'unauthorized', 5000, 'unauthorized');
    b.sim.clearFaults();
    await c.until(() => latestOf(c)?.upstream.status === 'ok', 5000, 'ok again');
    expect(b.sim.audit().violations).toBe(0);
  });

  it('an upstream that resets every connection shows "connection reset" on the wall and in the logs, not "HTTP 0"', async () => {
    const sockets = new Set<Socket>();
    const resetter = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => socket.resetAndDestroy());
    });
    await new Promise<void>((r) => resetter.listen(0, '127.0.0.1', r));
    onTestFinished(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => resetter.close(r));
    });
    const address = resetter.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const b = await build({ env: { AXIALYS_URL: `http://127.0.0.1:${port}` } });
    const c = new SseClient(`${b.base}/api/stream`);
    await c.until(() => !!latestOf(c)?.upstream.error, 5000, 'an upstream error');
    expect(latestOf(c)?.upstream.error).toMatch(/connection reset/);
    expect(latestOf(c)?.upstream.error).not.toMatch(/HTTP 0/);
    expect(b.logs.text).toMatch(/connection reset/);
    expect(b.logs.text).not.toMatch(/HTTP 0/);
  });
});
