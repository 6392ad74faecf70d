// The hard budget of VIGIE_FAST_STATES (issue 14.1): calls of 3.4 and 3.5 together in any sliding
// minute. Asked before every call, whatever caused it (changes, viewers): a refusal means no call.

const MINUTE_MS = 60_000;

/**
 * How long a call holds its slot: a minute plus the request timeout, since a call reaches
 * Axialys at most that long after it took its slot. So the calls that arrive there within any
 * minute are never more than the budget, however slow the way.
 */
export const slotMs = (timeoutMs: number): number => MINUTE_MS + timeoutMs;

export interface CallBudget {
  /** Counts one call and returns null when it may leave now; else the ms until the minute has room. */
  take(): Promise<number | null>;
}

/** One process: the send times of the last slot period, in memory (a cluster uses Redis). */
export function localCallBudget(
  maxPerMinute: number,
  now: () => number,
  holdMs = MINUTE_MS,
): CallBudget {
  let sent: number[] = [];
  return {
    take() {
      const t = now();
      sent = sent.filter((s) => s > t - holdMs);
      if (sent.length >= maxPerMinute) {
        const oldest = sent[sent.length - maxPerMinute] ?? t;
        return Promise.resolve(Math.max(1, oldest + holdMs - t));
      }
      sent.push(t);
      return Promise.resolve(null);
    },
  };
}
