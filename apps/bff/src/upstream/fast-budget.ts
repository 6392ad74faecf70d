// The hard budget of VIGIE_FAST_STATES (issue 14.1): calls of 3.4 and 3.5 together in any sliding
// minute. Asked before every call, whatever caused it (changes, viewers): a refusal means no call.

const MINUTE_MS = 60_000;

export interface CallBudget {
  /** Counts one call and returns null when it may leave now; else the ms until the minute has room. */
  take(): Promise<number | null>;
}

/** One process: the send times of the last minute, in memory (a cluster uses cluster/'s on Redis). */
export function localCallBudget(maxPerMinute: number, now: () => number): CallBudget {
  let sent: number[] = [];
  return {
    take() {
      const t = now();
      sent = sent.filter((s) => s > t - MINUTE_MS);
      if (sent.length >= maxPerMinute) {
        const oldest = sent[sent.length - maxPerMinute] ?? t;
        return Promise.resolve(Math.max(1, oldest + MINUTE_MS - t));
      }
      sent.push(t);
      return Promise.resolve(null);
    },
  };
}
