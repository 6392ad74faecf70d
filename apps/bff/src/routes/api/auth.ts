// POST /api/auth/sign-in, POST /api/auth/sign-out, GET /api/auth/session, and the /wall?token= exchange for screens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AUTH_ROUTES,
  DISPLAY_COOKIE,
  ErrorReplySchema,
  SESSION_COOKIE,
  SIGN_IN_FAILED_MESSAGE,
  SessionReplySchema,
  SignInBodySchema,
  WALL_AUTH_PARAM,
  WALL_INVALID_TOKEN,
  type Principal,
  type SessionReply,
} from '@vigie/contract';
import Type from 'typebox';
import { OPEN_PRINCIPAL } from '../../auth/principal';
import { iso } from '../../lib/clock';
import { TooManyError, UnauthorizedError } from '../../lib/errors';
import { DISPLAY_COOKIE_MAX_AGE_S } from '../../auth/session-cookie';

interface AuthRouteOptions {
  /** Sign-in attempts per minute for one name from one address (brute force on one account). */
  signInPerName: number;
  /** Sign-in attempts per minute from one address, all names together (spraying). */
  signInPerAddress: number;
}

const WallQuerySchema = Type.Object({ token: Type.Optional(Type.String({ maxLength: 512 })) });

const authErrors = {
  400: ErrorReplySchema,
  401: ErrorReplySchema,
  403: ErrorReplySchema,
  415: ErrorReplySchema,
  429: ErrorReplySchema,
} as const;

const routes: FastifyPluginAsyncTypebox<AuthRouteOptions> = async (
  app,
  { signInPerName, signInPerAddress },
) => {
  const { credentials, mode } = app.auth;
  const perAddress = app.createRateLimit({
    max: signInPerAddress,
    timeWindow: 60_000,
    keyGenerator: (req) => `sign-in|${req.ip}`,
  });

  const sessionReply = (principal: Principal, expiresAtMs: number | null): SessionReply => ({
    principal,
    auth: mode,
    expiresAt: expiresAtMs === null ? null : iso(expiresAtMs),
  });

  app.post(
    AUTH_ROUTES.signIn,
    {
      config: {
        access: 'public',
        originCheck: true,
        // After validation (hook preHandler) so the key can hold the name; before any scrypt.
        rateLimit: {
          max: signInPerName,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (req) => {
            const name = (req.body as { name?: unknown } | undefined)?.name;
            return `sign-in|${req.ip}|${typeof name === 'string' ? name.toLowerCase() : ''}`;
          },
        },
      },
      onRequest: async (req) => {
        const r = await perAddress(req);
        if (!r.isAllowed && r.isExceeded)
          throw new TooManyError(`too many sign-in attempts; retry in ${r.ttlInSeconds} s`);
      },
      schema: { body: SignInBodySchema, response: { 200: SessionReplySchema, ...authErrors } },
    },
    async (req, reply) => {
      // Open modes: there is nobody to be, everyone already is the open principal.
      if (mode !== 'on') return sessionReply({ ...OPEN_PRINCIPAL }, null);
      const user = await credentials.verify(req.body.name, req.body.password);
      if (!user) {
        req.log.info({ event: 'sign-in-failed' }, 'sign-in refused');
        throw new UnauthorizedError(SIGN_IN_FAILED_MESSAGE);
      }
      const { value, claims } = credentials.issueSession(user, app.clock.now());
      reply.header('cache-control', 'no-store');
      reply.setCookie(
        SESSION_COOKIE,
        value,
        app.auth.cookieOptions(req, Math.floor(app.auth.sessionTtlMs / 1000)),
      );
      req.log.info({ event: 'sign-in', user: user.name, role: user.role }, 'signed in');
      return sessionReply(
        { kind: 'user', name: user.name, role: user.role, groups: user.groups && [...user.groups] },
        claims.exp * 1000,
      );
    },
  );

  app.post(
    AUTH_ROUTES.signOut,
    {
      config: { access: 'any', originCheck: true },
      schema: { response: { 204: Type.Null(), ...authErrors } },
    },
    async (req, reply) => {
      // Stateless cookies: the session's id is refused from now on, and its streams end here.
      if (req.sessionId !== null) {
        const { forgot } = credentials.signOut(req.sessionId, app.clock.now());
        if (forgot > 0)
          req.log.warn({ forgot }, 'too many signed-out sessions remembered: the oldest forgotten');
        app.sse.closeSession(req.sessionId);
      }
      const options = app.auth.cookieOptions(req, null);
      reply.clearCookie(SESSION_COOKIE, options).clearCookie(DISPLAY_COOKIE, options);
      return reply.code(204).send(null);
    },
  );

  app.get(
    AUTH_ROUTES.session,
    {
      config: { access: 'any' },
      schema: { response: { 200: SessionReplySchema, ...authErrors } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return sessionReply(req.principal ?? { ...OPEN_PRINCIPAL }, req.sessionExpiresAt);
    },
  );

  // A TV opens /wall?token=… once: the token becomes an HttpOnly cookie and leaves the address bar
  // (and the history) at once. The token itself is never logged (logger.ts masks `token=`).
  // The same for a named board's address (`/wall/<board>?token=`, issue 13): back to that address.
  for (const path of ['/wall', '/wall/:board'] as const)
    app.get(
      path,
      {
        config: { access: 'public' },
        schema: { querystring: WallQuerySchema },
      },
      async (req, reply) => {
        const token = req.query.token;
        if (token === undefined) return app.spa.sendIndex(reply);
        const board = (req.params as { board?: string }).board;
        // Encoded: the address goes back where it came from, never elsewhere.
        const back = board === undefined ? '/wall' : `/wall/${encodeURIComponent(board)}`;
        const rest = new URLSearchParams(req.url.split('?')[1] ?? '');
        rest.delete('token');
        reply.header('cache-control', 'no-store');
        if (mode !== 'on') return reply.redirect(withQuery(back, rest), 302);
        const display = credentials.displayByToken(token);
        if (!display) {
          req.log.warn({ event: 'display-token-refused' }, 'unknown display token');
          return reply.redirect(`${back}?${WALL_AUTH_PARAM}=${WALL_INVALID_TOKEN}`, 302);
        }
        reply.setCookie(
          DISPLAY_COOKIE,
          credentials.issueDisplay(display),
          app.auth.cookieOptions(req, DISPLAY_COOKIE_MAX_AGE_S),
        );
        req.log.info({ event: 'display-signed-in', display: display.name }, 'display cookie set');
        return reply.redirect(withQuery(back, rest), 302);
      },
    );
};

const withQuery = (path: string, q: URLSearchParams) => {
  const s = q.toString();
  return s === '' ? path : `${path}?${s}`;
};

export default routes;
