// Control routes under /sim/*: ground truth, the call log, forced states, floods, recent requests.

import { describe, expect, it } from 'vitest';
import { call, n, records, startTestSim } from './test-support';

describe('control routes', () => {
  it('need no credentials and show the ground truth', async () => {
    const { sim } = await startTestSim();
    const state = (await call(sim, '/sim/state', { auth: 'none' })).json();
    expect(state.nowMs).toBe(sim.centre.now());
    expect(state.operators).toHaveLength(40);
    expect(state.queues).toHaveLength(5);
  });

  it('forces an operator into a break, and the API shows it at once', async () => {
    const { sim } = await startTestSim();
    const r = await call(sim, '/sim/operators/1010/state', {
      method: 'POST',
      body: { state: 'unavailable', breakName: 'Formation' },
    });
    expect(r.json()).toMatchObject({ id: 1010, state: 'unavailable', breakName: 'Formation' });
    const init = (await call(sim, '/vm/operators_init/1010')).json();
    expect(init).toMatchObject({ etat: 'unavailable', pause: 'Formation' });
    const back = await call(sim, '/sim/operators/1010/state', {
      method: 'POST',
      body: { state: 'available' },
    });
    expect(back.json()).toMatchObject({ state: 'available', breakName: null });
    expect((await call(sim, '/vm/op_details/1010')).json()).toMatchObject({
      state: 'available',
      break: null,
    });
  });

  it('forces a connected call with everything op_details needs', async () => {
    const { sim } = await startTestSim();
    await call(sim, '/sim/operators/1012/state', { method: 'POST', body: { state: 'connected' } });
    const d = (await call(sim, '/vm/op_details/1012')).json();
    expect(d).toMatchObject({
      state: 'connected',
      id_appel: expect.stringMatching(/^\d+$/),
      id_group: sim.centre.operator(1012)!.groups[0],
    });
    expect(d.dt_answer).toEqual(expect.any(String));
    expect(
      (await call(sim, '/sim/operators/1012/state', { method: 'POST', body: { state: 'dancing' } }))
        .status,
    ).toBe(400);
    expect(
      (await call(sim, '/sim/operators/1/state', { method: 'POST', body: { state: 'available' } }))
        .status,
    ).toBe(404);
  });

  it('floods a group queue and group_stats counts the waiting calls', async () => {
    const { sim } = await startTestSim();
    const before = (await call(sim, '/vm/group_stats/103')).json();
    const r = (
      await call(sim, '/sim/groups/103/flood', { method: 'POST', body: { calls: 30 } })
    ).json();
    expect(r.injected).toHaveLength(30);
    const after = (await call(sim, '/vm/group_stats/103')).json();
    expect(n(after.nbr_global)).toBe(n(before.nbr_global) + 30);
    expect(n(after.nbr_attente)).toBeGreaterThanOrEqual(30 - sim.centre.operators.length);
    expect(n(after.nbr_attente)).toBe(r.waiting);
  });

  it('lists recent requests without credentials in the path', async () => {
    const { sim } = await startTestSim();
    await call(sim, '/vm/groups/101', { auth: 'query' });
    const reqs = records((await call(sim, '/sim/requests')).json().requests);
    const hit = reqs.find((x) => x.endpoint === 'groups');
    expect(hit).toMatchObject({
      method: 'GET',
      status: 200,
      path: '/vm/groups/101?accept=application%2Fjson',
    });
    expect(JSON.stringify(reqs)).not.toContain('password');
  });

  it('serves the call log and moves time with /sim/advance', async () => {
    const { sim } = await startTestSim();
    const log = (
      await call(sim, '/sim/calls?from=2026-03-10%2009:00&to=2026-03-10%2010:00')
    ).json();
    expect(Number(log.count)).toBeGreaterThan(20);
    const t0 = sim.centre.now();
    await call(sim, '/sim/advance', { method: 'POST', body: { ms: 600_000 } });
    expect(sim.centre.now()).toBe(t0 + 600_000);
  });
});

describe('determinism over HTTP', () => {
  it('serves the same call log from two simulators with the same seed and start', async () => {
    const a = await startTestSim({ seed: 11, speed: 600 });
    const b = await startTestSim({ seed: 11, speed: 600 });
    a.tick(3000);
    b.tick(1000);
    b.tick(2000);
    const la = (await call(a.sim, '/sim/calls')).text;
    const lb = (await call(b.sim, '/sim/calls')).text;
    expect(la).toBe(lb);
    const c = await startTestSim({ seed: 12, speed: 600 });
    c.tick(3000);
    expect((await call(c.sim, '/sim/calls')).text).not.toBe(la);
  });
});
