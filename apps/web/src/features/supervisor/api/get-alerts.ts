// GET /api/alerts: the day's raised and cleared alerts (today in the account's zone by default).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AlertsQuery, AlertsReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

/** The live list is in the snapshot; the history is asked again when it changes, and now and then. */
const ALERTS_REFRESH_MS = 60_000;

function getAlerts(range: AlertsQuery, signal?: AbortSignal): Promise<AlertsReply> {
  return fetchJson<AlertsReply>('/api/alerts', {
    query: { from: range.from, to: range.to },
    ...(signal ? { signal } : {}),
  });
}

const alertsQueryOptions = (range: AlertsQuery = {}) =>
  queryOptions({
    // The key is the query itself: what the function asks for is what the cache is keyed on.
    queryKey: ['alerts', 'history', range],
    queryFn: ({ signal }) => getAlerts(range, signal),
    refetchInterval: ALERTS_REFRESH_MS,
    staleTime: 10_000,
  });

export function useAlertHistory(range: AlertsQuery = {}) {
  return useQuery(alertsQueryOptions(range));
}
