// Each group's figures through the day, from the BFF's own polls: one point per step, bounded, reset at midnight.
import type { Snapshot, TrendPoint } from '@vigie/contract';
import { DateTime } from 'luxon';

export interface TrendOptions {
  stepMs: number;
  timeZone: string;
  /** At most this many points per group (a day of one-minute steps by default). */
  maxPoints?: number;
  /** At most this many groups are tracked. */
  maxGroups?: number;
}

/** What one record added or replaced: the day and each group's newest point. */
export interface TrendUpdate {
  day: string;
  points: [groupId: number, point: TrendPoint][];
}

export class TrendBook {
  private readonly series = new Map<number, TrendPoint[]>();
  private day: string | null = null;
  private lastGroupsAt: string | null = null;
  private readonly maxPoints: number;
  private readonly maxGroups: number;

  constructor(private readonly o: TrendOptions) {
    this.maxPoints = o.maxPoints ?? Math.ceil(86_400_000 / o.stepMs) + 1;
    this.maxGroups = o.maxGroups ?? 1000;
  }

  get stepSeconds(): number {
    return Math.max(1, Math.round(this.o.stepMs / 1000));
  }

  points(groupId: number): readonly TrendPoint[] | undefined {
    return this.series.get(groupId);
  }

  get maxPointsPerGroup(): number {
    return this.maxPoints;
  }

  /**
   * The day's points read back from the store after a restart (issue 7). Ignored when the book
   * already holds another day, or when the points are of a day other than the book's.
   */
  restore(day: string, series: ReadonlyMap<number, readonly TrendPoint[]>): void {
    if (this.day !== null && this.day !== day) return;
    this.day = day;
    for (const [id, points] of series) {
      if (!this.series.has(id) && this.series.size >= this.maxGroups) continue;
      const merged = new Map((this.series.get(id) ?? []).map((p) => [p.at, p]));
      for (const p of points) if (!merged.has(p.at)) merged.set(p.at, p);
      const list = [...merged.values()].sort((a, b) => a.at.localeCompare(b.at));
      this.series.set(id, list.slice(-this.maxPoints));
    }
  }

  /**
   * Record a snapshot whose group figures are new (the same poll is not recorded twice). Returns
   * the points written (cluster mode: the leader copies them to Redis), null when nothing changed.
   */
  record(s: Snapshot): TrendUpdate | null {
    const groupsAt = s.upstream.sources.groups.lastSuccessAt;
    if (groupsAt === null || groupsAt === this.lastGroupsAt) return null;
    this.lastGroupsAt = groupsAt;
    const at = DateTime.fromISO(groupsAt, { zone: this.o.timeZone });
    const day = at.toISODate();
    if (day !== this.day) {
      // Counters restart at local midnight upstream: so does the day's trend.
      this.series.clear();
      this.day = day;
    }
    const update: TrendUpdate = { day: day ?? '', points: [] };
    const bucket = Math.floor(at.toMillis() / this.o.stepMs);
    for (const g of s.groups) {
      let list = this.series.get(g.id);
      if (!list) {
        if (this.series.size >= this.maxGroups) continue;
        list = [];
        this.series.set(g.id, list);
      }
      const point: TrendPoint = {
        at: new Date(bucket * this.o.stepMs).toISOString(),
        waiting: g.waiting,
        longestWaitSeconds: g.longestWaitSeconds,
        answeredPercent: g.answeredPercent,
        serviceLevelPercent: g.serviceLevelPercent,
        calls: g.calls,
        lost: g.lost,
        available: g.operators.available,
      };
      const last = list[list.length - 1];
      // One point per step: the latest poll of the step wins.
      if (last && last.at === point.at) list[list.length - 1] = point;
      else list.push(point);
      if (list.length > this.maxPoints) list.splice(0, list.length - this.maxPoints);
      update.points.push([g.id, point]);
    }
    return update;
  }
}
