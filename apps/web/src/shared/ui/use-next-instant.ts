// Re-renders when the next of some instants passes (a ticker message's expiry, a snooze's end):
// one timer set for it, no polling.
import { useEffect, useState } from 'react';
import { boardNow } from './use-now';

/** Browsers cap timeouts at 2^31-1 ms; a later instant is reached in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * The board's now as of the last instant passed (or the mount): stable between them, so what is
 * derived from it is not recomputed on every render. `instants` are ISO strings.
 */
export function useNextInstant(instants: readonly string[]): number {
  const [now, setNow] = useState(boardNow);
  const next = instants
    .map((i) => Date.parse(i))
    .filter((t) => Number.isFinite(t) && t > now)
    .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  useEffect(() => {
    if (!Number.isFinite(next)) return;
    // A few ms late rather than early: the instant must have passed when we look again.
    const wait = Math.min(MAX_TIMEOUT_MS, Math.max(0, next - boardNow()) + 5);
    const h = setTimeout(() => setNow(boardNow()), wait);
    return () => clearTimeout(h);
  }, [next]);
  return now;
}
