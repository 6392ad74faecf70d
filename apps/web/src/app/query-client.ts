// One QueryClient for the page; REST queries retry a little, the live snapshot is SSE-fed.
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../shared/api/fetch-json';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        // 4xx are answers, not accidents: do not retry them.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}
