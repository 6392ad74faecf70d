// How old each source's figures are on this screen, and when they count as stale (issue 12.1).
import type { Snapshot } from '@vigie/contract';

/** As the BFF's STALE_PERIODS: figures older than two poll periods of their source are stale. */
export const STALE_POLLS = 2;

export type FreshnessSource = 'operators' | 'groups';

/**
 * Age in ms of a source's figures at `now`: the BFF's own age for them when the snapshot was
 * taken, plus the time since this page received it, so a screen whose clock is off still counts
 * right (it may read up to one push interval young: the hop from taking to receiving is unseen).
 */
export function sourceAgeMs(
  snapshot: Snapshot,
  receivedAt: number,
  now: number,
  source: FreshnessSource,
): number | null {
  const age = snapshot.upstream.sources[source].ageSeconds;
  return age === null ? null : age * 1000 + Math.max(0, now - receivedAt);
}

/** Older than two polls of that source; figures never received are not "stale" but absent. */
export function isStale(
  snapshot: Snapshot,
  receivedAt: number,
  now: number,
  source: FreshnessSource,
): boolean {
  const age = sourceAgeMs(snapshot, receivedAt, now, source);
  return age !== null && age > STALE_POLLS * snapshot.upstream.sources[source].pollMs;
}

/** The age in seconds of the oldest figures on the board, or null before any. */
export function oldestAgeSeconds(
  snapshot: Snapshot,
  receivedAt: number,
  now: number,
): number | null {
  const ages = (['operators', 'groups'] as const)
    .map((s) => sourceAgeMs(snapshot, receivedAt, now, s))
    .filter((a): a is number => a !== null);
  return ages.length === 0 ? null : Math.max(...ages) / 1000;
}
