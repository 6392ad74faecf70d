// Reconnect delays: equal-jitter exponential backoff (AWS "Exponential Backoff and Jitter"), with a
// short ceiling while an outage is young so a wall is back within seconds of its BFF.

export interface BackoffOptions {
  baseMs: number;
  /** Ceiling while the outage is younger than `shortForMs`: a restart or deploy is over quickly. */
  capMs: number;
  /** Ceiling after that: a long outage is probed gently. */
  longCapMs: number;
  shortForMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 1000,
  capMs: 3000,
  longCapMs: 30_000,
  shortForMs: 120_000,
};

/**
 * Delay before reconnect attempt `attempt` (0-based) of an outage `outageMs` old: uniform in
 * [c/2, c] with c = min(ceiling, base·2^attempt). Equal jitter rather than full: never a burst of
 * near-zero retries, while screens that lost the same BFF still spread over half the ceiling.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  { baseMs, capMs, longCapMs, shortForMs }: BackoffOptions = DEFAULT_BACKOFF,
  outageMs = 0,
): number {
  const cap = outageMs < shortForMs ? capMs : longCapMs;
  const ceiling = Math.min(cap, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}
