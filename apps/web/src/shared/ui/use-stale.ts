// Whether the operators' and the groups' figures on screen are stale now (older than two polls).
import { useMemo } from 'react';
import { isStale } from '../live/freshness';
import { useSnapshotReceived } from '../live/snapshot-query';
import { useNowSelect } from './use-now';

export interface StaleSources {
  operators: boolean;
  groups: boolean;
}

/** Re-renders when a snapshot arrives or a source crosses the line, not on every clock tick. */
export function useStale(): StaleSources {
  const { snapshot, receivedAt } = useSnapshotReceived();
  const key = useNowSelect((now) =>
    snapshot
      ? `${isStale(snapshot, receivedAt, now, 'operators') ? 1 : 0}${isStale(snapshot, receivedAt, now, 'groups') ? 1 : 0}`
      : '00',
  );
  return useMemo(() => ({ operators: key[0] === '1', groups: key[1] === '1' }), [key]);
}
