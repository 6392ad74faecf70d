// Faults on demand: latency, 5xx, malformed JSON, empty 200, 429, HTML, reset, hang, rejected
// credentials, limited to endpoints.

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
      emptyRate: 0,
      emptyShape: 'object',
      throttleRate: 0,
      retryAfterSeconds: 30,
      htmlRate: 0,
      resetRate: 0,
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
  it('answers 200 JSON without the promised list or record, in both shapes', async () => {
    const { sim } = await startTestSim();
    await call(sim, '/sim/faults', {
      method: 'POST',
      body: { emptyRate: 1, endpoints: ['operators_init', 'group_stats'] },
    });
    const init = await call(sim, '/vm/operators_init');
    expect(init.status).toBe(200);
    expect(init.headers['content-type']).toMatch(/json/);
    expect(init.json()).toEqual({});
    sim.setFaults({ emptyShape: 'null-data' });
    const gs = await call(sim, '/vm/group_stats/101');
    expect(gs.status).toBe(200);
    expect(gs.json()).toEqual({ data: null });
    expect((await call(sim, '/vm/groups')).json().data).toBeTruthy(); // other endpoints untouched
  });

  it('spreads empty answers evenly at a share', async () => {
    const { sim } = await startTestSim({ faults: { emptyRate: 0.5, emptyShape: 'null-data' } });
    const bodies: unknown[] = [];
    for (let i = 0; i < 4; i++) bodies.push((await call(sim, '/vm/operators/')).json().data);
    expect(bodies.filter((b) => b === null)).toHaveLength(2);
    expect(
      bodies.filter((b) => Array.isArray(b) || (b !== null && typeof b === 'object')),
    ).toHaveLength(2);
  });

  it('answers 429 with Retry-After when asked to', async () => {
    const { sim } = await startTestSim();
    sim.setFaults({ throttleRate: 1, retryAfterSeconds: 12, endpoints: ['groups'] });
    const r = await call(sim, '/vm/groups');
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('12');
    expect(r.json().error).toMatch(/rate limit/);
    expect((await call(sim, '/vm/operators/')).status).toBe(200);
  });

  it('answers the HTML page a browser gets instead of JSON when asked to', async () => {
    const { sim } = await startTestSim({ faults: { htmlRate: 1 } });
    const r = await call(sim, '/vm/operators_init');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.text).toMatch(/^<!doctype html>/);
    expect(() => r.json()).toThrow();
  });

  it('destroys the connection without an answer when asked to', async () => {
    const { sim } = await startTestSim({ faults: { resetRate: 1, endpoints: ['calls_status'] } });
    const outcome = await call(sim, '/vm/calls/status', { method: 'POST', body: {} }).then(
      (r) => `answered ${r.status}`,
      (e: NodeJS.ErrnoException) => e.code ?? e.message,
    );
    expect(outcome).toMatch(/ECONNRESET|socket hang up/);
    expect((await call(sim, '/vm/groups')).status).toBe(200);
    const seen = (await call(sim, '/sim/requests')).json().requests as {
      endpoint: string;
      status: number;
    }[];
    expect(seen.find((q) => q.endpoint === 'calls_status')?.status).toBe(0);
    expect(sim.audit().byEndpoint.calls_status).toBe(1);
  });

  it('counts a reset operators_init against the 30 s window (the call was sent)', async () => {
    const { sim } = await startTestSim({ rateLimitMs: 30_000, faults: { resetRate: 1 } });
    await expect(call(sim, '/vm/operators_init')).rejects.toThrow();
    sim.clearFaults();
    expect((await call(sim, '/vm/operators_init')).status).toBe(429);
    expect(sim.audit().operatorsInitCalls).toBe(2);
  });

  it.each([
    [{ emptyRate: -0.1 }, 'emptyRate'],
    [{ emptyShape: 'array' }, 'emptyShape'],
    [{ throttleRate: 'half' }, 'throttleRate'],
    [{ retryAfterSeconds: -1 }, 'retryAfterSeconds'],
    [{ htmlRate: 2 }, 'htmlRate'],
    [{ resetRate: true }, 'resetRate'],
  ])('refuses %j on /sim/faults naming the field', async (body, field) => {
    const { sim } = await startTestSim();
    const r = await call(sim, '/sim/faults', { method: 'POST', body });
    expect(r.status).toBe(400);
    expect(r.json().error).toContain(`faults.${field}`);
  });
});
