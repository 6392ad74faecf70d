// GET /api/groups/:id/trend: the group's figures sampled through the day by the BFF.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TrendReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

const TREND_REFRESH_MS = 30_000;

function getGroupTrend(id: number, signal?: AbortSignal): Promise<TrendReply> {
  return fetchJson<TrendReply>(`/api/groups/${id}/trend`, signal ? { signal } : {});
}

const groupTrendQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['groups', 'trend', id],
    queryFn: ({ signal }) => getGroupTrend(id, signal),
    refetchInterval: TREND_REFRESH_MS,
    staleTime: TREND_REFRESH_MS,
  });

export function useGroupTrend(id: number) {
  return useQuery(groupTrendQueryOptions(id));
}
