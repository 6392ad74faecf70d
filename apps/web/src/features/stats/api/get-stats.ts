// GET /api/stats/numbers (guide 4.1) and /api/stats/groups (4.2): one query per number or group,
// since upstream sums the ones it is given and the page shows each apart. `realtime=true`, not
// `=1`: the BFF's boolean query schema refuses 1 (reported).
import { queryOptions, useQueries } from '@tanstack/react-query';
import type { StatsGroupsReply, StatsNumbersReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

/** Realtime figures move; past periods do not. */
const REALTIME_REFRESH_MS = 30_000;

export interface StatsRange {
  /** `YYYY-MM-DD`, a local day of the account. */
  from: string;
  to: string;
}

function getStatsNumbers(
  range: StatsRange,
  numbers: readonly string[],
  realtime: boolean,
  signal?: AbortSignal,
): Promise<StatsNumbersReply> {
  return fetchJson<StatsNumbersReply>('/api/stats/numbers', {
    query: {
      from: range.from,
      to: range.to,
      number: numbers,
      realtime: realtime ? true : undefined,
    },
    ...(signal ? { signal } : {}),
  });
}

function getStatsGroups(
  range: StatsRange,
  groups: readonly number[],
  realtime: boolean,
  signal?: AbortSignal,
): Promise<StatsGroupsReply> {
  return fetchJson<StatsGroupsReply>('/api/stats/groups', {
    query: { from: range.from, to: range.to, group: groups, realtime: realtime ? true : undefined },
    ...(signal ? { signal } : {}),
  });
}

const statsNumbersQueryOptions = (
  { from, to }: StatsRange,
  numbers: readonly string[],
  realtime: boolean,
) =>
  queryOptions({
    queryKey: ['stats', 'numbers', { from, to, numbers: [...numbers], realtime }],
    queryFn: ({ signal }) => getStatsNumbers({ from, to }, numbers, realtime, signal),
    refetchInterval: realtime ? REALTIME_REFRESH_MS : false,
    staleTime: realtime ? REALTIME_REFRESH_MS : 5 * 60_000,
  });

const statsGroupsQueryOptions = (
  { from, to }: StatsRange,
  groups: readonly number[],
  realtime: boolean,
) =>
  queryOptions({
    queryKey: ['stats', 'groups', { from, to, groups: [...groups], realtime }],
    queryFn: ({ signal }) => getStatsGroups({ from, to }, groups, realtime, signal),
    refetchInterval: realtime ? REALTIME_REFRESH_MS : false,
    staleTime: realtime ? REALTIME_REFRESH_MS : 5 * 60_000,
  });

/**
 * One query per number. `enabled` is false while the range is refused, so nothing is asked of
 * the BFF before the page has said why.
 */
export function useStatsPerNumber(
  range: StatsRange,
  numbers: readonly string[],
  realtime: boolean,
  enabled: boolean,
) {
  return useQueries({
    queries: numbers.map((n) => ({ ...statsNumbersQueryOptions(range, [n], realtime), enabled })),
  });
}

export function useStatsPerGroup(
  range: StatsRange,
  groups: readonly number[],
  realtime: boolean,
  enabled: boolean,
) {
  return useQueries({
    queries: groups.map((g) => ({ ...statsGroupsQueryOptions(range, [g], realtime), enabled })),
  });
}
