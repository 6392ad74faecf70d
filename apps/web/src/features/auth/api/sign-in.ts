// The sign-in mutation: on success the session query holds the new principal at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionReply, SignInBody } from '@vigie/contract';
import type { ApiError } from '../../../shared/api/fetch-json';
import { sessionQueryKey, signIn } from '../../../shared/auth/session';

export function useSignIn(onSignedIn: (reply: SessionReply) => void) {
  const queryClient = useQueryClient();
  return useMutation<SessionReply, ApiError, SignInBody>({
    mutationKey: [...sessionQueryKey, 'sign-in'],
    mutationFn: signIn,
    onSuccess: (reply) => {
      queryClient.setQueryData(sessionQueryKey, reply);
      onSignedIn(reply);
    },
  });
}
