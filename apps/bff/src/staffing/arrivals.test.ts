// Arrivals for staffing, from the day counter's growth: a counter that drops and comes back adds nothing (issue 10).
import { describe, expect, it } from 'vitest';
import { ArrivalsWindow } from './arrivals';

describe('arrivals window', () => {
  it('counts growth only above the highest count of the day', () => {
    const w = new ArrivalsWindow(60 * 60_000);
    const day = '2026-03-10';
    const t = Date.parse('2026-03-10T09:00:00Z');
    for (const [i, calls] of [1541, 0, 1541, 1546, 1200, 1550].entries())
      w.observe(t + i * 2000, day, [{ id: 1, calls }]);
    expect(w.of(1).arrivals).toBe(9);
  });

  it('starts again on a new day, the counters having restarted', () => {
    const w = new ArrivalsWindow(60 * 60_000);
    const t = Date.parse('2026-03-10T22:59:58Z');
    w.observe(t, '2026-03-10', [{ id: 1, calls: 900 }]);
    w.observe(t + 2000, '2026-03-11', [{ id: 1, calls: 2 }]);
    w.observe(t + 4000, '2026-03-11', [{ id: 1, calls: 5 }]);
    expect(w.of(1).arrivals).toBe(3);
  });

  it('is seeded from the stored trend after a restart, only when the trend reaches into the window', () => {
    const now = Date.parse('2026-03-10T10:00:00Z');
    const min = 60_000;
    // 31 points a minute apart, 2 calls a minute: the last 30 minutes hold 60 arrivals.
    const points = Array.from({ length: 31 }, (_, i) => ({
      at: new Date(now - (30 - i) * min).toISOString(),
      calls: 100 + 2 * i,
    }));
    const w = new ArrivalsWindow(30 * min);
    w.seed('2026-03-10', new Map([[1, points]]), now);
    expect(w.of(1)).toEqual({ arrivals: 60, windowMinutes: 30 });
    // The first live poll goes on from the seeded counter.
    w.observe(now + 15_000, '2026-03-10', [{ id: 1, calls: 161 }]);
    expect(w.of(1).arrivals).toBe(61);

    const stale = new ArrivalsWindow(30 * min);
    const old = points.map((p) => ({
      ...p,
      at: new Date(Date.parse(p.at) - 60 * min).toISOString(),
    }));
    stale.seed('2026-03-10', new Map([[1, old]]), now);
    expect(stale.of(1)).toEqual({ arrivals: 0, windowMinutes: 0 });
  });
});
