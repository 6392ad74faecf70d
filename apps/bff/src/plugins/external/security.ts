// Plugin: security headers (helmet, strict CSP), the rate limiter, and the origin check of state-changing routes.
import { isIP } from 'node:net';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { ForbiddenError, TooManyError } from '../../lib/errors';

/**
 * The built SPA loads one module script, module preloads and one stylesheet from /assets, and no
 * inline script or <style> (checked on apps/web/dist/index.html). React and Recharts set styles
 * through the CSSOM (`element.style`), which CSP does not govern: `style-src 'self'` holds.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
} as const;

interface SecurityPluginOptions {
  allowedOrigins: readonly string[];
  /** VIGIE_PUBLIC_URL's origin: with allowedOrigins, the names a state-changing request may use. */
  publicOrigin?: string | null;
  /** Cluster mode: rate-limit counters in Redis, shared by every instance (issue 6). */
  rateLimitStore?: { redis: Redis; nameSpace: string } | null;
}

/** The origin a browser says it comes from: Origin, else the Referer's origin; null when neither. */
function originOf(req: FastifyRequest): string | null | 'bad' {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin === 'null' ? 'bad' : origin;
  const referer = req.headers.referer;
  if (typeof referer === 'string' && referer !== '') {
    try {
      return new URL(referer).origin;
    } catch {
      return 'bad';
    }
  }
  return null;
}

/** `Wall.Example.com.:443` → `wall.example.com`: case, a trailing dot and a default port aside. */
function hostKey(host: string): string {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!m) return host;
  const name = (m[1] ?? '').replace(/\.$/, '');
  return m[2] === undefined || m[2] === '80' || m[2] === '443' ? name : `${name}:${m[2]}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A rebound page sends its own domain name as Host: an address or localhost cannot be one. */
function isAddressOrLocalhost(key: string): boolean {
  const name = key.startsWith('[') ? key.slice(1, key.indexOf(']')) : (key.split(':')[0] ?? '');
  return isIP(name) !== 0 || name === 'localhost';
}

export default fp<SecurityPluginOptions>(
  async (app, { allowedOrigins, publicOrigin = null, rateLimitStore }) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
      // The wall is a same-origin app; nothing is meant to be embedded or opened cross-origin.
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: false, // HSTS is the TLS terminator's call (it knows the domain)
    });

    // Limits are opt-in per route (config.rateLimit); the store is in memory, per instance, or in
    // Redis for a cluster, so N instances do not multiply the sign-in budget by N. When Redis is
    // down, requests pass (skipOnError): sign-in still costs a scrypt per attempt.
    await app.register(rateLimit, {
      global: false,
      ...(rateLimitStore
        ? { redis: rateLimitStore.redis, nameSpace: rateLimitStore.nameSpace, skipOnError: true }
        : {}),
      errorResponseBuilder: (_req, ctx) =>
        new TooManyError(`too many requests; retry in ${ctx.after}`),
    });

    // CSRF defence for sign-in and sign-out: browsers always send Origin on a POST. A request with
    // neither Origin nor Referer comes from a script, which a cross-site page cannot make it send.
    const allowed = new Set(
      publicOrigin === null ? allowedOrigins : [publicOrigin, ...allowedOrigins],
    );
    // DNS rebinding: a foreign name resolved to this server sends its own Host and a matching
    // Origin, which the origin check alone lets through. When the board's names are known, a
    // state-changing request must use one of them, or an address (reads stay open to probes).
    const hosts = new Set([...allowed].map((o) => hostKey(new URL(o).host)));
    if (hosts.size > 0)
      app.addHook('onRequest', async (req) => {
        if (SAFE_METHODS.has(req.method)) return;
        const key = hostKey(req.host);
        if (hosts.has(key) || isAddressOrLocalhost(key)) return;
        throw new ForbiddenError(
          'this request names a Host that is not the board (VIGIE_PUBLIC_URL, VIGIE_ALLOWED_ORIGINS)',
        );
      });
    app.addHook('onRequest', async (req) => {
      if (!req.routeOptions.config.originCheck) return;
      const origin = originOf(req);
      if (origin === null) return;
      const own = `${req.protocol}://${req.host}`;
      if (origin !== own && !allowed.has(origin))
        throw new ForbiddenError('this request must come from the board itself (origin check)');
    });
  },
  { name: 'vigie-security', fastify: '5.x' },
);
