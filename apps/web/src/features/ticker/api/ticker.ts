// The Messages page's requests: the list of current and past messages (GET /api/ticker/messages),
// and post / end / delete. Keyed under ['settings', 'ticker']: the stream refetches it on a change.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BoardsReply,
  TickerListReply,
  TickerMessage,
  TickerPostBody,
  TickerUpdateBody,
} from '@vigie/contract';
import { fetchJson } from '../../../shared/api';
import { settingsQueryKey } from '../../../shared/live';

const messagesQueryOptions = () =>
  queryOptions({
    queryKey: [...settingsQueryKey('ticker'), 'messages'],
    queryFn: ({ signal }) => fetchJson<TickerListReply>('/api/ticker/messages', { signal }),
  });

export function useMessages() {
  return useQuery(messagesQueryOptions());
}

/** The boards a message may go to (GET /api/boards), refetched when a board changes anywhere. */
export function useBoardChoices() {
  return useQuery(
    queryOptions({
      queryKey: [...settingsQueryKey('board'), 'ticker-choices'],
      queryFn: ({ signal }) => fetchJson<BoardsReply>('/api/boards', { signal }),
      select: (r) => r.boards.map((b) => ({ id: b.id, name: b.name })),
    }),
  );
}

export function usePostMessage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TickerPostBody) =>
      fetchJson<TickerMessage>('/api/ticker', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: settingsQueryKey('ticker') }),
  });
}

export function useEndMessage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: TickerMessage) =>
      fetchJson<TickerMessage>(`/api/ticker/${encodeURIComponent(m.id)}`, {
        method: 'PUT',
        body: { version: m.version, end: true } satisfies TickerUpdateBody,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsQueryKey('ticker') }),
  });
}

export function useDeleteMessage() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (m: TickerMessage) =>
      fetchJson<undefined>(`/api/ticker/${encodeURIComponent(m.id)}`, {
        method: 'DELETE',
        query: { version: m.version },
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: settingsQueryKey('ticker') }),
  });
}
