// The in-process budget of operators_init (guide 3.2), shared by every client of the same account.
import { AxialysRateLimitError } from './errors';

// Module-level on purpose: two clients (or a restarted poller) in one process share the account's
// budget. Key: base URL + user. Value: the earliest time (ms) the next call may be sent.
const nextAllowedAt = new Map<string, number>();

/** `https://API.axialys.com/` and `https://api.axialys.com` are the same account's server. */
export function budgetKey(baseUrl: string, user: string): string {
  const url = new URL(baseUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}\u0000${user}`;
}

/**
 * Takes the budget for one call about to be sent, or throws a local rate-limit error without
 * sending. guide 3.2: "not more than one request every 30 seconds"; a call counts once sent,
 * whatever its outcome (API-NOTES: every retry counts against the 30 s budget).
 */
export function takeBudget(
  key: string,
  endpoint: string,
  now: number,
  minIntervalMs: number,
): void {
  const next = nextAllowedAt.get(key);
  if (next !== undefined && now < next) {
    throw new AxialysRateLimitError(endpoint, next - now, true);
  }
  nextAllowedAt.set(key, now + minIntervalMs);
}

/** An upstream 429 with Retry-After pushes the next allowed call further out, never closer. */
export function deferBudget(key: string, until: number): void {
  const next = nextAllowedAt.get(key);
  if (next === undefined || next < until) nextAllowedAt.set(key, until);
}

/**
 * Seeds the account's budget with a call made before this process started (its end time kept by
 * the caller, e.g. on disk across a restart): the next call may go `minIntervalMs` after
 * `lastCallEndedAt`. Like a Retry-After, it pushes the next allowed call out, never pulls it in.
 */
export function seedOperatorsInitBudget(
  baseUrl: string,
  user: string,
  lastCallEndedAt: number,
  minIntervalMs: number,
): void {
  deferBudget(budgetKey(baseUrl, user), lastCallEndedAt + minIntervalMs);
}
