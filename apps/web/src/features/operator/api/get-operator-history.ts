// GET /api/operators/:id/history: today's status events (guide 3.4) for the timeline and totals.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { HistoryQuery, HistoryReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

/** History changes when a call or a break ends; half a minute keeps the timeline honest. */
const HISTORY_REFRESH_MS = 30_000;

function getOperatorHistory(
  id: number,
  range: HistoryQuery,
  signal?: AbortSignal,
): Promise<HistoryReply> {
  return fetchJson<HistoryReply>(`/api/operators/${id}/history`, {
    query: { from: range.from, to: range.to },
    ...(signal ? { signal } : {}),
  });
}

/** Without `from`/`to` the BFF answers for today so far, in the account's time zone. */
const operatorHistoryQueryOptions = (id: number, range: HistoryQuery = {}) =>
  queryOptions({
    // The key is the query itself: what the function asks for is what the cache is keyed on.
    queryKey: ['operators', 'history', id, range],
    queryFn: ({ signal }) => getOperatorHistory(id, range, signal),
    refetchInterval: HISTORY_REFRESH_MS,
    staleTime: HISTORY_REFRESH_MS,
  });

export function useOperatorHistory(id: number, range: HistoryQuery = {}) {
  return useQuery(operatorHistoryQueryOptions(id, range));
}
