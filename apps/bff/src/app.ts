// buildApp: the Fastify instance with every plugin in load order; server.ts only listens (STYLE 2).
import { randomBytes } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Credentials } from './auth/credentials';
import type { DestinationStream } from 'pino';
import { systemClock, type Clock } from './lib/clock';
import { demoClockShiftMs, shiftedClock } from './lib/demo-clock';
import type { Config } from './config/env';
import { dropDocumentHeaders } from './lib/document-headers';
import { toErrorReply } from './lib/errors';
import { rerouteFrameworkError, reroutedError } from './lib/framework-errors';
import { createLogger, scrub, secretForms } from './lib/logger';
import compressPlugin from './plugins/external/compress';
import securityPlugin from './plugins/external/security';
import staticPlugin from './plugins/external/static';
import acksPlugin from './plugins/app/acks';
import alertsPlugin from './plugins/app/alerts';
import authPlugin, { DEFAULT_ACCESS, type Access } from './plugins/app/auth';
import clusterPlugin from './plugins/app/cluster';
import coveragePlugin from './plugins/app/coverage';
import drilldownPlugin from './plugins/app/drilldown';
import historyPlugin from './plugins/app/history';
import metricsPlugin from './plugins/app/metrics';
import pollerPlugin from './plugins/app/poller';
import queuesPlugin from './plugins/app/queues';
import snapshotsPlugin from './plugins/app/snapshots';
import ssePlugin from './plugins/app/sse';
import screensPlugin from './plugins/app/screens';
import staffingPlugin from './plugins/app/staffing';
import trendPlugin from './plugins/app/trend';
import upstreamPlugin from './plugins/app/upstream';
import activityRoutes from './routes/api/activity';
import ackRoutes from './routes/api/acks';
import rulesRoutes from './routes/api/rules';
import tickerRoutes from './routes/api/ticker';
import alertRoutes from './routes/api/alerts';
import boardRoutes from './routes/api/boards';
import authRoutes from './routes/api/auth';
import coverageRoutes from './routes/api/coverage';
import { drilldownGuard } from './routes/api/drilldown-limit';
import groupRoutes from './routes/api/groups';
import healthRoutes from './routes/api/health';
import operatorRoutes from './routes/api/operators';
import queueRoutes from './routes/api/queues';
import settingsTransferRoutes from './routes/api/settings-transfer';
import screenRoutes from './routes/api/screens';
import snapshotRoutes from './routes/api/snapshot';
import statsRoutes from './routes/api/stats';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    clock: Clock;
    /** Every route as Fastify registered it, with its access (the route-table test walks it). */
    routeTable: readonly RouteEntry[];
  }
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

/** Bodies are small JSON (sign-in): anything bigger is refused before parsing (413). */
export const BODY_LIMIT_BYTES = 16 * 1024;

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
  /** Per-minute limits (tests raise them to measure sign-in timing). */
  rateLimits?: Partial<RateLimits>;
}

