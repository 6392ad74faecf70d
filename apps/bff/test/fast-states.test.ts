// VIGIE_FAST_STATES over real HTTP against the simulator (issue 14.1): off by default; on, a state
// change reaches the stream well before the 30 s poll could show it, within a budget that holds
// whatever changes, and operators_init stays at one per 30 s.
import type { AuditEntry } from '@vigie/axialys-sim';
import type { Snapshot, SnapshotOperator } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { build, type Built, eventually, sleep, SseClient } from './support';

/** The guide's own pace: nothing here may explain a change by a fast poll. */
const SLOW_POLL = {
  POLL_OPERATORS_MS: '30000',
  ALLOW_FAST_POLL: '',
  POLL_GROUPS_MS: '1000',
  UPSTREAM_TIMEOUT_MS: '2000',
};
const FAST_CALLS = new Set(['calls_status', 'op_details']);

async function firstPoll(b: Built): Promise<Snapshot> {
  return eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      return s?.upstream.sources.operators.lastSuccessAt && s.operators.length > 0 ? s : undefined;
    },
    10_000,
    'a snapshot with operator states',
  );
}

const opIn = (s: Snapshot | undefined, id: number): SnapshotOperator | undefined =>
  s?.operators.find((o) => o.id === id);

async function metric(b: Built, line: RegExp): Promise<number> {
  const text = (await b.get('/metrics')).body;
  return text
    .split('\n')
    .filter((l) => line.test(l))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/** Most calls of `endpoints` in any sliding minute of the audit. */
function maxPerSlidingMinute(entries: AuditEntry[], endpoints: Set<string>): number {
  const times = entries.filter((e) => endpoints.has(e.endpoint)).map((e) => Date.parse(e.at));
  return Math.max(0, ...times.map((t) => times.filter((x) => x > t - 60_000 && x <= t).length));
}

describe('VIGIE_FAST_STATES', () => {
  it('is off by default: no 3.4 or 3.5 call beyond the start-up history, and /metrics says so', async () => {
    const b = await build({ sim: { speed: 1, rateLimitMs: 30_000 }, env: SLOW_POLL });
    expect(b.config.poll.fastStates.enabled).toBe(false);
    await firstPoll(b);
    await sleep(7000);
    const audit = b.sim.audit();
    // The start-up history (guide 3.4, today) is the one call of 3.4 the board made before.
    expect(audit.byEndpoint['calls_status'] ?? 0).toBeLessThanOrEqual(1);
    expect(audit.byEndpoint['op_details'] ?? 0).toBe(0);
    expect(await metric(b, /^vigie_fast_states_enabled /)).toBe(0);
    expect(b.app.snapshots.latest?.snapshot.operators.some((o) => o.stateSource)).toBe(false);
  }, 20_000);

  it('on: a state change in the simulator is on the stream within 10 s, long before the 30 s poll', async () => {
    const b = await build({
      sim: { speed: 1, rateLimitMs: 30_000 },
      env: { ...SLOW_POLL, VIGIE_FAST_STATES: 'on' },
    });
    const first = await firstPoll(b);
    const polledAt = first.upstream.sources.operators.lastSuccessAt;
    const stream = new SseClient(`${b.base}/api/stream`);
    const id = first.operators[0]!.id;
    // Available, then a break: the available period it closes is an event of 3.4. Six seconds
    // apart, so an op_details read for the first change (cached 5 s) cannot delay the second.
    b.sim.centre.forceState(id, 'available');
    await sleep(6000);
    b.sim.centre.forceState(id, 'unavailable', 'Fast test');
    const changedAt = Date.now();
    await stream.until(
      () => opIn(stream.snapshots.at(-1), id)?.breakName === 'Fast test',
      10_000,
      'the break on the stream',
    );
    const seenAfter = Date.now() - changedAt;
    const s = stream.snapshots.at(-1)!;
    const op = opIn(s, id)!;
    // The same operators_init as before: the poll cannot have shown it.
    expect(s.upstream.sources.operators.lastSuccessAt).toBe(polledAt);
    expect(seenAfter).toBeLessThan(10_000);
    expect(op.state).toBe('unavailable');
    expect(op.stateSource).toBe('fast');
    expect(Date.parse(op.stateAt!)).toBeGreaterThanOrEqual(changedAt - 1000);
    // ui_pause dates the break to the second: the existing mark stays true.
    expect(op.stateSincePrecision).toBe('exact');
    expect(Math.abs(Date.parse(op.stateSince!) - changedAt)).toBeLessThan(1500);
    // Every other operator still says its state is the poll's.
    expect(s.operators.filter((o) => o.stateSource === 'fast').map((o) => o.id)).toContain(id);
    expect(await metric(b, /^vigie_fast_states_enabled /)).toBe(1);
    expect(
      await metric(b, /^vigie_fast_states_calls_total\{endpoint="op_details"\}/),
    ).toBeGreaterThan(0);

    // A call answered: op_details gives dt_answer, the exact start of the conversation. Forced
    // once the read that showed the break is past its 5 s (one op_details per 5 s per operator):
    // forced at once, the 3.4 round and that wait add up to about 10 s, and a loaded machine went
    // past the bound (a clean-clone CI run on 2026-12-03).
    await sleep(5500);
    b.sim.centre.forceState(id, 'connected');
    const answeredAt = Date.now();
    await stream.until(
      () => opIn(stream.snapshots.at(-1), id)?.state === 'connected',
      10_000,
      'the call on the stream',
    );
    const call = opIn(stream.snapshots.at(-1), id)!;
    expect(call.stateSource).toBe('fast');
    expect(call.stateSincePrecision).toBe('exact');
    expect(Math.abs(Date.parse(call.stateSince!) - answeredAt)).toBeLessThan(1500);

    // The next operators_init reconciles: its answer wins, and the operator is the poll's again.
    await stream.until(
      () => stream.snapshots.at(-1)?.upstream.sources.operators.lastSuccessAt !== polledAt,
      35_000,
      'the next operators_init',
    );
    const after = opIn(stream.snapshots.at(-1), id)!;
    expect(after.stateSource).toBeUndefined();
    expect(after.stateAt).toBeUndefined();
    expect(b.sim.audit().violations).toBe(0);
  }, 60_000);

  it('holds its budget with 150 operators changing at once, says so in /metrics, operators_init stays ≤ 1 per 30 s', async () => {
    const MAX = 20;
    const b = await build({
      sim: { speed: 1, rateLimitMs: 30_000, operators: 150, groups: 6 },
      env: { ...SLOW_POLL, VIGIE_FAST_STATES: 'on', VIGIE_FAST_STATES_MAX_PER_MIN: String(MAX) },
    });
    const first = await firstPoll(b);
    const ids = first.operators.map((o) => o.id);
    expect(ids.length).toBe(150);
    for (const id of ids) b.sim.centre.forceState(id, 'available');
    await sleep(1100);
    for (const id of ids) b.sim.centre.forceState(id, 'unavailable', 'All at once');
    // Past the next operators_init, so the poll carries on while the accelerator is held.
    await eventually(
      () =>
        b.app.snapshots.latest?.snapshot.upstream.sources.operators.lastSuccessAt !==
          first.upstream.sources.operators.lastSuccessAt && true,
      40_000,
      'the next operators_init',
    );
    const audit = b.sim.audit();
    // The start-up history is the board's own, outside the accelerator: one call at most.
    expect(maxPerSlidingMinute(audit.entries, FAST_CALLS)).toBeLessThanOrEqual(MAX + 1);
    const counted = await metric(b, /^vigie_fast_states_calls_total\{/);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(MAX);
    expect(await metric(b, /^vigie_fast_states_budget_exhausted_total /)).toBeGreaterThanOrEqual(1);
    // Some changes came through the accelerator before the budget ran out, not all of them.
    const applied = await metric(b, /^vigie_fast_states_applied_total /);
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(150);
    // guide 3.2 unchanged: operators_init at least 30 s apart, none refused.
    const inits = audit.entries
      .filter((e) => e.endpoint === 'operators_init')
      .map((e) => Date.parse(e.at));
    expect(inits.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < inits.length; i++)
      expect(inits[i]! - inits[i - 1]!).toBeGreaterThanOrEqual(30_000);
    expect(audit.violations).toBe(0);
    // And the poll showed every break the budget left out.
    const s = b.app.snapshots.latest!.snapshot;
    expect(s.operators.filter((o) => o.breakName === 'All at once').length).toBe(150);
  }, 60_000);
});
