// Time in state: when each operator entered their current state, and how precisely we know it.
import type { OperatorStatus, StatusEvent } from '@vigie/axialys-client';
import type { StateSincePrecision } from '@vigie/contract';

export interface StateSince {
  since: number;
  precision: StateSincePrecision;
}

interface Entry extends StateSince {
  key: string;
  state: OperatorStatus['state'];
  /** The observation before the one that saw the change: the change lies in (windowStart, since]. */
  windowStart: number | null;
}

/** API dates have a one-second resolution and come from another clock. */
const SKEW_MS = 2_000;

const ms = (isoDate: string | undefined): number | null => {
  if (!isoDate) return null;
  const t = Date.parse(isoDate);
  return Number.isNaN(t) ? null : t;
};

const keyOf = (s: OperatorStatus): string => `${s.state ?? 'unavailable'}|${s.breakName ?? ''}`;

const onBreak = (s: OperatorStatus): boolean => {
  const pause = ms(s.lastBreakAt);
  const unpause = ms(s.lastUnbreakAt);
  return s.breakName !== undefined && pause !== null && (unpause === null || pause >= unpause);
};

/** Logged out: unavailable, no break, and the last logout after the last login. */
export function isLoggedOut(s: OperatorStatus): boolean {
  const login = ms(s.lastLoginAt);
  const logout = ms(s.lastLogoutAt);
  return (
    (s.state ?? 'unavailable') === 'unavailable' &&
    s.breakName === undefined &&
    logout !== null &&
    (login === null || logout >= login)
  );
}

export class TimeInState {
  private readonly entries = new Map<number, Entry>();
  private lastAt: number | null = null;

  get(id: number): StateSince | undefined {
    const e = this.entries.get(id);
    return e ? { since: e.since, precision: e.precision } : undefined;
  }

  /** One operators_init result (guide 3.2), in the order received. */
  observe(statuses: readonly OperatorStatus[], at: number): void {
    const prevAt = this.lastAt;
    const seen = new Set<number>();
    for (const s of statuses) {
      seen.add(s.id);
      const prev = this.entries.get(s.id);
      const key = keyOf(s);
      if (prev && prev.key === key) continue;
      const base = { key, state: s.state, windowStart: prev ? prevAt : null };
      const exact =
        prev && prevAt !== null ? this.exactInWindow(s, prevAt, at) : this.exactAtFirstSight(s);
      this.entries.set(
        s.id,
        exact !== null
          ? { ...base, since: exact, precision: 'exact' }
          : prev
            ? { ...base, since: at, precision: 'poll' }
            : { ...base, since: at, precision: 'lower-bound' },
      );
    }
    for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    this.lastAt = at;
  }

  /**
   * VIGIE_FAST_STATES: one operator's op_details (guide 3.5) read at `at`, after a change. The
   * 3.4 event that showed it ended when the current period began (`periodStart`): exact, like
   * `dt_answer` for a call and `ui_pause` for a break. Without a date, the change lies between
   * the last poll and `at` ('poll'). An operator no poll has listed yet is left to the poll.
   */
  observeFast(
    s: OperatorStatus,
    at: number,
    periodStart: number | null,
    answeredAt?: string,
  ): void {
    const prev = this.entries.get(s.id);
    if (!prev) return;
    const key = keyOf(s);
    const begun = periodStart !== null && periodStart <= at + SKEW_MS ? periodStart : null;
    if (prev.key === key) {
      // Same state as known, but a later period (a missed round trip, e.g. a call not picked up).
      if (begun !== null && begun > prev.since + SKEW_MS)
        this.entries.set(s.id, { ...prev, since: Math.min(begun, at), precision: 'exact' });
      return;
    }
    const notAfter = (t: number | null): number | null =>
      t !== null && t <= at + SKEW_MS ? t : null;
    let exact: number | null;
    if (s.state === 'connected') exact = notAfter(ms(answeredAt)) ?? begun;
    else if (onBreak(s)) exact = notAfter(ms(s.lastBreakAt)) ?? begun;
    else if (isLoggedOut(s)) exact = notAfter(ms(s.lastLogoutAt)) ?? begun;
    else exact = begun;
    this.entries.set(s.id, {
      key,
      state: s.state,
      windowStart: this.lastAt,
      since: exact === null ? at : Math.min(exact, at),
      precision: exact === null ? 'poll' : 'exact',
    });
  }

