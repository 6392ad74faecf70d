// GET /api/directory: group names and service numbers for the stats page's pickers.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DirectoryReply } from '@vigie/contract';
import { fetchJson } from '../../../shared/api';

function getDirectory(signal?: AbortSignal): Promise<DirectoryReply> {
  return fetchJson<DirectoryReply>('/api/directory', signal ? { signal } : {});
}

const directoryQueryOptions = () =>
  queryOptions({
    queryKey: ['directory'],
    queryFn: ({ signal }) => getDirectory(signal),
    // Groups and numbers change rarely (guide 3.1/3.3).
    staleTime: 10 * 60_000,
  });

export function useDirectory() {
  return useQuery(directoryQueryOptions());
}
