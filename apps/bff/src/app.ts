// buildApp: the Fastify instance with every plugin in load order; server.ts only listens (STYLE 2).
import { randomBytes } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { toErrorReply } from './errors';
import { createLogger, scrub, secretForms } from './logger';
import drilldownPlugin from './plugins/drilldown';
import metricsPlugin from './plugins/metrics';
import pollerPlugin from './plugins/poller';
import snapshotsPlugin from './plugins/snapshots';
import ssePlugin from './plugins/sse';
import staticPlugin from './plugins/static';
import trendPlugin from './plugins/trend';
import upstreamPlugin from './plugins/upstream';
import groupRoutes from './routes/groups';
import healthRoutes from './routes/health';
import operatorRoutes from './routes/operators';
import snapshotRoutes from './routes/snapshot';
import statsRoutes from './routes/stats';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
  }
}

export interface BuildOptions {
  clock?: Clock;
  /** Where log lines go (tests capture a whole run to check no secret leaks). */
  logStream?: DestinationStream;
  /** After bad credentials, wait this long before asking again (default five minutes). */
  authRetryMs?: number;
  /** Trend sampling step (default 60 s). */
  trendStepMs?: number;
  /** SSE: drop a client whose unsent bytes pass this bound (default 1 MiB or three snapshots). */
  sseMaxBufferedBytes?: number;
}

/** Paths that never fall back to the SPA: an unknown one is a JSON 404. */
const NOT_SPA = /^\/(api|healthz|readyz|metrics|assets)(\/|$|\?)/;

/**
 * Query strings: repeated keys become arrays (`?number=1&number=2`), single ones stay strings and
 * Ajv's `coerceTypes: 'array'` wraps them where the schema wants an array.
 */
export function parseQuery(qs: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(qs)) {
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

export async function buildApp(
  config: Config,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const clock = options.clock ?? systemClock;
  // The embedded simulator gets random credentials, known before the logger so it can scrub them.
  const embedded =
    config.axialys.url === null
      ? { user: 'vigie-demo', password: randomBytes(18).toString('base64url') }
      : null;
  const secrets = secretForms(
    embedded?.user ?? config.axialys.user,
    embedded?.password ?? config.axialys.password,
  );
  const logger = createLogger({
    level: config.logLevel,
    secrets,
    ...(options.logStream ? { stream: options.logStream } : {}),
  });

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    routerOptions: { querystringParser: parseQuery, ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: 'array', allErrors: false, removeAdditional: true } },
    // Streams are ended in preClose; whatever is left (idle keep-alive sockets) must not hold close().
    forceCloseConnections: true,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('clock', clock);

  app.setErrorHandler((err, req, reply) => {
    const body = toErrorReply(err);
    if (body.statusCode >= 500)
      req.log.error(
        { err: { type: (err as Error).name, message: scrub((err as Error).message, secrets) } },
        'request failed',
      );
    return reply.code(body.statusCode).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const isFile = /\.[a-z0-9]+$/i.test(path);
    if ((req.method === 'GET' || req.method === 'HEAD') && !NOT_SPA.test(path) && !isFile)
      return app.spa.sendIndex(reply);
    return reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${path}` });
  });

  // Services, in load order: each declares its name and what it depends on (STYLE 3).
  await app.register(metricsPlugin);
  await app.register(upstreamPlugin, { config, embedded, now: () => clock.now() });
  await app.register(drilldownPlugin, { clock });
  await app.register(pollerPlugin, {
    config,
    clock,
    ...(options.authRetryMs === undefined ? {} : { authRetryMs: options.authRetryMs }),
  });
  await app.register(snapshotsPlugin, { config, clock });
  await app.register(trendPlugin, {
    timeZone: config.axialys.timeZone,
    ...(options.trendStepMs === undefined ? {} : { stepMs: options.trendStepMs }),
  });
  await app.register(ssePlugin, {
    heartbeatMs: config.sse.heartbeatMs,
    ...(options.sseMaxBufferedBytes === undefined
      ? {}
      : { maxBufferedBytes: options.sseMaxBufferedBytes }),
  });
  await app.register(staticPlugin, { distDir: config.web.distDir });

  await app.register(healthRoutes);
  await app.register(snapshotRoutes);
  await app.register(operatorRoutes);
  await app.register(groupRoutes);
  await app.register(statsRoutes);
  return app as unknown as FastifyInstance;
}
