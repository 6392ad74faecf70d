// Says so when the figures are old: upstream not ok (with the data's age), the stream reconnecting,
// or figures older than two polls. On the wall it overlays a reserved band (wall.css): no reflow.
import type { Snapshot } from '@vigie/contract';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format';
import { oldestAgeSeconds } from '../live/freshness';
import { useConnectionState } from '../live/live-provider';
import { useSnapshotReceived, useSnapshotSelect } from '../live/snapshot-query';
import { useNow } from './use-now';
import { useStale } from './use-stale';

/** The oldest success among the sources: the board is as old as its oldest figures. */
function dataAsOf(snapshot: Snapshot): string | null {
  const { operators, groups } = snapshot.upstream.sources;
  const times = [operators.lastSuccessAt, groups.lastSuccessAt, snapshot.upstream.lastSuccessAt];
  const valid = times.filter((t): t is string => t !== null).map((t) => Date.parse(t));
  if (valid.length === 0) return null;
  return new Date(Math.min(...valid)).toISOString();
}

const selectUpstreamBad = (s: Snapshot): boolean => s.upstream.status !== 'ok';

/**
 * Nothing to say most of the day: this part only watches whether there is, without a render per
 * snapshot or per second (issue 14 §2); the banner itself, with its ticking age, comes when needed.
 */
export const StaleBanner = memo(function StaleBanner() {
  const connection = useConnectionState();
  const stale = useStale();
  const upstreamBad = useSnapshotSelect(selectUpstreamBad) ?? false;
  const old = stale.operators || stale.groups;
  if (!upstreamBad && connection !== 'reconnecting' && !old) return null;
  return <Banner connection={connection} old={old} />;
});

function Banner({
  connection,
  old,
}: {
  connection: ReturnType<typeof useConnectionState>;
  old: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { snapshot, receivedAt } = useSnapshotReceived();
  const now = useNow(1000);
  const upstreamBad = snapshot !== undefined && snapshot.upstream.status !== 'ok';
  const reconnecting = connection === 'reconnecting';

  const parts: string[] = [];
  if (reconnecting) parts.push(t('connection.reconnecting'));
  // Cluster mode: an instance that lost Redis says why nothing moves (its own re-marked snapshot).
  const redisDown = snapshot?.cluster.redis === 'down';
  if (upstreamBad && snapshot)
    parts.push(t(redisDown ? 'upstream.redisDown' : `upstream.${snapshot.upstream.status}`));
  if (parts.length === 0) parts.push(t('connection.stale'));
  let age = '';
  if (snapshot) {
    const asOf = dataAsOf(snapshot);
    // The age from the BFF's own count plus the time since receipt: right on a screen whose clock is off.
    const ageSeconds = oldestAgeSeconds(snapshot, receivedAt, now);
    age = asOf
      ? t('upstream.dataFrom', {
          time: fmt.time(new Date(asOf)),
          age: fmt.age(ageSeconds ?? (now - Date.parse(asOf)) / 1000),
        })
      : t('upstream.noData');
  }
  return (
    <div
      className="stale-banner"
      role="status"
      aria-live="polite"
      data-testid="stale-banner"
      data-upstream={snapshot?.upstream.status ?? 'unknown'}
      data-redis={snapshot?.cluster.redis ?? 'none'}
      data-connection={connection}
      data-stale={old ? 'true' : 'false'}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="1.1em" height="1.1em">
        <path d="M12 3L2 21h20L12 3z" fill="currentColor" />
        <path d="M12 10v5M12 17.5v.5" stroke="#1a1300" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      <strong>{parts.join(' · ')}</strong>
      {age && <span> — {age}</span>}
    </div>
  );
}
