// GET /api/activity: the audit of settings changes, newest first, a page at a time.
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ActivityReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';
import { activityQueryKey } from '../../../shared/live';

const ACTIVITY_PAGE = 25;
/** Every `settings` event refetches it (shared/live); now and then too, should one be missed. */
const ACTIVITY_REFRESH_MS = 60_000;

const activityQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: [...activityQueryKey, { limit: ACTIVITY_PAGE }],
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
