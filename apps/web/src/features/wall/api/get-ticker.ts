// GET /api/ticker?board=: the messages this wall shows now. Keyed under ['settings', 'ticker'], so
// the stream's `settings` event refetches it within ~100 ms of a post, an edit or an end.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TickerWallReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';
import { settingsQueryKey } from '../../../shared/live';

const tickerQueryOptions = (board: string) =>
  queryOptions({
    queryKey: [...settingsQueryKey('ticker'), 'wall', board],
    queryFn: ({ signal }) =>
      fetchJson<TickerWallReply>('/api/ticker', { query: { board }, signal }),
    // The event says when it changes; expiry is a timer on the wall (no poll).
    staleTime: Number.POSITIVE_INFINITY,
  });

export function useTicker(board: string) {
  return useQuery(tickerQueryOptions(board));
}
