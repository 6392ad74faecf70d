import type { OperatorDetails, StatusEvent } from '@vigie/axialys-client';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { localCallBudget, slotMs } from './fast-budget';
import { FastStates, type FastStateUpdate } from './fast-states';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const TTL = 5_000;

/** A 3.4 event of `id` from `start` to `end` (ms), dates to the second as the API gives them. */
const event = (id: number, start: number, end: number, type = 'login'): StatusEvent => ({
  operatorId: id,
  type,
  startedAt: new Date(start).toISOString(),
  durationSeconds: Math.round((end - start) / 1000),
});

function setUp(maxPerMinute = 60) {
  const clock = new ManualClock();
  clock.t = T0;
  let history: StatusEvent[] = [];
  const state = new Map<number, OperatorDetails['state']>();
  const calls: { at: number; endpoint: string; id?: number }[] = [];
  const cache = new Map<number, { value: OperatorDetails; fetchedAt: number }>();
  const updates: FastStateUpdate[] = [];
  let exhausted = 0;
  const fresh = (id: number) => {
    const c = cache.get(id);
    return c && c.fetchedAt + TTL > clock.t ? c : undefined;
  };
  const fast = new FastStates({
    client: {
      statusHistory: async () => {
        calls.push({ at: clock.t, endpoint: 'calls_status' });
        return history;
      },
    },
    details: {
      peek: fresh,
      get: async (id) => {
        const hit = fresh(id);
        if (hit) return hit;
        calls.push({ at: clock.t, endpoint: 'op_details', id });
        const c = {
          value: { id, state: state.get(id) ?? 'available', vars: {}, groupIds: [] },
          fetchedAt: clock.t,
        };
        cache.set(id, c);
        return c;
      },
    },
    clock,
    budget: localCallBudget(maxPerMinute, () => clock.t),
    detailsTtlMs: TTL,
    onUpdate: (u) => updates.push(...u),
    onExhausted: () => exhausted++,
  });
  fast.start();
  return {
    clock,
    fast,
    calls,
    updates,
    state,
    cache,
    exhausted: () => exhausted,
    setHistory: (h: StatusEvent[]) => (history = h),
    details: () => calls.filter((c) => c.endpoint === 'op_details'),
  };
}

describe('FastStates (guide 3.4 then 3.5)', () => {
  it('asks nothing before the first operators_init, then reads 3.4 every 5 s', async () => {
    const s = setUp();
    await s.clock.advance(20_000);
    expect(s.calls).toEqual([]);
    s.fast.observePoll(s.clock.t);
    await s.clock.advance(20_000);
    const reads = s.calls.filter((c) => c.endpoint === 'calls_status').map((c) => c.at);
    expect(reads.length).toBe(5);
    expect(reads.slice(1).map((t, i) => t - reads[i]!)).toEqual([5000, 5000, 5000, 5000]);
    expect(s.details()).toEqual([]);
  });

  it('reads op_details only for events that ended after the last poll left, once per event', async () => {
    const s = setUp();
    s.fast.observePoll(T0);
    await s.clock.advance(4_000);
    // Operator 1 changed before the poll (the poll has it); operator 2 after it.
    s.setHistory([event(1, T0 - 60_000, T0 - 10_000), event(2, T0 - 60_000, T0 + 3_000)]);
    s.state.set(2, 'ringing');
    await s.clock.advance(12_000);
    expect(s.details().map((c) => c.id)).toEqual([2, 2, 2]);
    // The first read is caused by the event and carries when its period began.
    expect(s.updates[0]).toMatchObject({ id: 2, periodStart: T0 + 3_000 });
    expect(s.updates[0]!.details.state).toBe('ringing');
    // Ringing ends without an event: re-read after the cache's ttl, never sooner.
    const at = s.details().map((c) => c.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(TTL);
    expect(s.updates[1]!.periodStart).toBeNull();
  });

  it('uses a viewer’s read made after the change for free, and waits out one made before it', async () => {
    const s = setUp();
    s.fast.observePoll(T0);
    s.cache.set(3, {
      value: { id: 3, state: 'available', vars: {}, groupIds: [] },
      fetchedAt: T0 + 500,
    });
    s.cache.set(4, {
      value: { id: 4, state: 'connected', vars: {}, groupIds: [] },
      fetchedAt: T0 + 4_000,
    });
    s.setHistory([event(3, T0 - 60_000, T0 + 1_000), event(4, T0 - 60_000, T0 + 1_000)]);
    s.state.set(3, 'unavailable');
    await s.clock.advance(5_000);
    // 4: read at T0+4 s by a viewer, after its change: applied without an upstream call.
    expect(s.updates.find((u) => u.id === 4)?.details.state).toBe('connected');
    expect(s.details().some((c) => c.id === 4)).toBe(false);
    // 3: the cached read predates the change: one upstream read once it expired.
    await s.clock.advance(6_000);
    expect(s.details().filter((c) => c.id === 3).length).toBe(1);
    expect(s.details()[0]!.at).toBeGreaterThanOrEqual(T0 + 500 + TTL);
    expect(s.updates.find((u) => u.id === 3)?.details.state).toBe('unavailable');
  });

  it('never exceeds its budget in a sliding minute, stops when it runs out and says so once', async () => {
    const MAX = 10;
    const s = setUp(MAX);
    s.fast.observePoll(T0);
    // 150 operators change at once.
    s.setHistory(Array.from({ length: 150 }, (_, i) => event(100 + i, T0 - 60_000, T0 + 1_000)));
    await s.clock.advance(3 * 60_000);
    const times = s.calls.map((c) => c.at);
    for (const t of times)
      expect(times.filter((x) => x > t - 60_000 && x <= t).length).toBeLessThanOrEqual(MAX);
    // All of the budget used, minute after minute, and each run-out counted once.
    expect(times.length).toBeGreaterThanOrEqual(3 * MAX - 1);
    expect(s.exhausted()).toBeGreaterThanOrEqual(2);
    expect(s.exhausted()).toBeLessThanOrEqual(4);
  });

  it('drops what the next operators_init covers', async () => {
    const s = setUp(2);
    s.fast.observePoll(T0);
    s.setHistory(Array.from({ length: 5 }, (_, i) => event(10 + i, T0 - 60_000, T0 + 1_000)));
    await s.clock.advance(5_000);
    expect(s.fast.pending).toBeGreaterThan(0);
    s.fast.observePoll(T0 + 30_000);
    expect(s.fast.pending).toBe(0);
  });
});

describe('localCallBudget', () => {
  it('lets `max` calls through per sliding minute and says how long to wait', async () => {
    let t = 0;
    const b = localCallBudget(3, () => t);
    expect(await b.take()).toBeNull();
    t = 10_000;
    expect(await b.take()).toBeNull();
    expect(await b.take()).toBeNull();
    expect(await b.take()).toBe(50_000);
    // The call at 0 leaves the minute at 60 s: one more then, and the next waits for the 10 s ones.
    t = 60_000;
    expect(await b.take()).toBeNull();
    t = 60_001;
    expect(await b.take()).toBe(9_999);
  });
});

describe('slotMs', () => {
  it('holds a slot a minute plus the request timeout, so slow calls still arrive within budget', async () => {
    let t = 0;
    const b = localCallBudget(2, () => t, slotMs(10_000));
    expect(await b.take()).toBeNull();
    expect(await b.take()).toBeNull();
    t = 60_000;
    // A minute later on our clock, but the first call may have reached Axialys 10 s late.
    expect(await b.take()).toBe(10_000);
    t = 70_000;
    expect(await b.take()).toBeNull();
  });
});
