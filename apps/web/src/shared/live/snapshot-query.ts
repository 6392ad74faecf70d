// The live snapshot in the TanStack Query cache: written by the stream, read by every screen.
import {
  hashKey,
  notifyManager,
  queryOptions,
  replaceEqualDeep,
  skipToken,
  useQuery,
  type QueryClient,
} from '@tanstack/react-query';
import type { Snapshot } from '@vigie/contract';

export const snapshotQueryKey = ['snapshot'] as const;

const isSnapshot = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && 'seq' in v && 'operators' in v && 'groups' in v;

/** No fetcher: the SSE stream is the only writer (setQueryData), and the data never goes stale. */
const snapshotQueryOptions = queryOptions<Snapshot>({
  queryKey: snapshotQueryKey,
  queryFn: skipToken,
  staleTime: Infinity,
  gcTime: Infinity,
  // A snapshot is kept as written: the stream's patches already keep every unchanged operator and
  // group as it was (applyPatch), and comparing 1,000 operators deeply on each write was a tenth of
  // a TV's commit (issue 14 §2). A `select`'s slice is still shared structurally, as by default.
  structuralSharing: (previous: unknown, next: unknown) =>
    next === previous || isSnapshot(next) ? next : replaceEqualDeep(previous, next),
});

/** The latest snapshot, or undefined until the first one arrives. */
export function useSnapshot(): Snapshot | undefined {
  return useQuery(snapshotQueryOptions).data;
}

/** A slice of the latest snapshot; re-renders only when the slice changes (structural sharing). */
export function useSnapshotSelect<T>(select: (snapshot: Snapshot) => T): T | undefined {
  return useQuery({ ...snapshotQueryOptions, select }).data;
}

const selectZone = (s: Snapshot): string | undefined => s.config.timeZone;

/**
 * The account's time zone (AXIALYS_TIMEZONE, sent in snapshot.config); undefined until the first
 * snapshot, when screens fall back to the browser's zone.
 */
export function useAccountZone(): string | undefined {
  return useSnapshotSelect(selectZone);
}

/** The latest snapshot and when this page received it (the cache's own update time). */
export function useSnapshotReceived(): { snapshot: Snapshot | undefined; receivedAt: number } {
  const { data, dataUpdatedAt } = useQuery(snapshotQueryOptions);
  return { snapshot: data, receivedAt: dataUpdatedAt };
}

const snapshotHash = hashKey(snapshotQueryKey);

/**
 * The snapshot and its receipt time read straight from the cache, with no observer: for hooks that
 * derive a small value on every write (useStale) and must not re-render their component for it.
 */
export function readSnapshot(client: QueryClient): {
  snapshot: Snapshot | undefined;
  receivedAt: number;
} {
  const state = client.getQueryCache().get<Snapshot>(snapshotHash)?.state;
  return { snapshot: state?.data, receivedAt: state?.dataUpdatedAt ?? 0 };
}

/** `listener` after each write of the snapshot, in the same notification as the query's observers. */
export function onSnapshotWrite(client: QueryClient, listener: () => void): () => void {
  return client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.query.queryHash === snapshotHash)
      notifyManager.schedule(listener);
  });
}
