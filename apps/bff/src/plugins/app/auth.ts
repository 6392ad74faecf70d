// Plugin: who is asking. One onRequest hook resolves the principal and enforces each route's `access` (deny by default).
import fastifyCookie from '@fastify/cookie';
import { DISPLAY_COOKIE, SESSION_COOKIE, type AuthMode, type Principal } from '@vigie/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../../lib/clock';
import type { Credentials } from '../../auth/credentials';
import { sameSecret } from '../../config/display-tokens';
import { DISPLAY_COOKIE_MAX_AGE_S, type SessionClaims } from '../../auth/session-cookie';
import { OPEN_PRINCIPAL } from '../../auth/principal';
import { ForbiddenError, UnauthorizedError } from '../../lib/errors';

/**
 * What a route needs, as `config: { access }`:
 * - `public`: nothing (health, the SPA shell, sign-in, the /wall token exchange);
 * - `any`: any principal (session, sign-out);
 * - `wall`: any principal (snapshot, stream): what a screen may see;
 * - `drilldown`: a person (supervisor or team lead); a display gets 403;
 * A display token as `Authorization: Bearer` identifies a screen (scripts), so it reaches the same
 * routes as a display cookie: `wall` and `any`, and 403 elsewhere.
 * - `metrics`: public unless VIGIE_METRICS_TOKEN is set, then that token as Bearer.
 * A route without the option is `drilldown`: a forgotten route is never open.
 */
export type Access = 'public' | 'any' | 'wall' | 'drilldown' | 'metrics';
export const DEFAULT_ACCESS: Access = 'drilldown';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Sign-in and sign-out: the Origin (or Referer) must be the BFF's own or an allowed one. */
    originCheck?: boolean;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every route that is not public. */
    principal: Principal | null;
    /** When the session cookie of this request (renewed or not) expires; null for others. */
    sessionExpiresAt: number | null;
    /** The session's id (one sign-in, kept by renewals); null for screens and the open modes. */
    sessionId: string | null;
  }
  interface FastifyInstance {
    auth: {
      readonly mode: AuthMode;
      readonly credentials: Credentials;
      readonly sessionTtlMs: number;
      /** SIGHUP: re-read users and tokens; revoked streams end. */
      reload(reason: string): boolean;
      /** Cookie options for this request (Secure when the client reached us over https). */
      cookieOptions(req: FastifyRequest, maxAgeS: number | null): CookieOptions;
    };
  }
}

interface CookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  maxAge?: number;
}

const NOT_SPA_API = /^\/api(\/|$)/;

const bearerOf = (req: FastifyRequest): string | null => {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(h.trim());
  return m?.[1] ?? null;
};

interface AuthPluginOptions {
  mode: AuthMode;
  credentials: Credentials;
  metricsToken: string | null;
  sessionTtlMs: number;
  clock: Clock;
}

export default fp<AuthPluginOptions>(
  async (app, { mode, credentials, metricsToken, sessionTtlMs, clock }) => {
    // Cookies are parsed for every request but never signed by the plugin: ours carry their own HMAC.
    await app.register(fastifyCookie, { hook: 'onRequest' });

    const cookieOptions = (req: FastifyRequest, maxAgeS: number | null): CookieOptions => ({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      // request.protocol follows X-Forwarded-Proto only when VIGIE_TRUST_PROXY trusts the proxy.
      secure: req.protocol === 'https',
      ...(maxAgeS === null ? {} : { maxAge: maxAgeS }),
    });

    app.decorate('auth', {
      mode,
      credentials,
      sessionTtlMs,
      reload: (reason: string) => credentials.reload(reason),
      cookieOptions,
    });
    app.decorateRequest('principal', null);
    app.decorateRequest('sessionExpiresAt', null);
    app.decorateRequest('sessionId', null);

    /** The principal of a request, or null. Sets renewed cookies on the reply when due. */
    const resolve = (req: FastifyRequest, reply: FastifyReply) => {
      if (mode !== 'on') return OPEN_PRINCIPAL;
      const bearer = bearerOf(req);
      if (bearer !== null) return credentials.bearer(bearer); // a wrong token is not retried as a cookie
      const now = clock.now();
      const session = req.cookies[SESSION_COOKIE];
      if (session) {
        const s = credentials.session(session, now);
        if (s) {
          // Sliding renewal: past half its life, an active session gets a fresh cookie.
          req.sessionExpiresAt = s.claims.exp * 1000;
          req.sessionId = s.claims.sid;
          if ((s.claims.exp * 1000 - now) * 2 < sessionTtlMs) reissue(req, reply, s.claims);
          return s.principal;
        }
      }
      const display = req.cookies[DISPLAY_COOKIE];
      if (display) {
        const p = credentials.display(display);
        if (p) {
          // Never expires for inactivity: each request pushes the browser's expiry further.
          reply.setCookie(DISPLAY_COOKIE, display, cookieOptions(req, DISPLAY_COOKIE_MAX_AGE_S));
          return p;
        }
      }
      return null;
    };

    const reissue = (req: FastifyRequest, reply: FastifyReply, old: SessionClaims): void => {
      const user = credentials.user(old.name);
      if (!user) return;
      const now = clock.now();
      const { value, claims } = credentials.issueSession(user, now, old);
      // At the VIGIE_SESSION_MAX_H cap a renewal would not go further: keep the cookie as it is.
      if (claims.exp <= old.exp) return;
      req.sessionExpiresAt = claims.exp * 1000;
      const maxAgeS = claims.exp - Math.floor(now / 1000);
      reply.setCookie(SESSION_COOKIE, value, cookieOptions(req, maxAgeS));
    };

    app.addHook('onRequest', async (req, reply) => {
      const path = req.url.split('?')[0] ?? '/';
      const routeUrl = req.routeOptions.url ?? '';
      // An /api path that no /api route serves (a 404, or the static wildcard's miss) needs a
      // principal: nobody probes for routes. Other unknown paths get the SPA shell (public).
      const access: Access =
        NOT_SPA_API.test(path) && !routeUrl.startsWith('/api')
          ? 'any'
          : req.is404
            ? 'public'
            : (req.routeOptions.config.access ?? DEFAULT_ACCESS);
      if (access === 'public') return;
      if (access === 'metrics') {
        if (metricsToken === null) return;
        const given = bearerOf(req);
        if (given === null || !sameSecret(given, metricsToken))
          throw new UnauthorizedError('the metrics token is required (Authorization: Bearer)');
        return;
      }
      const principal = resolve(req, reply);
      if (!principal) throw new UnauthorizedError('sign in first');
      if (access === 'drilldown' && principal.role === 'display')
        throw new ForbiddenError('a display sees the wall only');
      req.principal = principal;
    });

    app.addHook('onClose', async () => credentials.close());
  },
  { name: 'vigie-auth', fastify: '5.x' },
);
