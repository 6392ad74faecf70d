// GET/POST /api/screens, PUT/DELETE /api/screens/:id: the wall screens (issue 13 §2). Keyed
// ['settings', 'screen', …] so a change anywhere refetches the list (the `settings` stream event);
// presence is not a change, so the list also polls.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BoardsReply,
  Screen,
  ScreenCreateBody,
  ScreenCreatedReply,
  ScreenListReply,
  ScreenUpdateBody,
} from '@vigie/contract';
import { DEFAULT_BOARD_ID } from '@vigie/contract/boards';
import { fetchJson } from '../../../shared/api';
import { settingsQueryKey } from '../../../shared/live';

/** Online dots and last seen move without any settings change. */
const PRESENCE_REFRESH_MS = 5_000;

const screensQueryOptions = () =>
  queryOptions({
    queryKey: [...settingsQueryKey('screen'), 'list'],
    queryFn: ({ signal }) => fetchJson<ScreenListReply>('/api/screens', { signal }),
    refetchInterval: PRESENCE_REFRESH_MS,
  });

export function useScreens() {
  return useQuery(screensQueryOptions());
}

/** The boards a screen may show (GET /api/boards), refetched when a board changes. */
export function useBoardChoices() {
  return useQuery(
    queryOptions({
      queryKey: [...settingsQueryKey('board'), 'screen-choices'],
      queryFn: ({ signal }) => fetchJson<BoardsReply>('/api/boards', { signal }),
      select: (r) =>
        r.boards.filter((b) => b.id !== DEFAULT_BOARD_ID).map((b) => ({ id: b.id, name: b.name })),
    }),
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: settingsQueryKey('screen') });
}

export function useCreateScreen() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ScreenCreateBody) =>
      fetchJson<ScreenCreatedReply>('/api/screens', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateScreen() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: ScreenUpdateBody & { id: string }) =>
      fetchJson<Screen>(`/api/screens/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSettled: invalidate,
  });
}

export function useRevokeScreen() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      fetchJson<undefined>(`/api/screens/${encodeURIComponent(id)}`, {
        method: 'DELETE',
        query: { version },
      }),
    onSettled: invalidate,
  });
}