  /**
   * Cluster fail-over: a new leader's first sight of an operator still in the state the previous
   * leader last published keeps that leader's date and precision, not a fresh lower bound.
   */
  inherit(
    previous: readonly {
      id: number;
      state: string;
      breakName: string | null;
      stateSince: string | null;
      stateSincePrecision: StateSincePrecision;
    }[],
  ): void {
    for (const p of previous) {
      const e = this.entries.get(p.id);
      const since = ms(p.stateSince ?? undefined);
      if (!e || e.precision !== 'lower-bound' || since === null || since > e.since) continue;
      if (e.key !== `${p.state}|${p.breakName ?? ''}`) continue;
      this.entries.set(p.id, { ...e, since, precision: p.stateSincePrecision });
    }
  }

  /** A change seen between two polls: an API date inside the window says exactly when. */
  private exactInWindow(s: OperatorStatus, from: number, to: number): number | null {
    const within = (t: number | null): t is number =>
      t !== null && t > from - SKEW_MS && t <= to + SKEW_MS;
    const candidates: (number | null)[] = [];
    if (s.breakName !== undefined)
      candidates.push(ms(s.lastBreakAt)); // went on a break: ui_pause
    else if (isLoggedOut(s))
      candidates.push(ms(s.lastLogoutAt)); // logged out: ui_logout
    else if (s.state === 'available') candidates.push(ms(s.lastLoginAt), ms(s.lastUnbreakAt)); // just logged in or back
    const hit = candidates.filter(within).sort((a, b) => b - a)[0];
    return hit === undefined ? null : Math.min(hit, to);
  }

  /** First sight: only a break or a logout carries its own start date. */
  private exactAtFirstSight(s: OperatorStatus): number | null {
    if (onBreak(s)) return ms(s.lastBreakAt);
    if (isLoggedOut(s)) return ms(s.lastLogoutAt);
    return null;
  }

  /**
   * guide 3.4: today's history, fetched once at start-up, refines operators seen for the first
   * time: an available operator has been so since their last event ended (or their login).
   */
  applyHistory(
    events: readonly StatusEvent[],
    statuses: ReadonlyMap<number, OperatorStatus>,
    at: number,
  ): void {
    const byOp = new Map<number, StatusEvent[]>();
    for (const e of events) {
      const list = byOp.get(e.operatorId) ?? [];
      list.push(e);
      byOp.set(e.operatorId, list);
    }
    for (const [id, entry] of this.entries) {
      if (entry.precision !== 'lower-bound') continue;
      const s = statuses.get(id);
      if (!s) continue;
      const list = byOp.get(id) ?? [];
      if (entry.state === 'available') {
        const ends = list
          .filter((e) => e.type !== 'login')
          .map((e) => (ms(e.startedAt) ?? 0) + e.durationSeconds * 1000)
          .filter((t) => t <= at + SKEW_MS);
        const login = ms(s.lastLoginAt);
        const since = Math.max(login ?? -Infinity, ...ends);
        if (Number.isFinite(since) && since <= entry.since)
          this.entries.set(id, { ...entry, since, precision: 'exact' });
      } else if (entry.state === 'connected' || entry.state === 'calling') {
        const current = list
          .filter((e) => e.type === 'call_in' || e.type === 'call_out')
          .map((e) => ({
            start: ms(e.startedAt) ?? 0,
            end: (ms(e.startedAt) ?? 0) + e.durationSeconds * 1000,
          }))
          .filter((c) => c.start <= entry.since && c.end >= at - SKEW_MS)
          .sort((a, b) => b.start - a.start)[0];
        if (current) this.entries.set(id, { ...entry, since: current.start, precision: 'exact' });
      }
    }
  }

  /**
   * guide 3.5: `dt_answer` of an op_details already in the drill-down cache (no extra upstream
   * load) dates the current call of a connected operator.
   */
  refineConnected(id: number, answeredAt: string | undefined, fetchedAt: number): void {
    const entry = this.entries.get(id);
    const t = ms(answeredAt);
    if (!entry || entry.state !== 'connected' || entry.precision === 'exact' || t === null) return;
    // The details must describe this spell of the state: fetched after it began, call started in it.
    const lowest =
      entry.precision === 'poll' ? (entry.windowStart ?? -Infinity) - SKEW_MS : -Infinity;
    if (fetchedAt >= entry.since - SKEW_MS && t > lowest && t <= fetchedAt + SKEW_MS) {
      this.entries.set(id, { ...entry, since: Math.min(t, entry.since), precision: 'exact' });
    }
  }
}
