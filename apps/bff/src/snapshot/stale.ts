// An instance's own re-mark of its last snapshot while Redis is unreachable: same figures, stale, with their age.
import type { Snapshot, SourceFreshness, Upstream } from '@vigie/contract';
import { STALE_PERIODS } from './builder';

/**
 * Nobody polls while the lease cannot be proven (fencing), so the figures only age. The status
 * follows the single-process rule: 'degraded' while every core source is younger than two
 * periods, 'down' after (an 'unauthorized' board stays so). `takenAt` is now, so `ageSeconds`
 * (age at `takenAt`) is the true age and the browser does not drop it as a replay.
 */
export function markStale(s: Snapshot, now: number, instanceId: string): Snapshot {
  const { sources, status, oldest } = agedSources(s, now, s.upstream.status);
  return {
    ...s,
    takenAt: new Date(now).toISOString(),
    upstream: {
      ...s.upstream,
      status,
      error: `Redis unreachable: no instance polls Axialys until it is back; figures are ${Math.round(oldest)} s old`,
      sources,
    },
    cluster: { mode: 'cluster', instanceId, leader: null, redis: 'down' },
  };
}

/**
 * Old figures at `now`: the sources' ages recomputed, the oldest one's, and the status they
 * earn: 'unauthorized' stays so (`status` is the one known now), else 'down' once a source is
 * older than two of its periods (or never came), 'degraded' before; never 'ok'.
 */
export function agedSources(
  s: Snapshot,
  now: number,
  status: Upstream['status'],
): { sources: Upstream['sources']; status: Upstream['status']; oldest: number } {
  const age = (f: SourceFreshness): SourceFreshness => ({
    ...f,
    ageSeconds:
      f.lastSuccessAt === null ? null : Math.max(0, (now - Date.parse(f.lastSuccessAt)) / 1000),
  });
  const sources = {
    operators: age(s.upstream.sources.operators),
    groups: age(s.upstream.sources.groups),
  };
  const old = Object.values(sources).some(
    (f) => f.ageSeconds === null || f.ageSeconds * 1000 > STALE_PERIODS * f.pollMs,
  );
  const oldest = Math.max(...Object.values(sources).map((f) => f.ageSeconds ?? 0));
  return {
    sources,
    status: status === 'unauthorized' ? 'unauthorized' : old ? 'down' : 'degraded',
    oldest,
  };
}
