// Faults on demand: latency, 5xx, malformed JSON, hang, rejected credentials, limited to endpoints.

import { describe, expect, it } from 'vitest';
import { call, startTestSim } from './test-support';

describe('faults', () => {
  it('adds latency to every answer', async () => {
    const { sim } = await startTestSim({ faults: { latencyMs: 150 } });
    const t0 = Date.now();
    expect((await call(sim, '/vm/groups')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('answers the given share of calls with the error status, evenly spread', async () => {
    const { sim } = await startTestSim();
    sim.setFaults({ errorRate: 0.5, errorStatus: 502 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(sim, '/vm/groups')).status);
    expect(statuses.filter((s) => s === 502)).toHaveLength(3);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
  });

  it('answers 200 with broken JSON when asked to', async () => {
    const { sim } = await startTestSim({ faults: { malformedRate: 1 } });
    const r = await call(sim, '/vm/operators/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/json/);
    expect(() => r.json()).toThrow();
  });

  it('hangs until the fault is cleared, then answers', async () => {
    const { sim } = await startTestSim({ faults: { hang: true } });
    let done = false;
    const pending = call(sim, '/vm/groups').then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    expect((await call(sim, '/sim/faults', { method: 'DELETE' })).json()).toMatchObject({
      hang: false,
    });
    expect((await pending).status).toBe(200);
  });

  it('closes hung sockets on close()', async () => {
    const { sim } = await startTestSim({ faults: { hang: true } });
    const pending = call(sim, '/vm/groups').then(
      () => 'answered',
      () => 'socket closed',
    );
    await new Promise((r) => setTimeout(r, 50));
    await sim.close();
    expect(await pending).toBe('socket closed');
  });

  it('rejects good credentials when asked to', async () => {
    const { sim } = await startTestSim();
    await call(sim, '/sim/faults', { method: 'POST', body: { rejectCredentials: true } });
    expect((await call(sim, '/vm/groups')).status).toBe(401);
    sim.clearFaults();
    expect((await call(sim, '/vm/groups')).status).toBe(200);
  });

  it('limits faults to the named endpoints', async () => {
    const { sim } = await startTestSim();
    sim.setFaults({ errorRate: 1, endpoints: ['group_stats'] });
    expect((await call(sim, '/vm/group_stats/101')).status).toBe(503);
    expect((await call(sim, '/vm/stats/group_stats')).status).toBe(503);
    expect((await call(sim, '/vm/groups')).status).toBe(200);
    expect((await call(sim, '/sim/state')).status).toBe(200); // control routes are never faulted
  });

  it('reports and validates faults through /sim/faults', async () => {
    const { sim } = await startTestSim();
    const set = await call(sim, '/sim/faults', { method: 'PUT', body: { latencyMs: 5 } });
    expect(set.json()).toMatchObject({
      latencyMs: 5,
      errorRate: 0,
      errorStatus: 503,
      hang: false,
      endpoints: null,
    });
    expect((await call(sim, '/sim/faults')).json()).toMatchObject({ latencyMs: 5 });
    const bad = await call(sim, '/sim/faults', { method: 'POST', body: { errorRate: 2 } });
    expect(bad.status).toBe(400);
    expect(bad.json().error).toMatch(/errorRate/);
    expect(
      (await call(sim, '/sim/faults', { method: 'POST', body: { endpoints: ['nope'] } })).status,
    ).toBe(400);
  });
});
