// The board this wall shows (issue 13 §1, §2), refetched when a board or a screen changes: the
// stream's `settings` event invalidates every query under ['settings', kind].
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { WallBoardReply } from '@vigie/contract';
import { fetchJson } from '../../shared/api/fetch-json';
import { settingsQueryKey } from '../../shared/live';

/** A missed event (the stream was down) is caught up by this, at the latest. */
const SAFETY_REFETCH_MS = 60_000;

const wallBoardQueryKey = (id: string | null) =>
  [...settingsQueryKey('board'), 'wall', id ?? ''] as const;

/** A query under another kind with no data of its own: invalidated, it refetches the board. */
function follower(client: QueryClient, kind: 'screen' | 'ticker', id: string | null) {
  return queryOptions({
    queryKey: [...settingsQueryKey(kind), 'wall-board', id ?? ''],
    queryFn: async () => {
      await client.invalidateQueries({ queryKey: wallBoardQueryKey(id) });
      return Date.now();
    },
    initialData: 0,
    staleTime: Infinity,
  });
}

/**
 * The board's query, and one under the `screen` kind: a screen's new assignment is a `screen`
 * change. That one has no data of its own and never fetches at mount; invalidated, it refetches
 * the board.
 */
export function wallBoardQueries(client: QueryClient, id: string | null, enabled = true) {
  return {
    board: queryOptions({
      queryKey: wallBoardQueryKey(id),
      enabled,
      queryFn: ({ signal }) =>
        fetchJson<WallBoardReply>('/api/wall/board', { query: { board: id }, signal }),
      refetchInterval: SAFETY_REFETCH_MS,
    }),
    screen: follower(client, 'screen', id),
    // The reply carries the board's ticker messages too (one request fewer on a first visit).
    ticker: follower(client, 'ticker', id),
  };
}

/** `enabled`: once a principal is known (without one each try is a 401 and a session check). */
export function useWallBoard(id: string | null, enabled: boolean) {
  const client = useQueryClient();
  const queries = wallBoardQueries(client, id, enabled);
  const board = useQuery(queries.board);
  useQuery(queries.screen);
  useQuery(queries.ticker);
  return board;
}
