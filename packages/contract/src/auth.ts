// Access control between the SPA and the BFF: who is asking (principal), sign-in/out and the session reply.
import Type from 'typebox';

/**
 * Routes (all answer errors as ErrorReply):
 * - `POST /api/auth/sign-in` body SignInBody → 200 SessionReply + `Set-Cookie: vigie_session=…;
 *   HttpOnly; SameSite=Lax; Path=/` (`Secure` behind TLS); a wrong password or an unknown user →
 *   401 with `message: SIGN_IN_FAILED_MESSAGE` (same message, same time); too many attempts → 429;
 *   an Origin/Referer that is not the BFF's own → 403.
 * - `POST /api/auth/sign-out` → 204, clears the cookie.
 * - `GET /api/auth/session` → 200 SessionReply for any principal, 401 without one.
 * - `GET /wall?token=<token>` (served by the BFF): a valid display token sets the `vigie_display`
 *   cookie and answers 302 to the same URL without `token`; an invalid one → 302 to
 *   `/wall?auth=invalid-token`.
 * Without a principal every /api route answers 401; a principal without the right answers 403.
 */
export const AUTH_ROUTES = {
  signIn: '/api/auth/sign-in',
  signOut: '/api/auth/sign-out',
  session: '/api/auth/session',
} as const;

export const SESSION_COOKIE = 'vigie_session';
export const DISPLAY_COOKIE = 'vigie_display';
/** `/wall?auth=invalid-token`: where a TV lands after an unknown or revoked token. */
export const WALL_AUTH_PARAM = 'auth';
export const WALL_INVALID_TOKEN = 'invalid-token';
/** The one 401 message of sign-in, whether the user is unknown or the password wrong. */
export const SIGN_IN_FAILED_MESSAGE = 'Invalid user name or password';

export const ROLES = ['supervisor', 'teamlead', 'display'] as const;
export const RoleSchema = Type.Union([
  Type.Literal('supervisor'),
  Type.Literal('teamlead'),
  Type.Literal('display'),
]);
export type Role = (typeof ROLES)[number];

/** `user`: a person signed in; `display`: a wall screen by token; `open`: no access control. */
export const PRINCIPAL_KINDS = ['user', 'display', 'open'] as const;
export const PrincipalKindSchema = Type.Union([
  Type.Literal('user'),
  Type.Literal('display'),
  Type.Literal('open'),
]);
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** `on`: users or tokens configured; `off`: VIGIE_AUTH=off on a real account; `demo`: embedded simulator, nothing configured. */
export const AUTH_MODES = ['on', 'off', 'demo'] as const;
export const AuthModeSchema = Type.Union([
  Type.Literal('on'),
  Type.Literal('off'),
  Type.Literal('demo'),
]);
export type AuthMode = (typeof AUTH_MODES)[number];

export const PrincipalSchema = Type.Object({
  kind: PrincipalKindSchema,
  name: Type.String(),
  role: RoleSchema,
  /** Group ids a team lead may see; null: every group. */
  groups: Type.Union([Type.Array(Type.Integer()), Type.Null()]),
});
export type Principal = Type.Static<typeof PrincipalSchema>;

export const SignInBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 128 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type SignInBody = Type.Static<typeof SignInBodySchema>;

export const SessionReplySchema = Type.Object({
  principal: PrincipalSchema,
  auth: AuthModeSchema,
  /** When the session cookie expires (ISO 8601); null for displays and open mode. */
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type SessionReply = Type.Static<typeof SessionReplySchema>;
