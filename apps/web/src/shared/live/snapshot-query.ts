// The live snapshot in the TanStack Query cache: written by the stream, read by every screen.
import { queryOptions, skipToken, useQuery } from '@tanstack/react-query';
import type { Snapshot } from '@vigie/contract';

export const snapshotQueryKey = ['snapshot'] as const;

/** No fetcher: the SSE stream is the only writer (setQueryData), and the data never goes stale. */
const snapshotQueryOptions = queryOptions<Snapshot>({
  queryKey: snapshotQueryKey,
  queryFn: skipToken,
  staleTime: Infinity,
  gcTime: Infinity,
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
