// The store of last resort: the same record in this process's memory, when the data directory cannot be used.
import type { AlertEvent, TrendPoint } from '@vigie/contract';
import type { AlertState } from './alert-state';
import {
  emptyLive,
  eventId,
  type CounterBaseline,
  type CoverageBackfill,
  type CoverageCell,
  type CoverageLive,
  type HistoryStore,
} from './history-store';

export class MemoryStore implements HistoryStore {
  readonly kind = 'memory' as const;
  readonly location = 'memory';
  /** day → group → at → point */
  private readonly trend = new Map<string, Map<number, Map<string, TrendPoint>>>();
  private readonly events = new Map<string, AlertEvent>();
  private state: AlertState | null = null;
  private baseline: CounterBaseline | null = null;
  /** `${day}|${group}|${hour}` */
  private readonly cells = new Map<string, CoverageCell & { day: string; groupId: number }>();

  async appendTrend(day: string, points: readonly (readonly [number, TrendPoint])[]) {
    const byGroup = this.trend.get(day) ?? new Map<number, Map<string, TrendPoint>>();
    this.trend.set(day, byGroup);
    for (const [gid, p] of points) {
      const list = byGroup.get(gid) ?? new Map<string, TrendPoint>();
      list.set(p.at, p);
      byGroup.set(gid, list);
    }
  }

  async trendOf(day: string) {
    const out = new Map<number, TrendPoint[]>();
    for (const [gid, list] of this.trend.get(day) ?? [])
      out.set(
        gid,
        [...list.values()].sort((a, b) => a.at.localeCompare(b.at)),
      );
    return out;
  }

  async addAlertEvents(events: readonly AlertEvent[]) {
    const fresh = events.filter((e) => !this.events.has(eventId(e)));
    for (const e of fresh) this.events.set(eventId(e), e);
    return fresh;
  }

  async alertEvents(fromMs: number, toMs: number) {
    return [...this.events.values()]
      .filter((e) => Date.parse(e.at) >= fromMs && Date.parse(e.at) < toMs)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async loadAlertState() {
    return this.state === null ? null : structuredClone(this.state);
  }

  async saveAlertState(state: AlertState) {
    this.state = structuredClone(state);
  }

  async loadBaseline() {
    return this.baseline;
  }

  async saveBaseline(baseline: CounterBaseline) {
    this.baseline = structuredClone(baseline);
  }

  private cell(day: string, groupId: number, hour: number) {
    const key = `${day}|${groupId}|${hour}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { day, groupId, hour, live: null, backfill: null };
      this.cells.set(key, c);
    }
    return c;
  }

  async addCoverage(day: string, groupId: number, hour: number, d: CoverageLive) {
    const c = this.cell(day, groupId, hour);
    const l = c.live ?? emptyLive();
    c.live = {
      calls: l.calls + d.calls,
      answered: l.answered + d.answered,
      lost: l.lost + d.lost,
      observedSeconds: l.observedSeconds + d.observedSeconds,
      loggedInSeconds: l.loggedInSeconds + d.loggedInSeconds,
      availableSeconds: l.availableSeconds + d.availableSeconds,
    };
  }

  async setBackfill(day: string, groupId: number, hour: number, b: CoverageBackfill) {
    this.cell(day, groupId, hour).backfill = { ...b };
  }

  async coverage(day: string, groupId: number) {
    return [...this.cells.values()]
      .filter((c) => c.day === day && c.groupId === groupId)
      .sort((a, b) => a.hour - b.hour)
      .map(({ hour, live, backfill }) => ({ hour, live, backfill }));
  }

  async coveredHours(day: string) {
    return new Set(
      [...this.cells.values()].filter((c) => c.day === day).map((c) => `${c.groupId}:${c.hour}`),
    );
  }

  async prune(firstKeptDay: string, firstKeptMs: number) {
    let n = 0;
    for (const day of [...this.trend.keys()])
      if (day < firstKeptDay) {
        this.trend.delete(day);
        n++;
      }
    for (const [k, c] of this.cells)
      if (c.day < firstKeptDay) {
        this.cells.delete(k);
        n++;
      }
    for (const [k, e] of this.events)
      if (Date.parse(e.at) < firstKeptMs) {
        this.events.delete(k);
        n++;
      }
    return n;
  }

  async close() {}
}
