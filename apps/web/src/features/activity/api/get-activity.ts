// GET /api/activity: the audit of settings changes, newest first, a page at a time.
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

const ACTIVITY_PAGE = 25;
/** Changes come from every page of every supervisor: asked again now and then, and on focus. */
const ACTIVITY_REFRESH_MS = 15_000;

const activityQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: ['activity', { limit: ACTIVITY_PAGE }],
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ActivityReply>('/api/activity', {
        query: { limit: ACTIVITY_PAGE, before: pageParam },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: ACTIVITY_REFRESH_MS,
  });

export function useActivity() {
  return useInfiniteQuery(activityQueryOptions());
}
