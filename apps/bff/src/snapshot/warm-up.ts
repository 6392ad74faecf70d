// Just started: sources that have not answered yet are not "stale" (every restart would raise and
// clear upstream-stale); after two poll periods without an answer they are. The steps that record
// or judge figures (coverage, alerts) wait while it lasts.
import type { Snapshot } from '@vigie/contract';

export function warmUp(
  startedAt: number,
  maxPollMs: number,
): (s: Snapshot, now: number) => boolean {
  return (s, now) => {
    const sources = s.upstream.sources;
    return (
      (sources.operators.lastSuccessAt === null || sources.groups.lastSuccessAt === null) &&
      now - startedAt < 2 * maxPollMs
    );
  };
}
