// Coverage per hour: turns each snapshot into what it adds to its group-hours, and stored cells into the 24 rows.
import type { CoverageHour, Snapshot } from '@vigie/contract';
import type { CounterBaseline, CoverageCell, CoverageLive } from '../history/history-store';
import { emptyLive } from '../history/history-store';
import { aboveHighWater } from '../lib/day-counter';
import { dayStartMs, localHour, splitByHour } from '../lib/local-time';

export interface CoverageWrite {
  day: string;
  groupId: number;
  hour: number;
  live: CoverageLive;
}

export interface CoverageRecorderOptions {
  timeZone: string;
  /**
   * A gap between two snapshots longer than this is not counted as seen (the board was down or
   * blind): about two poll periods.
   */
  maxGapMs: number;
}

interface Seen {
  at: number;
  loggedIn: Map<number, number>;
  available: Map<number, number>;
}

/**
 * Answered calls from the group's figures: `pourc_decroche` is answered ÷ calls to 0.1 %, so the
 * count is exact while a group takes fewer than 1,000 calls a day (the rounding stays under ½ call).
 */
const answeredOf = (g: { calls: number; answeredPercent: number }): number =>
  Math.round((g.answeredPercent * g.calls) / 100);

type Counters = CounterBaseline['groups'][string];

/**
 * Day figures that cannot all be true (issue 10): not whole counts ≥ 0, more lost than calls, or
 * answered + lost above the calls beyond the rounding of `pourc_decroche` (½ % of the calls).
 */
function inconsistentCounters(c: Counters): boolean {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (!whole(c.calls) || !whole(c.answered) || !whole(c.lost)) return true;
  return c.lost > c.calls || c.answered + c.lost > c.calls + Math.ceil(c.calls / 200);
}

export class CoverageRecorder {
  private last: Seen | null = null;
  private lastGroupsAt: string | null = null;
  private baseline: CounterBaseline | null = null;

  constructor(private readonly o: CoverageRecorderOptions) {}

  /** Counters saved before a restart or by the previous leader: used if recent enough. */
  resume(baseline: CounterBaseline | null): void {
    this.baseline = baseline;
  }

  get counters(): CounterBaseline | null {
    return this.baseline;
  }

  /** What this snapshot adds; `changedCounters` says the baseline should be saved. */
  observe(s: Snapshot, now: number): { writes: CoverageWrite[]; changedCounters: boolean } {
    const acc = new Map<string, CoverageWrite>();
    const add = (day: string, groupId: number, hour: number, f: (l: CoverageLive) => void) => {
      const key = `${day}|${groupId}|${hour}`;
      let w = acc.get(key);
      if (!w) {
        w = { day, groupId, hour, live: emptyLive() };
        acc.set(key, w);
      }
      f(w.live);
    };

    // Operators, time-weighted: the counts seen at the last snapshot held until this one.
    const live =
      s.upstream.status !== 'down' && s.upstream.sources.operators.lastSuccessAt !== null;
    const seen: Seen | null = live ? this.countOperators(s, now) : null;
    const prev = this.last;
    if (seen && prev && now > prev.at && now - prev.at <= this.o.maxGapMs) {
      for (const part of splitByHour(prev.at, now, this.o.timeZone))
        for (const [gid, n] of prev.loggedIn)
          add(part.day, gid, part.hour, (l) => {
            l.observedSeconds += part.seconds;
            l.loggedInSeconds += n * part.seconds;
            l.availableSeconds += (prev.available.get(gid) ?? 0) * part.seconds;
          });
    }
    this.last = seen;

    // Calls: deltas of the cumulative daily counters, in the hour the figures were taken.
    let changedCounters = false;
    const groupsAt = s.upstream.sources.groups.lastSuccessAt;
    if (groupsAt !== null && groupsAt !== this.lastGroupsAt) {
      this.lastGroupsAt = groupsAt;
      const at = Date.parse(groupsAt);
      const base = this.baseline;
      // A baseline saved before the high-water rule may hold a fault's zeros: never count from it.
      const fresh =
        base !== null &&
        base.highWater === true &&
        at - base.at <= this.o.maxGapMs &&
        at >= base.at;
      let { day, hour } = localHour(at, this.o.timeZone);
      if (fresh && base.day < day && this.notRestartedYet(s, base, at, day)) {
        // Asked before midnight, answered after it: still yesterday's figures, and yesterday's
        // last hour is where they belong (today's first hour would get the whole day's count).
        ({ day, hour } = localHour(dayStartMs(day, this.o.timeZone) - 1, this.o.timeZone));
      }
      // Upstream counters restart at local midnight: just after it, the whole count is the delta.
      const sameDay = base?.day === day;
      const next: CounterBaseline = { day, at, groups: {}, highWater: true };
      // Groups not in this snapshot keep their marks for the day.
      if (sameDay && base) Object.assign(next.groups, base.groups);
      for (const g of s.groups) {
        const cur = { calls: g.calls, answered: answeredOf(g), lost: g.lost };
        const b = sameDay ? base?.groups[String(g.id)] : undefined;
        // A record that contradicts itself is not stored, nor does it move the baseline.
        if (inconsistentCounters(cur)) continue;
        // issue 10: the baseline keeps the day's high-water marks; only growth above them counts.
        const high = b ?? { calls: 0, answered: 0, lost: 0 };
        const calls = aboveHighWater(high.calls, cur.calls);
        const answered = aboveHighWater(high.answered, cur.answered);
        const lost = aboveHighWater(high.lost, cur.lost);
        next.groups[String(g.id)] = { calls: calls.mark, answered: answered.mark, lost: lost.mark };
        // Counting from zero is right only across midnight, when the counters restarted. A group
        // with no mark yet today (new in the directory, or its first reads refused as inconsistent)
        // gets its mark now: its day so far belongs to hours the board never watched.
        if (!fresh || (sameDay && b === undefined)) continue;
        add(day, g.id, hour, (l) => {
          l.calls += calls.added;
          l.answered += answered.added;
          l.lost += lost.added;
        });
      }
      this.baseline = next;
      changedCounters = true;
    }
    return { writes: [...acc.values()], changedCounters };
  }

