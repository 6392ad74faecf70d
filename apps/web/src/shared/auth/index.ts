// Public entry of access control on the browser side: the session and where sign-in leads.
export {
  AUTH_PATHS,
  fetchSession,
  sessionQueryKey,
  sessionQueryOptions,
  signIn,
  signOut,
  useSession,
} from './session';
export type { SessionState } from './session';
export { SIGN_IN_PATH, safeNextPath, signInPath } from './next-path';
