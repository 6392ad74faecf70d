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
});
