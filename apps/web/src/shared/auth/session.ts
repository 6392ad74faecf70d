// Who is asking: the session query (`['session']`), sign-in and sign-out against the BFF's auth routes.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Principal, SessionReply, SignInBody } from '@vigie/contract';
import { ApiError, fetchJson } from '../api/fetch-json';

/** The contract's AUTH_ROUTES, as strings so the contract's TypeBox stays out of the bundle. */
const AUTH_PATHS = {
  signIn: '/api/auth/sign-in',
  signOut: '/api/auth/sign-out',
  session: '/api/auth/session',
} as const;

export const sessionQueryKey = ['session'] as const;

/** What a BFF without access control (older than the auth routes, which answers 404) amounts to. */
const OPEN_SESSION: SessionReply = {
  principal: { kind: 'open', name: '', role: 'supervisor', groups: null },
  auth: 'off',
  expiresAt: null,
};

async function fetchSession(signal?: AbortSignal): Promise<SessionReply> {
  try {
    return await fetchJson<SessionReply>(AUTH_PATHS.session, signal ? { signal } : {});
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return OPEN_SESSION;
    throw err;
  }
}

const sessionQueryOptions = queryOptions<SessionReply, ApiError>({
  queryKey: sessionQueryKey,
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: 60_000,
  // A 401 is an answer; a network error is worth a second try.
  retry: (count, error) => !(error instanceof ApiError && error.status === 401) && count < 1,
});

export interface SessionState {
  /** The session while it is known good; undefined while loading or once the BFF says 401. */
  session: SessionReply | undefined;
  principal: Principal | undefined;
  /** The BFF said 401: nobody is signed in (or the display's token was withdrawn). */
  unauthorised: boolean;
  /** The session could not be read for another reason (BFF down…), and none was known. */
  error: ApiError | null;
  isPending: boolean;
}

/** The current session, read from the shared query; a later 401 wins over older data. */
export function useSession(
  options: { refetchWhileUnauthorisedMs?: number } = {},
): SessionState & { refetch: () => void } {
  const { refetchWhileUnauthorisedMs } = options;
  const q = useQuery({
    ...sessionQueryOptions,
    refetchInterval: (query) =>
      refetchWhileUnauthorisedMs !== undefined && query.state.error?.status === 401
        ? refetchWhileUnauthorisedMs
        : false,
    refetchIntervalInBackground: refetchWhileUnauthorisedMs !== undefined,
  });
  const unauthorised = q.error?.status === 401;
  const session = unauthorised ? undefined : q.data;
  return {
    session,
    principal: session?.principal,
    unauthorised,
    error: unauthorised || q.data ? null : q.error,
    isPending: q.isPending && !unauthorised,
    refetch: () => void q.refetch(),
  };
}

export function signIn(body: SignInBody): Promise<SessionReply> {
  return fetchJson<SessionReply>(AUTH_PATHS.signIn, { method: 'POST', body });
}

export function signOut(): Promise<void> {
  return fetchJson<void>(AUTH_PATHS.signOut, { method: 'POST' });
}
