// GET/POST /api/screens, PUT/DELETE /api/screens/:id: the wall screens (issue 13 §2). Keyed
// ['settings', 'screen', …] so a change anywhere refetches the list (the `settings` stream event);
// presence is not a change, so the list also polls.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Screen,
  ScreenCreateBody,
  ScreenCreatedReply,
  ScreenListReply,
  ScreenUpdateBody,
} from '@vigie/contract';
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
