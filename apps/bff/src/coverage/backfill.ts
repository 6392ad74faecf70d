// Start-up backfill of today's coverage: hours the board did not see, from the API's history, within a request budget.
import type { AxialysClient, StatusEvent } from '@vigie/axialys-client';
import type { HistoryStore } from '../history/history-store';
import { dayStartMs, localHour, splitByHour } from '../lib/local-time';

export interface BackfillInput {
  client: Pick<AxialysClient, 'callsByGroup'>;
  store: HistoryStore;
  timeZone: string;
  /** When this board started watching: live figures cover the time after it. */
  startedAt: number;
  /** `${groupId}:${hour}` already in the store for today when the board started (kept as is). */
  covered: ReadonlySet<string>;
  /** The groups and, per operator, the groups they belong to (from the first operators poll). */
  groupIds: readonly number[];
  membership: ReadonlyMap<number, readonly number[]>;
  /** Today's status history (guide 3.4), the one the poller fetched at start: no second call. */
  history: readonly StatusEvent[] | null;
  /** Each group's day counter (4.3 `nbr_global`) when known: no hour of the day can exceed it. */
  dayCalls?: ReadonlyMap<number, number>;
  /** At most this many 4.2 calls (newest hours first). */
  maxCalls: number;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export interface BackfillResult {
  hours: number;
  calls: number;
  skipped: number;
}

/** Seconds of each history event that fall in [from, to), summed per group the operator belongs to. */
function operatorSeconds(
  events: readonly StatusEvent[],
  membership: ReadonlyMap<number, readonly number[]>,
  from: number,
  to: number,
  zone: string,
): { loggedIn: Map<string, number>; available: Map<string, number> } {
  const loggedIn = new Map<string, number>();
  const available = new Map<string, number>();
  for (const e of events) {
    const start = Date.parse(e.startedAt);
    const end = start + e.durationSeconds * 1000;
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (!(b > a)) continue;
    const groups = membership.get(e.operatorId) ?? [];
    // Every type is time logged in (breaks too, as the snapshot counts them); `login` is available.
    for (const part of splitByHour(a, b, zone))
      for (const gid of groups) {
        const key = `${gid}:${part.hour}`;
        loggedIn.set(key, (loggedIn.get(key) ?? 0) + part.seconds);
        if (e.type === 'login') available.set(key, (available.get(key) ?? 0) + part.seconds);
      }
  }
  return { loggedIn, available };
}

/** Why 4.2 figures for one group-hour cannot be true, or null when they can. */
function inconsistency(
  f: { calls: number; answered: number },
  dayCalls: number | undefined,
): string | null {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  if (!whole(f.calls) || !whole(f.answered)) return 'not whole counts';
  if (f.answered > f.calls) return 'more answered than calls';
  if (dayCalls !== undefined && f.calls > dayCalls) return `more calls than the day's ${dayCalls}`;
  return null;
}

export async function backfillToday(i: BackfillInput): Promise<BackfillResult> {
  const now = localHour(i.startedAt, i.timeZone);
  const day = now.day;
  const midnight = dayStartMs(day, i.timeZone);
  const covered = i.covered;
  // Newest first: under the budget, the hours nearest to now are the ones a supervisor looks at.
  const todo: { groupId: number; hour: number; from: number; to: number }[] = [];
  for (let t = now.startMs; t >= midnight;) {
    const h = localHour(t, i.timeZone);
    const to = Math.min(h.endMs, i.startedAt);
    for (const groupId of i.groupIds)
      if (!covered.has(`${groupId}:${h.hour}`) && to > h.startMs)
        todo.push({ groupId, hour: h.hour, from: h.startMs, to });
    t = h.startMs - 1;
  }
  const ops = i.history
    ? operatorSeconds(i.history, i.membership, midnight, i.startedAt, i.timeZone)
    : null;
  let calls = 0;
  let hours = 0;
  const skipped = Math.max(0, todo.length - i.maxCalls);
  for (const t of todo.slice(0, i.maxCalls)) {
    let figures: { calls: number; answered: number } | null = null;
    try {
      // guide 4.2: calls that entered the group in [from, to), with those an agent answered.
      const s = await i.client.callsByGroup({
        from: new Date(t.from),
        to: new Date(t.to),
        groupIds: [t.groupId],
      });
      calls += 1;
      figures = { calls: s.calls, answered: s.agentConnectedCalls };
      const problem = inconsistency(figures, i.dayCalls?.get(t.groupId));
      if (problem) {
        // issue 10: a record found inconsistent is not stored; the hour stays blank for calls.
        i.log.warn(
          { groupId: t.groupId, hour: t.hour, ...figures },
          `coverage backfill: calls by group inconsistent (${problem}); not stored`,
        );
        figures = null;
      }
    } catch (err) {
      calls += 1;
      i.log.warn(
        { groupId: t.groupId, hour: t.hour, code: (err as { code?: string }).code },
        'coverage backfill: calls by group failed; the hour keeps only what else is known',
      );
    }
    const seconds = (t.to - t.from) / 1000;
    const key = `${t.groupId}:${t.hour}`;
    if (figures === null && ops === null) continue;
    await i.store.setBackfill(day, t.groupId, t.hour, {
      calls: figures?.calls ?? null,
      answered: figures?.answered ?? null,
      // For a past hour, a call that entered and was not answered was lost (or went elsewhere).
      lost: figures ? figures.calls - figures.answered : null,
      seconds,
      loggedInSeconds: ops ? (ops.loggedIn.get(key) ?? 0) : null,
      availableSeconds: ops ? (ops.available.get(key) ?? 0) : null,
    });
    hours += 1;
  }
  if (skipped > 0)
    i.log.warn(
      { skipped, maxCalls: i.maxCalls },
      'coverage backfill: request budget reached; the oldest hours stay blank',
    );
  return { hours, calls, skipped };
}
