import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api/fetch-json';
import { sessionQueryKey } from '../shared/auth/session';
import { createQueryClient } from './query-client';

const fail = (status: number) => () =>
  Promise.reject(new ApiError(status, `HTTP ${status}`, undefined, undefined));

function setup() {
  const client = createQueryClient();
  const ok = { principal: { kind: 'user', name: 'alice', role: 'supervisor', groups: null } };
  client.setQueryData(sessionQueryKey, ok);
  const sessionInvalid = () => client.getQueryState(sessionQueryKey)?.isInvalidated ?? false;
  return { client, sessionInvalid };
}

describe('query client', () => {
  it('asks for the session again when any REST call answers 401', async () => {
    const { client, sessionInvalid } = setup();
    await client.fetchQuery({ queryKey: ['operator', 1], queryFn: fail(401) }).catch(() => null);
    expect(sessionInvalid()).toBe(true);
  });

  it('leaves the session alone on a 403, and on a failed sign-in (the form tells that one)', async () => {
    const { client, sessionInvalid } = setup();
    await client.fetchQuery({ queryKey: ['operator', 2], queryFn: fail(403) }).catch(() => null);
    const signIn = client.getMutationCache().build(client, {
      mutationKey: [...sessionQueryKey, 'sign-in'],
      mutationFn: fail(401),
    });
    await signIn.execute(undefined).catch(() => null);
    expect(sessionInvalid()).toBe(false);
  });
});
