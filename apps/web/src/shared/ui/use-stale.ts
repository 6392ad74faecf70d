// Whether the operators' and the groups' figures on screen are stale now (older than two polls).
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import { isStale } from '../live/freshness';
import { onSnapshotWrite, readSnapshot } from '../live/snapshot-query';
import { onTick, tickNow } from './use-now';

export interface StaleSources {
  operators: boolean;
  groups: boolean;
}

/** The four answers, one object each, so an unchanged answer is the same object. */
const ANSWERS: readonly [StaleSources, StaleSources, StaleSources, StaleSources] = [
  { operators: false, groups: false },
  { operators: true, groups: false },
  { operators: false, groups: true },
  { operators: true, groups: true },
];

/**
 * Re-renders only when a source crosses the line, not on every snapshot or clock tick: it reads the
 * cache without an observer, so the many components that ask (the wall's board, its banner and
 * status word) are not drawn again for each write (issue 14 §2).
 */
export function useStale(): StaleSources {
  const client = useQueryClient();
  const [subscribe, read] = useMemo(
    () => [
      (listener: () => void) => {
        const offWrite = onSnapshotWrite(client, listener);
        const offTick = onTick(1000, listener);
        return () => {
          offWrite();
          offTick();
        };
      },
      (): 0 | 1 | 2 | 3 => {
        const { snapshot, receivedAt } = readSnapshot(client);
        if (!snapshot) return 0;
        const now = tickNow(1000);
        const operators = isStale(snapshot, receivedAt, now, 'operators');
        const groups = isStale(snapshot, receivedAt, now, 'groups');
        return groups ? (operators ? 3 : 2) : operators ? 1 : 0;
      },
    ],
    [client],
  );
  return ANSWERS[useSyncExternalStore(subscribe, read)];
}
