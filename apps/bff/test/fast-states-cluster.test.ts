// VIGIE_FAST_STATES in cluster mode (issue 14.1): only the leader reads 3.4 and 3.5, and the budget
// is the cluster's, so a fail-over does not give the new leader a fresh minute.
import { startSimulator } from '@vigie/axialys-sim';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  BffProcess,
  clusterEnv,
  eventually,
  leaderOf,
  RedisServer,
  SIM_OPTIONS,
  sleep,
} from './support';

const MAX = 20;
const FAST = new Set(['calls_status', 'op_details']);

describe('VIGIE_FAST_STATES in a cluster', () => {
  it('runs on the leader only, within one budget for the whole cluster, across a fail-over', async () => {
    const redis = await RedisServer.start();
    onTestFinished(() => redis.dispose());
    // Speed 1: 3.4 is asked by date, on the BFF's clock.
    const sim = await startSimulator({
      ...SIM_OPTIONS,
      speed: 1,
      operators: 60,
      rateLimitMs: 30_000,
    });
    onTestFinished(() => sim.close());
    const bffs = await Promise.all(
      [1, 2].map((n) =>
        BffProcess.start(
          // The guide's 30 s: a faster poll would show every change before the accelerator does.
          clusterEnv(sim, 30_000, {
            ALLOW_FAST_POLL: '',
            POLL_GROUPS_MS: '1000',
            REDIS_URL: redis.url,
            VIGIE_INSTANCE_ID: `fast-${n}`,
            // Not shorter: on a loaded CI machine a 2 s lease changed hands during the start-up
            // wait, and the test then watched the instance that no longer led.
            VIGIE_LEASE_MS: '4000',
            VIGIE_FAST_STATES: 'on',
            VIGIE_FAST_STATES_MAX_PER_MIN: String(MAX),
          }),
        ),
      ),
    );
    onTestFinished(() => Promise.all(bffs.map((b) => b.stop())).then(() => undefined));
    // A cluster's first operators_init waits one interval (its last call is unknown): 30 s.
    await leaderOf(bffs, 15_000);
    await eventually(
      async () =>
        (await Promise.all(bffs.map((b) => b.get('/readyz')))).some((r) => r.status === 200),
      45_000,
      'ready',
    );
    // The leader as it stands now, once its accelerator runs. It starts after the leader's first
    // operators_init, up to guide 3.2's 30 s after it took the lead, and /readyz can be ready before
    // (the groups answer first): changes forced then are the poll's to show, the accelerator has
    // nothing to read and the budget never runs out (a clean-clone CI run on 2026-12-03 timed out so).
    const leader = await eventually(
      async () => {
        const current = await leaderOf(bffs, 15_000);
        const reads = await current.metric('vigie_fast_states_calls_total', 'calls_status');
        return reads > 0 ? current : null;
      },
      60_000,
      "the leader's accelerator to run",
    );
    // What the follower called before is its count.
    const follower = bffs.find((b) => b !== leader)!;
    const followerCalls = await follower.metric('vigie_fast_states_calls_total');

    // Every operator changes twice: far more op_details than the budget allows.
    const ids = sim.centre.operators.map((o) => o.id);
    for (const id of ids) sim.centre.forceState(id, 'available');
    await sleep(1100);
    for (const id of ids) sim.centre.forceState(id, 'unavailable', 'Cluster');
    await eventually(
      async () => (await leader.metric('vigie_fast_states_budget_exhausted_total')) >= 1,
      30_000,
      'the budget to run out',
    );
    expect(await leader.metric('vigie_fast_states_calls_total')).toBeGreaterThan(0);
    expect(await follower.metric('vigie_fast_states_calls_total')).toBe(followerCalls);

    // The leader goes; the new one (after guide 3.2's 30 s) finds the minute already spent.
    await leader.kill();
    expect(await leaderOf([follower], 15_000)).toBe(follower);
    await eventually(
      async () => (await follower.metric('vigie_fast_states_budget_exhausted_total')) >= 1,
      40_000,
      'the new leader to find the budget spent',
    );
    const times = sim
      .audit()
      .entries.filter((e) => FAST.has(e.endpoint))
      .map((e) => Date.parse(e.at));
    const inAMinute = Math.max(
      ...times.map((t) => times.filter((x) => x > t - 60_000 && x <= t).length),
    );
    // One start-up history per leader is the board's own (outside the accelerator).
    expect(inAMinute).toBeLessThanOrEqual(MAX + 2);
    // The new leader found the minute spent: it called nothing more.
    expect(await follower.metric('vigie_fast_states_calls_total')).toBe(followerCalls);
    expect(sim.audit().violations).toBe(0);
  }, 210_000);
});
