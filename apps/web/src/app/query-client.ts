// One QueryClient for the page; REST queries retry a little, the live snapshot is SSE-fed. A 401
// on any call means the session is gone: the session query is asked again, and the screens follow.
import { MutationCache, notifyManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthorised } from '../shared/api/fetch-json';
import { sessionQueryKey } from '../shared/auth/session';

/**
 * Observers hear of a cache write at the end of the task that wrote it, not a timer later: a
 * snapshot from the stream is drawn in the stream event's own task, so no frame of style, layout
 * and paint slips in between (on a TV's slow processor that frame is most of the delay; issue 14
 * §2). Writes made in one task still notify once.
 */
notifyManager.setScheduler((callback) => queueMicrotask(callback));

export function createQueryClient(): QueryClient {
  const onError = (error: unknown, key: readonly unknown[] | undefined) => {
    if (!isUnauthorised(error) || key?.[0] === sessionQueryKey[0]) return;
    void client.invalidateQueries({ queryKey: sessionQueryKey });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
    // A failed sign-in is a 401 too, but it is the form's to tell.
    mutationCache: new MutationCache({
      onError: (error, _v, _c, mutation) => onError(error, mutation.options.mutationKey),
    }),
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
  return client;
}
