// The BFF's coverage history against the simulator's own call log: no group-hour may hold more calls than upstream had.

export interface StoredHour {
  day: string; // YYYY-MM-DD, local to the account
  groupId: number;
  hour: number;
  calls: number | null;
}

export interface LegEntry {
  groupId: number;
  /** Simulated ms at which the call entered the group's queue (a passage counted by 4.3). */
  enteredAt: number;
}

interface HourCheck {
  day: string;
  groupId: number;
  hour: number;
  stored: number;
  /** Passages of calls in the group whose entry fell in that hour. */
  log: number;
  /** `log` plus the passages within the tolerance of either edge of the hour. */
  allowed: number;
}

export interface HistoryComparison {
  /** Group-hours with a stored call count. */
  hours: number;
  /** Stored above `allowed`: calls the BFF invented. */
  over: HourCheck[];
  /** Stored above the strict `log` count (includes edge effects), for information. */
  strictOver: number;
  worst: HourCheck | null;
  storedCalls: number;
  logCalls: number;
}

/** `YYYY-MM-DD|H` of an instant in the zone. */
export function hourKeyer(timeZone: string): (ms: number) => string {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return (ms) => {
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
    return `${p['year']}-${p['month']}-${p['day']}|${Number(p['hour'])}`;
  };
}

/**
 * The BFF files a counter delta in the hour of the poll that read it, so a passage near an edge
 * may land in the neighbouring hour: `toleranceMs` (its largest gap between polls) covers that.
 */
export function compareHistory(
  stored: readonly StoredHour[],
  legs: readonly LegEntry[],
  o: { timeZone: string; toleranceMs: number },
): HistoryComparison {
  const key = hourKeyer(o.timeZone);
  const exact = new Map<string, number>();
  const near = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const l of legs) {
    const own = key(l.enteredAt);
    bump(exact, `${l.groupId}|${own}`);
    const neighbours = new Set([
      key(l.enteredAt - o.toleranceMs),
      key(l.enteredAt + o.toleranceMs),
    ]);
    neighbours.delete(own);
    for (const n of neighbours) bump(near, `${l.groupId}|${n}`);
  }
  const checks: HourCheck[] = [];
  for (const h of stored) {
    if (h.calls === null) continue;
    const k = `${h.groupId}|${h.day}|${h.hour}`;
    const log = exact.get(k) ?? 0;
    checks.push({ ...h, stored: h.calls, log, allowed: log + (near.get(k) ?? 0) });
  }
  const over = checks.filter((c) => c.stored > c.allowed);
  const worst = [...over].sort((a, b) => b.stored - b.allowed - (a.stored - a.allowed))[0] ?? null;
  return {
    hours: checks.length,
    over,
    strictOver: checks.filter((c) => c.stored > c.log).length,
    worst,
    storedCalls: checks.reduce((s, c) => s + c.stored, 0),
    logCalls: checks.reduce((s, c) => s + c.log, 0),
  };
}
