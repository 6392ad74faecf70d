import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '@vigie/contract';
import { timeTicks, trendChartData } from './trend';

const point = (at: string, waiting: number, sl: number | null): TrendPoint => ({
  at,
  waiting,
  longestWaitSeconds: 0,
  answeredPercent: 90,
  serviceLevelPercent: sl,
  calls: 1,
  lost: 0,
  available: 2,
});

describe('group trend', () => {
  it('sorts points by time, keeps null service levels as gaps, and drops bad instants', () => {
    const data = trendChartData([
      point('2026-03-02T09:10:00Z', 2, 80),
      point('not a date', 9, 9),
      point('2026-03-02T09:05:00Z', 1, null),
    ]);
    expect(
      data.map((d) => [new Date(d.t).toISOString(), d.waiting, d.serviceLevelPercent]),
    ).toEqual([
      ['2026-03-02T09:05:00.000Z', 1, null],
      ['2026-03-02T09:10:00.000Z', 2, 80],
    ]);
  });

  it('puts ticks on round times and never more than asked', () => {
    const start = Date.parse('2026-03-02T08:07:00Z');
    const ticks = timeTicks(start, start + 3 * 3_600_000, 8);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(new Date(ticks[0]!).toISOString()).toBe('2026-03-02T08:30:00.000Z');
    expect(timeTicks(start, start)).toEqual([]);
  });
});