export interface RateLimits {
  signInPerName: number;
  signInPerAddress: number;
  /** Drill-down requests (operator, history, stats, trend, directory) per principal. */
  drilldownPerPrincipal: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = Object.freeze({
  signInPerName: 5,
  signInPerAddress: 30,
  drilldownPerPrincipal: 300,
});

/** Every form of a secret that a log line could carry (raw, URL-encoded, JSON-escaped). */
function formsOf(values: readonly (string | null)[]): string[] {
  return values.flatMap((v) => secretForms(null, v));
}

function urlPassword(url: string | null): string | null {
  if (!url) return null;
  try {
    return decodeURIComponent(new URL(url).password) || null;
  } catch {
    return null;
  }
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
  // Issue 12 §8: the demo runs a working day whatever the hour, on one clock for the simulator,
  // the BFF and (through snapshot config.clockShiftMs) the screens. A real account: never shifted.
  const clockShiftMs =
    config.axialys.url === null && config.embeddedSim.clock === 'business'
      ? demoClockShiftMs((options.clock ?? systemClock).now(), config.axialys.timeZone)
      : 0;
  const clock = shiftedClock(options.clock ?? systemClock, clockShiftMs);
  // The embedded simulator gets random credentials, known before the logger so it can scrub them.
  const embedded =
    config.axialys.url === null
      ? { user: 'vigie-demo', password: randomBytes(18).toString('base64url') }
      : null;
  // Mutable on purpose: a reload of users and tokens refreshes it, and the logger reads it per line.
  const secrets = secretForms(
    embedded?.user ?? config.axialys.user,
    embedded?.password ?? config.axialys.password,
  );
  const baseSecrets = [
    ...secrets,
    ...formsOf([
      config.auth.sessionSecret,
      config.auth.metricsToken,
      // A password in REDIS_URL, and a webhook URL that may carry its receiver's token.
      urlPassword(config.cluster.redisUrl),
      config.intelligence.webhookUrl,
    ]),
  ];
  const logger = createLogger({
    level: config.logLevel,
    secrets,
    ...(options.logStream ? { stream: options.logStream } : {}),
  });

  const credentials = new Credentials(config.auth, logger);
  const refreshSecrets = () =>
    secrets.splice(0, secrets.length, ...baseSecrets, ...formsOf(credentials.secrets()));
  refreshSecrets();
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    // A hop count works at run time (proxy-addr); the types list only the other forms.
    trustProxy: config.http.trustProxy as unknown as boolean | string[],
    routerOptions: { querystringParser: parseQuery, ignoreTrailingSlash: true },
    ajv: { customOptions: { coerceTypes: 'array', allErrors: false, removeAdditional: true } },
    // Streams are ended in preClose; whatever is left (idle keep-alive sockets) must not hold close().
    forceCloseConnections: true,
    return503OnClosing: true,
    // Raised by the router before any hook: sent again through the hooks (framework-errors.ts).
    frameworkErrors: rerouteFrameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('clock', clock);
  // Collected before any plugin adds a route, so nothing escapes the table (or the access hook).
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    // Read when asked: later onRoute hooks (static.ts marks its own routes public) may set it.
    for (const method of methods)
      routeTable.push({
        method,
        url: r.url,
        get access() {
          return r.config?.access ?? DEFAULT_ACCESS;
        },
      });
  });

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
    const rerouted = reroutedError(req);
    if (rerouted) throw rerouted;
    const path = req.url.split('?')[0] ?? '/';
    const isFile = /\.[a-z0-9]+$/i.test(path);
    if ((req.method === 'GET' || req.method === 'HEAD') && !NOT_SPA.test(path) && !isFile)
      return app.spa.sendIndex(reply);
    return reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${path}` });
  });

  // Load order of fastify/demo: external plugins, then ours, then the routes. Two of ours come
  // first: the rate limiter (external) keeps its counters in the cluster's Redis, and the cluster
  // counts in the metrics registry.
  await app.register(metricsPlugin);
  await app.register(clusterPlugin, { config });

  // External plugins. Security: headers, limits and the origin checks apply to every route.
  await app.register(securityPlugin, {
    allowedOrigins: config.auth.allowedOrigins,
    publicOrigin: config.auth.publicOrigin,
    rateLimitStore: app.cluster
      ? { redis: app.cluster.redis, nameSpace: app.cluster.keys.rateLimitPrefix }
      : null,
  });
  // Before every route it applies to: it hooks each route as it is added (onRoute).
  await app.register(compressPlugin);
  await app.register(staticPlugin, { distDir: config.web.distDir });

  // Our plugins, in load order: each declares its name and what it depends on (STYLE 3).
  await app.register(authPlugin, {
    mode: config.auth.mode,
    credentials,
    metricsToken: config.auth.metricsToken,
    sessionTtlMs: config.auth.sessionTtlMs,
    clock,
  });
  if (config.auth.mode === 'off')
    app.log.warn(
      'VIGIE_AUTH=off: access control is disabled on a real account; anyone who reaches this port sees the board',
    );
  if (config.poll.allowFast && config.axialys.url !== null)
    app.log.warn(
      { operatorsMs: config.poll.operatorsMs },
      'ALLOW_FAST_POLL=1 on AXIALYS_URL: polling faster than guide 3.2 allows; for simulators and test doubles only',
    );
  if (config.auth.mode === 'on')
    app.log.info(
      { users: credentials.userCount, displays: credentials.displayCount },
      'access control on',
    );
  await app.register(upstreamPlugin, { config, embedded, now: () => clock.now() });
  await app.register(drilldownPlugin, { clock });
  await app.register(pollerPlugin, {
    config,
    clock,
    ...(options.authRetryMs === undefined ? {} : { authRetryMs: options.authRetryMs }),
  });
  // Issue 7: the board's record, then the services that each add a step to every build.
  await app.register(historyPlugin, { config, clock });
  // Issue 13 §3: per-queue service levels, read by the poller, the snapshot, staffing and alerts.
  await app.register(queuesPlugin, { config });
  await app.register(staffingPlugin, { config });
  await app.register(coveragePlugin, { config, clock });
  await app.register(alertsPlugin, { config, clock });
  // The snapshot's way (snapshot/pipeline.ts): build → staffing → coverage → alerts → publish
  // (here, or through Redis in a cluster) → scope → stream (the SSE hub). Alerts come last: some
  // rules read the staffing.
  await app.register(snapshotsPlugin, {
    config,
    clock,
    clockShiftMs,
    steps: [app.staffing.step, app.coverage.step, app.alerts.step],
  });
  await app.register(acksPlugin);
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

  // Revocation: a reload that removes or changes a user or a display ends their streams at once.
  credentials.onReload((revoked) => {
    refreshSecrets();
    if (revoked.size === 0) return;
    const n = app.sse.closeOwners(revoked);
    if (n > 0) app.metrics.sseDropped.inc({ reason: 'revoked' }, n);
  });
  // Issue 13: screens made in the browser; their hashes join the secrets the logger masks.
  await app.register(screensPlugin);
  app.screens.directory.onRefresh(() => refreshSecrets());
  refreshSecrets();
  app.addHook('onReady', async () => {
    if (config.auth.mode === 'on') credentials.watchFiles();
  });

  // Every /api reply is one principal's view (scoped, versioned settings included): a shared cache
  // must never keep it. Routes may still say more (the stream writes its own headers).
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  // A successful JSON reply is never a page (nosniff): helmet's page-only headers are ~420 bytes of
  // each of the wall's requests (issue 12 §7's budget). Errors keep them, as before.
  app.addHook('onSend', async (req, reply) => {
    if (
      req.url.startsWith('/api/') &&
      reply.statusCode < 300 &&
      String(reply.getHeader('content-type') ?? '').startsWith('application/json')
    )
      dropDocumentHeaders(reply.raw);
  });

  // Routes, last.
  await app.register(authRoutes, {
    signInPerName: limits.signInPerName,
    signInPerAddress: limits.signInPerAddress,
  });
  await app.register(healthRoutes);
  await app.register(snapshotRoutes);
  // One budget and one set of periods per principal, shared by every drill-down route.
  const drilldown = { guard: drilldownGuard(app, limits.drilldownPerPrincipal) };
  await app.register(operatorRoutes, drilldown);
  await app.register(groupRoutes, drilldown);
  await app.register(statsRoutes, drilldown);
  await app.register(alertRoutes, drilldown);
  await app.register(coverageRoutes, drilldown);
  // Issue 13: what supervisors shape in the browser.
  await app.register(activityRoutes);
  await app.register(queueRoutes);
  await app.register(boardRoutes);
  await app.register(settingsTransferRoutes);
  await app.register(tickerRoutes);
  await app.register(ackRoutes);
  await app.register(rulesRoutes);
  await app.register(screenRoutes);
  return app as unknown as FastifyInstance;
}
