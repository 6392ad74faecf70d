// The trend reply in the form the charts read: one point per sample, time as epoch milliseconds.
import type { TrendPoint } from '@vigie/contract';

export interface TrendDatum {
  t: number;
  waiting: number;
  longestWaitSeconds: number;
  answeredPercent: number;
  /** null draws a gap: no call yet, so no service level. */
  serviceLevelPercent: number | null;
  calls: number;
  lost: number;
}

/** Sorted by time; points with an unreadable instant are dropped rather than drawn at 1970. */
export function trendChartData(points: readonly TrendPoint[]): TrendDatum[] {
  return points
    .map((p) => ({
      t: Date.parse(p.at),
      waiting: p.waiting,
      longestWaitSeconds: p.longestWaitSeconds,
      answeredPercent: p.answeredPercent,
      serviceLevelPercent: p.serviceLevelPercent,
      calls: p.calls,
      lost: p.lost,
    }))
    .filter((d) => !Number.isNaN(d.t))
    .sort((a, b) => a.t - b.t);
}

/** Evenly spaced time ticks on whole quarter-hours/hours, about `count` of them. */
export function timeTicks(startMs: number, endMs: number, count = 8): number[] {
  if (!(endMs > startMs)) return [];
  const steps = [5, 10, 15, 30, 60, 120, 180, 240].map((m) => m * 60_000);
  const step = steps.find((s) => (endMs - startMs) / s <= count) ?? steps[steps.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) ticks.push(t);
  return ticks;
}
