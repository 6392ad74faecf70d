// GET /api/groups/:id/coverage?date=: the group's day hour by hour, as far as the board saw it.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CoverageReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

/** Today's current hour fills in as it goes; a past day does not change (but may be backfilled). */
const COVERAGE_REFRESH_MS = 60_000;

function getGroupCoverage(
  id: number,
  date: string | null,
  signal?: AbortSignal,
): Promise<CoverageReply> {
  return fetchJson<CoverageReply>(`/api/groups/${id}/coverage`, {
    query: { date },
    ...(signal ? { signal } : {}),
  });
}

/** `date` null: today in the account's zone (the BFF decides, the reply says which day). */
const groupCoverageQueryOptions = (id: number, date: string | null) =>
  queryOptions({
    queryKey: ['groups', 'coverage', id, { date }],
    queryFn: ({ signal }) => getGroupCoverage(id, date, signal),
    refetchInterval: COVERAGE_REFRESH_MS,
    staleTime: 30_000,
  });

export function useGroupCoverage(id: number, date: string | null) {
  return useQuery(groupCoverageQueryOptions(id, date));
}
