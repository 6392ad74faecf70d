// The board routes (GET/POST/PUT/DELETE /api/boards…) and settings export/import, with their
// queries keyed ['settings', 'board', …] so a change anywhere refetches them (the stream's
// `settings` event).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Board,
  BoardCreateBody,
  BoardFields,
  BoardsReply,
  SettingsImportReply,
} from '@vigie/contract';
import { fetchJson } from '../../../shared/api';
import { settingsQueryKey } from '../../../shared/live';

const boardsKey = settingsQueryKey('board');

const boardPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

const boardsQueryOptions = () =>
  queryOptions({
    queryKey: [...boardsKey, 'list'],
    queryFn: ({ signal }) => fetchJson<BoardsReply>('/api/boards', { signal }),
  });

export function useBoards() {
  return useQuery(boardsQueryOptions());
}

/** One board read afresh (after a 409: who changed it, and their version). */
export const fetchBoard = (id: string) => fetchJson<Board>(boardPath(id));

/** Every board mutation refreshes the list at once (the stream would, a moment later). */
function useBoardMutation<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: boardsKey }),
  });
}

export const useCreateBoard = () =>
  useBoardMutation((body: BoardCreateBody) =>
    fetchJson<Board>('/api/boards', { method: 'POST', body }),
  );

export const useUpdateBoard = () =>
  useBoardMutation(
    ({ id, fields, version }: { id: string; fields: BoardFields; version: number | null }) =>
      fetchJson<Board>(boardPath(id), { method: 'PUT', body: { ...fields, version } }),
  );

export const useDuplicateBoard = () =>
  useBoardMutation(({ id, name }: { id: string; name: string }) =>
    fetchJson<Board>(`${boardPath(id)}/duplicate`, { method: 'POST', body: { name } }),
  );

export const useDeleteBoard = () =>
  useBoardMutation(({ id, version }: { id: string; version: number }) =>
    fetchJson<void>(boardPath(id), { method: 'DELETE', query: { version } }),
  );

/** The export is a download of the BFF's own reply (it names the file). */
export const EXPORT_URL = '/api/settings/export';

export const useImportSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: unknown) =>
      fetchJson<SettingsImportReply>('/api/settings/import', { method: 'POST', body: file }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['settings'] }),
  });
};
