import type { GroupCallStats, GroupSupervision } from '@vigie/axialys-client';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { LIVE_WAIT_MAX_AGE_MS, OldestWait } from './oldest-wait';

/** 4.3 figures of `ids`, each with `waiting` callers. */
const supervision = (waiting: Record<number, number>): GroupSupervision[] =>
  Object.entries(waiting).map(
    ([id, w]) => ({ groupId: Number(id), waiting: w }) as GroupSupervision,
  );

function setUp(maxPerMinute: number, failing = { now: false }) {
  const clock = new ManualClock();
  clock.t = Date.parse('2026-11-27T10:00:00Z');
  const calls: { at: number; groups: number[] }[] = [];
  let updates = 0;
  const w = new OldestWait({
    client: {
      callsByGroup: async (p = {}): Promise<GroupCallStats> => {
        calls.push({ at: clock.t, groups: [...(p.groupIds ?? [])] });
        if (failing.now) throw new Error('503');
        const id = p.groupIds?.[0] ?? 0;
        return {
          totalDurationSeconds: 0,
          calls: 0,
          agentConnectedCalls: 0,
          realtime: { oldestCallWaitingSince: new Date(clock.t - id * 1000).toISOString() },
        };
      },
    },
    clock,
    maxPerMinute,
    onUpdate: () => updates++,
  });
  w.start();
  return { clock, calls, w, updates: () => updates };
}

/** 4.3 every `periodMs` for `ms`, with the same queues. */
async function pollFor(
  s: ReturnType<typeof setUp>,
  waiting: Record<number, number>,
  ms: number,
  periodMs = 15_000,
) {
  for (let t = 0; t < ms; t += periodMs) {
    s.w.observe(supervision(waiting), s.clock.t);
    await s.clock.advance(periodMs);
  }
}

describe('OldestWait (guide 4.2 realtime)', () => {
  it('never asks more than the budget in any sliding minute, and uses it when 50 groups wait', async () => {
    const s = setUp(30);
    const waiting = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [100 + i, 2]));
    await pollFor(s, waiting, 5 * 60_000);
    const times = s.calls.map((c) => c.at);
    for (const t of times)
      expect(times.filter((x) => x > t - 60_000 && x <= t).length).toBeLessThanOrEqual(30);
    // Budget-bound: about 30 a minute over five minutes, spread evenly (2 s apart).
    expect(times.length).toBeGreaterThanOrEqual(5 * 30 - 1);
    expect(Math.min(...times.slice(1).map((t, i) => t - times[i]!))).toBeGreaterThanOrEqual(2000);
    // One group per call (4.2 sums several), and every group had its turn.
    expect(s.calls.every((c) => c.groups.length === 1)).toBe(true);
    expect(new Set(s.calls.map((c) => c.groups[0])).size).toBe(50);
  });

  it('asks only waiting groups, each at most once per 4.3 period', async () => {
    const s = setUp(600);
    await pollFor(s, { 1: 0, 2: 3, 3: 0 }, 60_000);
    expect(new Set(s.calls.map((c) => c.groups[0]))).toEqual(new Set([2]));
    const times = s.calls.map((c) => c.at);
    expect(times.length).toBe(4);
    expect(Math.min(...times.slice(1).map((t, i) => t - times[i]!))).toBeGreaterThanOrEqual(15_000);
    expect(s.w.get(1)).toEqual({ oldestSince: null, at: expect.any(Number) });
    expect(s.w.get(2)?.oldestSince).toBe(s.calls.at(-1)!.at - 2000);
    // One rebuild per round of answers, not per 4.3 answer.
    expect(s.updates()).toBe(times.length);
  });

  it('asks again at once about a group whose queue shrank (its oldest caller may have gone)', async () => {
    const s = setUp(60);
    const t0 = s.clock.t;
    s.w.observe(supervision({ 1: 2, 2: 2 }), s.clock.t);
    await s.clock.advance(5_000);
    expect(s.calls.map((c) => [c.groups[0], c.at - t0])).toEqual([
      [1, 0],
      [2, 1000],
    ]);
    s.w.observe(supervision({ 1: 2, 2: 1 }), s.clock.t);
    await s.clock.advance(5_000);
    // The next 4.3 answer: group 2 first, although group 1 was asked longer ago.
    expect(s.calls.map((c) => [c.groups[0], c.at - t0])).toEqual([
      [1, 0],
      [2, 1000],
      [2, 5000],
      [1, 6000],
    ]);
  });

  it('after a failed call, asks nothing more until the next 4.3 answer (no hammering)', async () => {
    const failing = { now: true };
    const s = setUp(600, failing);
    s.w.observe(supervision({ 1: 2, 2: 2, 3: 2 }), s.clock.t);
    await s.clock.advance(60_000);
    expect(s.calls).toHaveLength(1);
    failing.now = false;
    s.w.observe(supervision({ 1: 2, 2: 2, 3: 2 }), s.clock.t);
    await s.clock.advance(60_000);
    expect(s.calls).toHaveLength(4);
    expect(s.w.get(3)).not.toBeNull();
  });

  it('off at 0, and figures too old are not shown', async () => {
    const off = setUp(0);
    await pollFor(off, { 1: 5 }, 60_000);
    expect(off.calls).toEqual([]);
    expect(off.w.get(1)).toBeNull();
    const s = setUp(30);
    s.w.observe(supervision({ 1: 5 }), s.clock.t);
    await s.clock.advance(1);
    expect(s.w.get(1)).not.toBeNull();
    await s.w.stop();
    await s.clock.advance(LIVE_WAIT_MAX_AGE_MS + 1);
    expect(s.w.get(1)).toBeNull();
  });
});
