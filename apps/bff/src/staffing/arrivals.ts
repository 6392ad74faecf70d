// Arrivals per group over a sliding window, from the deltas of the daily `calls` counter between polls (for staffing).
import { aboveHighWater } from '../lib/day-counter';

interface Step {
  at: number;
  calls: number;
}

export class ArrivalsWindow {
  private readonly steps = new Map<number, Step[]>();
  private readonly counters = new Map<number, number>();
  private since: number | null = null;
  private day: string | null = null;
  private lastAt: number | null = null;

  constructor(private readonly windowMs: number) {}

  /**
   * One observation of the groups' counters at `at` (the figures' time), on `day` (local). The
   * first one only sets the baseline; a new day starts the window again, since counters restart.
   */
  observe(at: number, day: string, groups: readonly { id: number; calls: number }[]): void {
    if (this.lastAt !== null && at <= this.lastAt) return;
    if (day !== this.day) {
      this.steps.clear();
      this.counters.clear();
      this.day = day;
      this.since = at;
    }
    this.lastAt = at;
    for (const g of groups) {
      const prev = this.counters.get(g.id);
      // issue 10: the highest count of the day, so a drop (a fault) and the way back add nothing.
      const { mark, added } = aboveHighWater(prev ?? 0, g.calls);
      this.counters.set(g.id, mark);
      if (prev === undefined) continue;
      const list = this.steps.get(g.id) ?? [];
      list.push({ at, calls: added });
      this.steps.set(g.id, list);
    }
    const from = at - this.windowMs;
    for (const list of this.steps.values())
      while (list.length > 0 && (list[0]?.at ?? 0) <= from) list.shift();
  }

  /**
   * Issue 12.6: after a restart, the day's stored trend (each point: the groups' `calls` counter
   * at its step) replayed as observations, so the window has figures at once instead of after
   * a third of it. Only when the newest point is inside the window: across a longer gap the
   * first live poll's growth would fall in the window though the calls came earlier. The
   * points' times are their step's start (a minute at most before the poll they hold).
   */
  seed(
    day: string,
    series: ReadonlyMap<number, readonly { at: string; calls: number }[]>,
    now: number,
  ): void {
    if (this.lastAt !== null) return; // live observations came first: they know better
    const byAt = new Map<number, { id: number; calls: number }[]>();
    for (const [id, points] of series)
      for (const p of points) {
        const at = Date.parse(p.at);
        if (!Number.isFinite(at) || at > now || !Number.isFinite(p.calls)) continue;
        const list = byAt.get(at) ?? [];
        list.push({ id, calls: p.calls });
        byAt.set(at, list);
      }
    const times = [...byAt.keys()].sort((a, b) => a - b);
    const newest = times.at(-1);
    if (newest === undefined || newest < now - this.windowMs) return;
    for (const at of times) this.observe(at, day, byAt.get(at) ?? []);
  }

  /** Arrivals in the window, and the minutes actually observed (less than the window after a start). */
  of(groupId: number): { arrivals: number; windowMinutes: number } {
    if (this.since === null || this.lastAt === null) return { arrivals: 0, windowMinutes: 0 };
    const observed = Math.min(this.windowMs, this.lastAt - this.since);
    const arrivals = (this.steps.get(groupId) ?? []).reduce((n, s) => n + s.calls, 0);
    return { arrivals, windowMinutes: Math.round((observed / 60_000) * 10) / 10 };
  }
}