  /**
   * Upstream restarts the day's counters at local midnight, every group at once. Just after
   * midnight (within the gap allowed between polls), figures where no counter went down although
   * some were above zero were taken before the restart.
   */
  private notRestartedYet(s: Snapshot, base: CounterBaseline, at: number, day: string): boolean {
    if (at - dayStartMs(day, this.o.timeZone) > this.o.maxGapMs) return false;
    let someAboveZero = false;
    for (const g of s.groups) {
      const b = base.groups[String(g.id)];
      if (!b) continue;
      if (g.calls < b.calls || g.lost < b.lost) return false;
      if (b.calls > 0) someAboveZero = true;
    }
    return someAboveZero;
  }

  private countOperators(s: Snapshot, now: number): Seen {
    const loggedIn = new Map<number, number>();
    const available = new Map<number, number>();
    for (const g of s.groups) {
      loggedIn.set(g.id, 0);
      available.set(g.id, 0);
    }
    for (const o of s.operators) {
      const isIn = o.loggedInSince !== null;
      for (const gid of o.groups) {
        if (isIn) loggedIn.set(gid, (loggedIn.get(gid) ?? 0) + 1);
        if (o.state === 'available') available.set(gid, (available.get(gid) ?? 0) + 1);
      }
    }
    return { at: now, loggedIn, available };
  }
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The 24 rows of a day. Live and backfilled parts of an hour add up (the start hour has both); an
 * hour with neither is null throughout, never zero.
 */
export function coverageRows(cells: readonly CoverageCell[]): CoverageHour[] {
  const byHour = new Map(cells.map((c) => [c.hour, c]));
  return Array.from({ length: 24 }, (_, hour): CoverageHour => {
    const c = byHour.get(hour);
    const l = c?.live ?? null;
    const b = c?.backfill ?? null;
    const sum = (k: 'calls' | 'answered' | 'lost'): number | null => {
      const parts = [l ? l[k] : null, b ? b[k] : null].filter((v): v is number => v !== null);
      return parts.length === 0 ? null : Math.round(parts.reduce((a, v) => a + v, 0));
    };
    const avg = (lk: 'loggedInSeconds' | 'availableSeconds'): number | null => {
      let seconds = 0;
      let weighted = 0;
      if (l && l.observedSeconds > 0) {
        seconds += l.observedSeconds;
        weighted += l[lk];
      }
      if (b && b.seconds > 0 && b[lk] !== null) {
        seconds += b.seconds;
        weighted += b[lk] ?? 0;
      }
      return seconds > 0 ? round2(weighted / seconds) : null;
    };
    return {
      hour,
      calls: sum('calls'),
      answered: sum('answered'),
      lost: sum('lost'),
      operatorsLoggedIn: avg('loggedInSeconds'),
      operatorsAvailable: avg('availableSeconds'),
      recorded: Math.min(1, round2((l?.observedSeconds ?? 0) / 3600)),
      backfilled: b !== null,
    };
  });
}
