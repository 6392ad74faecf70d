// The BFF's settings: read from the environment once, validated, frozen. Nothing else reads process.env.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THRESHOLDS, thresholdOrderProblem } from '@vigie/contract';
import { DateTime, IANAZone } from 'luxon';
import { OPERATORS_INIT_MIN_MS } from '../upstream/operators-init-budget';
import { DisplayTokensError, loadDisplayTokens, type DisplayTokenSource } from './display-tokens';
import { UsersFileError, loadUsersFile } from './users-file';
import { RulesError, loadRules, type Rule } from './rules-file';

interface Threshold {
  readonly warning: number;
  readonly critical: number;
}

export interface Config {
  readonly axialys: {
    /** null: start the simulator in-process (the embedded default). */
    readonly url: string | null;
    readonly user: string | null;
    readonly password: string | null;
    readonly timeZone: string;
    readonly timeoutMs: number;
  };
  readonly embeddedSim: {
    readonly speed: number;
    readonly seed: number;
    /** SIM_CLOCK: `business` shifts the demo's clock into business hours (issue 12 §8), `real` not. */
    readonly clock: 'business' | 'real';
  };
  readonly http: {
    readonly port: number;
    readonly host: string;
    /** Fastify's trustProxy: whom to believe for the client address and the protocol. */
    readonly trustProxy: boolean | number | readonly string[];
  };
  readonly auth: AuthConfig;
  readonly poll: {
    readonly operatorsMs: number;
    readonly groupsMs: number;
    readonly directoryMs: number;
    readonly allowFast: boolean;
    /** guide 4.2 realtime calls (the live oldest wait) per sliding minute; 0 turns them off. */
    readonly realtimeMaxPerMin: number;
    /**
     * VIGIE_FAST_STATES (issue 14.1): states fresher than the 30 s poll from the status history
     * (3.4) and op_details (3.5), at most `maxPerMin` calls of both per sliding minute.
     */
    readonly fastStates: { readonly enabled: boolean; readonly maxPerMin: number };
  };
  readonly serviceLevel: {
    readonly answeredWithinSeconds: number;
    readonly abandonedWithinSeconds: number;
    /**
     * VIGIE_MAX_SERVICE_LEVEL_PAIRS: distinct (answered, abandoned) pairs across the queues, the
     * default's included; each is one guide 4.3 request per group poll (issue 13 §3).
     */
    readonly maxPairs: number;
    /** Which of the per-queue defaults' variables are set (the settings page says "from <VAR>"). */
    readonly fromEnv: readonly string[];
  };
  readonly thresholds: {
    readonly longestWaitSeconds: Threshold;
    readonly serviceLevelPercent: Threshold;
    readonly answeredPercent: Threshold;
    readonly waiting: Threshold;
  };
  readonly sse: { readonly heartbeatMs: number };
  readonly web: { readonly distDir: string; readonly buildId: string };
  readonly logLevel: string;
  /** Alerts, staffing, coverage and the data directory (issue 7). */
  readonly intelligence: IntelligenceConfig;
  /** Cluster mode (issue 6): several BFFs on one Redis; `redisUrl` null = a single process. */
  readonly cluster: {
    readonly redisUrl: string | null;
    /** The poller lease: a leader that cannot renew within it loses it. */
    readonly leaseMs: number;
    /** This instance in the snapshot's `cluster` block, logs and the lease. */
    readonly instanceId: string;
  };
}

interface IntelligenceConfig {
  /** VIGIE_RULES_FILE, or null for the default rules. */
  readonly rulesFile: string | null;
  /** Validated at start: a bad file stops start-up. */
  readonly rules: readonly Rule[];
  readonly webhookUrl: string | null;
  readonly dataDir: string;
  readonly retentionDays: number;
  readonly staffingWindowMinutes: number;
  readonly serviceLevelTargetPercent: number;
  /** Start-up coverage backfill: at most this many calls of 4.2 (0: none). */
  readonly backfillMaxCalls: number;
}

/** Access control (issue 5). Secrets here never reach a reply or a log line (see logger.ts). */
export interface AuthConfig {
  /** `on`: users or tokens configured; `off`: VIGIE_AUTH=off on a real account; `demo`: embedded, open. */
  readonly mode: 'on' | 'off' | 'demo';
  readonly usersFile: string | null;
  readonly sessionSecret: string | null;
  readonly sessionTtlMs: number;
  /** Absolute cap from sign-in (VIGIE_SESSION_MAX_H): sliding renewal never goes past it. */
  readonly sessionMaxMs: number;
  /** VIGIE_PUBLIC_URL's origin: the only Host a state-changing request may name (with allowedOrigins). */
  readonly publicOrigin: string | null;
  readonly displayTokens: DisplayTokenSource;
  readonly metricsToken: string | null;
  /** Origins besides the BFF's own that may sign in and out (a portal in front of it, say). */
  readonly allowedOrigins: readonly string[];
  readonly maxStreamsPerPrincipal: number;
  readonly maxStreamsPerIp: number;
}

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_WEB_DIST_DIR = resolve(here, '../../../web/dist');

/** A setting that does not parse: the message names the variable and the expected form. */
const SIM_CLOCK_MODES = ['business', 'real'] as const;
type SimClockMode = (typeof SIM_CLOCK_MODES)[number];

function simClock(env: Env): SimClockMode {
  const v = (str(env, 'SIM_CLOCK') ?? 'business').toLowerCase();
  // Checked even on a real account, so a typo never waits for the day someone runs the demo.
  if (!(SIM_CLOCK_MODES as readonly string[]).includes(v))
    throw new ConfigError('SIM_CLOCK', SIM_CLOCK_MODES.join(' or '), str(env, 'SIM_CLOCK'));
  return v as SimClockMode;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    value: string | undefined,
  ) {
    super(
      `${variable}: expected ${expected}, got ${value === undefined ? 'nothing' : JSON.stringify(/PASSWORD|SECRET|TOKEN/.test(variable) ? '***' : value)}`,
    );
    this.name = 'ConfigError';
  }
}

function str(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function int(env: Env, name: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = str(env, name);
  if (v === undefined) return def;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, v);
  }
  return Number(v);
}

function num(env: Env, name: string, def: number, min: number): number {
  const v = str(env, name);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new ConfigError(name, `a number ≥ ${min}`, v);
  return n;
}

function onOff(env: Env, name: string, def: boolean): boolean {
  const v = str(env, name)?.toLowerCase();
  if (v === undefined) return def;
  if (v === 'on' || v === 'off') return v === 'on';
  throw new ConfigError(name, 'on or off', str(env, name));
}

function bool(env: Env, name: string): boolean {
  const v = str(env, name);
  if (v === undefined) return false;
  if (['1', 'true', 'yes'].includes(v.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(v.toLowerCase())) return false;
  throw new ConfigError(name, '1 or 0 (true or false)', v);
}

/** `warning,critical`, e.g. `60,180`, critical beyond warning (the per-queue settings' rule too). */
function pair(
  env: Env,
  name: string,
  figure: keyof Config['thresholds'],
  def: Threshold,
): Threshold {
  const v = str(env, name);
  if (v === undefined) return def;
  const m = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(v);
  if (!m) throw new ConfigError(name, 'two numbers "warning,critical" such as "60,180"', v);
  const t = Object.freeze({ warning: Number(m[1]), critical: Number(m[2]) });
  const problem = thresholdOrderProblem(figure, t);
  if (problem) throw new ConfigError(name, `"warning,critical" where ${problem}`, v);
  return t;
}

/** The variables a queue's settings fall back to, by field (GET /api/queues names them). */
export const QUEUE_DEFAULT_VARIABLES = Object.freeze({
  answeredWithinS: 'SERVICE_LEVEL_ANSWERED_WITHIN_S',
  abandonedWithinS: 'SERVICE_LEVEL_ABANDONED_WITHIN_S',
  targetPct: 'VIGIE_SERVICE_LEVEL_TARGET_PCT',
  waiting: 'THRESHOLD_WAITING',
  longestWaitS: 'THRESHOLD_LONGEST_WAIT_S',
  answeredPct: 'THRESHOLD_ANSWERED_PCT',
  serviceLevelPct: 'THRESHOLD_SERVICE_LEVEL_PCT',
});

function url(env: Env, name: string): string | null {
  const v = str(env, name);
  if (v === undefined) return null;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new ConfigError(name, 'an http(s) URL such as https://api.axialys.com', v);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new ConfigError(name, 'an http(s) URL such as https://api.axialys.com', v);
  }
  if (u.username || u.password) {
    // A password in a URL ends up in logs (API-NOTES): credentials go in their own variables.
    throw new ConfigError(
      name,
      'a URL without credentials (use AXIALYS_USER/AXIALYS_PASSWORD)',
      u.origin,
    );
  }
  return v.replace(/\/+$/, '');
}

/** Errors that stop start-up with a message naming the setting (server.ts prints them, no stack). */
export function isSettingError(err: unknown): err is Error {
  return (
    err instanceof ConfigError ||
    err instanceof UsersFileError ||
    err instanceof DisplayTokensError ||
    err instanceof RulesError
  );
}

/** `true`/`false`, a hop count, or addresses/CIDRs separated by commas (Fastify trustProxy). */
function trustProxy(env: Env): boolean | number | readonly string[] {
  const v = str(env, 'VIGIE_TRUST_PROXY');
  if (v === undefined || ['false', '0', 'no'].includes(v.toLowerCase())) return false;
  if (['true', 'yes'].includes(v.toLowerCase())) return true;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v.split(',').map((x) => x.trim());
  if (list.every((x) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x))) return Object.freeze(list);
  throw new ConfigError(
    'VIGIE_TRUST_PROXY',
    'true, false, a hop count, or proxy addresses/CIDRs separated by commas (e.g. 10.0.0.0/8,127.0.0.1)',
    v,
  );
}

function origins(env: Env): readonly string[] {
  const v = str(env, 'VIGIE_ALLOWED_ORIGINS');
  if (v === undefined) return [];
  return Object.freeze(
    v.split(',').map((o) => {
      try {
        const u = new URL(o.trim());
        if ((u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o.trim())
          return u.origin;
      } catch {
        // reported below
      }
      throw new ConfigError(
        'VIGIE_ALLOWED_ORIGINS',
        'origins separated by commas, each scheme://host[:port] (e.g. https://wall.example.com)',
        o,
      );
    }),
  );
}

/** Default 7 days, or the TTL when that is longer, so an existing long TTL keeps working. */
function sessionMaxH(env: Env, ttlH: number): number {
  const maxH = int(env, 'VIGIE_SESSION_MAX_H', Math.max(168, ttlH), 1, 24 * 366);
  if (maxH < ttlH)
    throw new ConfigError(
      'VIGIE_SESSION_MAX_H',
      `at least VIGIE_SESSION_TTL_H (${ttlH}) hours`,
      String(maxH),
    );
  return maxH;
}

function publicOrigin(env: Env): string | null {
  const v = str(env, 'VIGIE_PUBLIC_URL');
  if (v === undefined) return null;
  try {
    const u = new URL(v);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password)
      return u.origin;
  } catch {
    // reported below
  }
  throw new ConfigError(
    'VIGIE_PUBLIC_URL',
    'the http(s) URL people open the board at, without credentials (e.g. https://wall.example.com)',
    v,
  );
}

/** The provider's own service: axialys.com or any subdomain (a trailing dot is the same host). */
function isAxialysHost(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  return host === 'axialys.com' || host.endsWith('.axialys.com');
}

function authConfig(env: Env, realAccount: boolean): AuthConfig {
  const switchValue = (str(env, 'VIGIE_AUTH') ?? 'on').toLowerCase();
  if (switchValue !== 'on' && switchValue !== 'off')
    throw new ConfigError('VIGIE_AUTH', 'on or off', switchValue);
  const usersFile = str(env, 'VIGIE_USERS_FILE') ?? null;
  const displayTokens: DisplayTokenSource = {
    env: str(env, 'VIGIE_DISPLAY_TOKENS') ?? null,
    file: str(env, 'VIGIE_DISPLAY_TOKENS_FILE') ?? null,
  };
  // Validated now, so a typo stops start-up instead of locking every screen out later.
  const users = usersFile === null ? 0 : loadUsersFile(resolve(usersFile)).size;
  const tokens = loadDisplayTokens(displayTokens).length;
  const secretRaw = env['VIGIE_SESSION_SECRET'];
  const sessionSecret = secretRaw === undefined || secretRaw === '' ? null : secretRaw;
  if (sessionSecret !== null && sessionSecret.length < 32)
    throw new ConfigError(
      'VIGIE_SESSION_SECRET',
      'at least 32 characters (e.g. the output of openssl rand -base64 48)',
      sessionSecret,
    );
  const metricsToken = env['VIGIE_METRICS_TOKEN'] ? env['VIGIE_METRICS_TOKEN'] : null;
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken)))
    throw new ConfigError(
      'VIGIE_METRICS_TOKEN',
      'at least 16 characters without spaces',
      metricsToken,
    );

  let mode: AuthConfig['mode'] = 'on';
  if (switchValue === 'off') mode = realAccount ? 'off' : 'demo';
  else if (usersFile === null && tokens === 0) {
    // Secure by default: a real account's board is never served to whoever reaches the port.
    if (realAccount)
      throw new ConfigError(
        'VIGIE_USERS_FILE',
        'users (VIGIE_USERS_FILE) or display tokens (VIGIE_DISPLAY_TOKENS, VIGIE_DISPLAY_TOKENS_FILE) when AXIALYS_URL is set, or VIGIE_AUTH=off to run without access control',
        undefined,
      );
    mode = 'demo';
  } else if (realAccount && users === 0 && tokens === 0) {
    throw new ConfigError(
      'VIGIE_USERS_FILE',
      'at least one user (pnpm user:add) or display token when AXIALYS_URL is set, or VIGIE_AUTH=off',
      usersFile ?? undefined,
    );
  }
  if (mode === 'on' && usersFile !== null && sessionSecret === null)
    throw new ConfigError(
      'VIGIE_SESSION_SECRET',
      'a secret of at least 32 characters to sign sessions (required with VIGIE_USERS_FILE)',
      undefined,
    );

  const ttlH = int(env, 'VIGIE_SESSION_TTL_H', 12, 1, 24 * 31);
  return Object.freeze({
    mode,
    usersFile: usersFile === null ? null : resolve(usersFile),
    sessionSecret,
    sessionTtlMs: ttlH * 3_600_000,
    sessionMaxMs: sessionMaxH(env, ttlH) * 3_600_000,
    publicOrigin: publicOrigin(env),
    displayTokens: Object.freeze({
      env: displayTokens.env,
      file: displayTokens.file === null ? null : resolve(displayTokens.file),
    }),
    metricsToken,
    allowedOrigins: origins(env),
    maxStreamsPerPrincipal: int(env, 'VIGIE_MAX_STREAMS_PER_PRINCIPAL', 20, 1, 100_000),
    maxStreamsPerIp: int(env, 'VIGIE_MAX_STREAMS_PER_IP', 50, 1, 100_000),
  });
}

/** Short hash of the served index.html, so walls reload when a new SPA is deployed. */
export function buildIdOf(distDir: string): string {
  const index = resolve(distDir, 'index.html');
  if (!existsSync(index)) return 'dev';
  return createHash('sha256').update(readFileSync(index)).digest('hex').slice(0, 12);
}

function redisUrl(env: Env): string | null {
  const v = str(env, 'REDIS_URL');
  if (v === undefined) return null;
  let u: URL | null = null;
  try {
    u = new URL(v);
  } catch {
    // reported below
  }
  if (!u || (u.protocol !== 'redis:' && u.protocol !== 'rediss:'))
    throw new ConfigError(
      'REDIS_URL',
      'a redis:// or rediss:// URL such as redis://redis:6379',
      v.replace(/\/\/[^@/]*@/, '//***@'),
    );
  return v;
}

/** Cluster settings; the upstream timeout must leave the lease room to fence every request. */
function clusterConfig(
  env: Env,
  axialysUrl: string | null,
): { cluster: Config['cluster']; timeoutMs: number } {
  const redis = redisUrl(env);
  const leaseMs = int(env, 'VIGIE_LEASE_MS', 10_000, 500, 600_000);
  const explicitTimeout = str(env, 'UPSTREAM_TIMEOUT_MS') !== undefined;
  let timeoutMs = int(env, 'UPSTREAM_TIMEOUT_MS', 10_000, 1, 120_000);
  if (redis !== null) {
    if (axialysUrl === null)
      // The embedded simulator lives in each process: instances would watch different centres.
      throw new ConfigError(
        'AXIALYS_URL',
        'an account URL when REDIS_URL is set (every instance must watch the same account; run the standalone simulator for a demo)',
        undefined,
      );
    // Renewed every third of the lease, a leader holds at least two thirds of it: a request must
    // fit in half the lease, or fencing (lease left ≥ timeout) would refuse every call.
    const max = Math.floor(leaseMs / 2);
    if (!explicitTimeout) timeoutMs = Math.min(timeoutMs, max);
    else if (timeoutMs > max)
      throw new ConfigError(
        'UPSTREAM_TIMEOUT_MS',
        `at most half of VIGIE_LEASE_MS (${max}) in cluster mode`,
        String(timeoutMs),
      );
  }
  const instanceId = str(env, 'VIGIE_INSTANCE_ID') ?? `${hostname()}-${process.pid}`;
  if (!/^[\w.:-]{1,64}$/.test(instanceId))
    throw new ConfigError(
      'VIGIE_INSTANCE_ID',
      'up to 64 letters, digits, ".", ":", "_" or "-"',
      instanceId,
    );
  return { cluster: Object.freeze({ redisUrl: redis, leaseMs, instanceId }), timeoutMs };
}

function intelligenceConfig(env: Env, thresholds: Config['thresholds']): IntelligenceConfig {
  const rulesFile = str(env, 'VIGIE_RULES_FILE') ?? null;
  let webhookUrl: string | null = null;
  const hook = str(env, 'VIGIE_ALERT_WEBHOOK_URL');
  if (hook !== undefined) {
    let u: URL | null = null;
    try {
      u = new URL(hook);
    } catch {
      // reported below
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
      // The URL may carry a token: only its scheme and host are echoed.
      throw new ConfigError(
        'VIGIE_ALERT_WEBHOOK_URL',
        'an http(s) URL such as https://hooks.example.com/vigie',
        u ? `${u.protocol}//${u.host}/…` : '(not a URL)',
      );
    webhookUrl = hook;
  }
  return Object.freeze({
    rulesFile: rulesFile === null ? null : resolve(rulesFile),
    // Errors name VIGIE_RULES_FILE, the rule and the field (RulesError stops start-up).
    rules: Object.freeze(
      loadRules(rulesFile === null ? undefined : resolve(rulesFile), thresholds),
    ),
    webhookUrl,
    dataDir: resolve(str(env, 'VIGIE_DATA_DIR') ?? './data'),
    retentionDays: int(env, 'VIGIE_RETENTION_DAYS', 35, 1, 3650),
    staffingWindowMinutes: int(env, 'VIGIE_STAFFING_WINDOW_MIN', 30, 1, 240),
    serviceLevelTargetPercent: int(env, 'VIGIE_SERVICE_LEVEL_TARGET_PCT', 80, 1, 99),
    backfillMaxCalls: int(env, 'VIGIE_BACKFILL_MAX_CALLS', 120, 0, 1000),
  });
}

export function loadConfig(env: Env): Config {
  const axialysUrl = url(env, 'AXIALYS_URL');
  const { cluster, timeoutMs } = clusterConfig(env, axialysUrl);
  const user = str(env, 'AXIALYS_USER') ?? null;
  const password =
    env['AXIALYS_PASSWORD'] === undefined || env['AXIALYS_PASSWORD'] === ''
      ? null
      : env['AXIALYS_PASSWORD'];
  if (axialysUrl !== null && user === null) {
    throw new ConfigError(
      'AXIALYS_USER',
      'the account user (required when AXIALYS_URL is set)',
      undefined,
    );
  }
  if (axialysUrl !== null && password === null) {
    throw new ConfigError(
      'AXIALYS_PASSWORD',
      'the account password (required when AXIALYS_URL is set)',
      undefined,
    );
  }

  const timeZone = str(env, 'AXIALYS_TIMEZONE') ?? 'Europe/Paris';
  if (!IANAZone.isValidZone(timeZone) || !DateTime.now().setZone(timeZone).isValid) {
    throw new ConfigError('AXIALYS_TIMEZONE', 'an IANA time zone such as Europe/Paris', timeZone);
  }

  const allowFast = bool(env, 'ALLOW_FAST_POLL');
  if (allowFast && axialysUrl !== null && isAxialysHost(axialysUrl)) {
    // guide 3.2 binds the real service: fast polling is for simulators and test doubles only.
    throw new ConfigError(
      'ALLOW_FAST_POLL',
      `0 when AXIALYS_URL is the provider's own service (${new URL(axialysUrl).hostname}); guide 3.2 allows one operators_init per 30 s`,
      str(env, 'ALLOW_FAST_POLL'),
    );
  }
  const operatorsMs = int(env, 'POLL_OPERATORS_MS', OPERATORS_INIT_MIN_MS, 1);
  if (operatorsMs < OPERATORS_INIT_MIN_MS && !allowFast) {
    // guide 3.2: "at most one request every 30 s" per account, audited upstream.
    throw new ConfigError(
      'POLL_OPERATORS_MS',
      `at least ${OPERATORS_INIT_MIN_MS} (guide 3.2; lower only with ALLOW_FAST_POLL=1, for simulators)`,
      String(operatorsMs),
    );
  }
  const minFast = allowFast ? 1 : 1000;
  const groupsMs = int(env, 'POLL_GROUPS_MS', 15_000, minFast);
  const directoryMs = int(env, 'POLL_DIRECTORY_MS', 600_000, minFast);
  const heartbeatMs = int(env, 'SSE_HEARTBEAT_MS', 15_000, 10, 3_600_000);
  // API-NOTES "Live oldest wait": one 4.2 call per waiting group, within a stated budget.
  const realtimeMaxPerMin = int(env, 'VIGIE_REALTIME_MAX_PER_MIN', 30, 0, 600);
  // API-NOTES "Fresher states": opt-in (an upstream cost), capped per minute whatever the viewers.
  const fastStates = Object.freeze({
    enabled: onOff(env, 'VIGIE_FAST_STATES', false),
    maxPerMin: int(env, 'VIGIE_FAST_STATES_MAX_PER_MIN', 150, 1, 6000),
  });

  const distDir = resolve(str(env, 'WEB_DIST_DIR') ?? DEFAULT_WEB_DIST_DIR);
  const logLevel = (str(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, logLevel);

  const d = DEFAULT_THRESHOLDS;
  const thresholds = Object.freeze({
    longestWaitSeconds: pair(
      env,
      'THRESHOLD_LONGEST_WAIT_S',
      'longestWaitSeconds',
      d.longestWaitSeconds,
    ),
    serviceLevelPercent: pair(
      env,
      'THRESHOLD_SERVICE_LEVEL_PCT',
      'serviceLevelPercent',
      d.serviceLevelPercent,
    ),
    answeredPercent: pair(env, 'THRESHOLD_ANSWERED_PCT', 'answeredPercent', d.answeredPercent),
    waiting: pair(env, 'THRESHOLD_WAITING', 'waiting', d.waiting),
  });

  return Object.freeze({
    axialys: Object.freeze({
      url: axialysUrl,
      user,
      password,
      timeZone,
      timeoutMs,
    }),
    embeddedSim: Object.freeze({
      speed: num(env, 'SIM_SPEED', 1, 0.01),
      seed: int(env, 'SIM_SEED', 1),
      clock: simClock(env),
    }),
    http: Object.freeze({
      port: int(env, 'PORT', 8080, 0, 65535),
      host: str(env, 'HOST') ?? '0.0.0.0',
      trustProxy: trustProxy(env),
    }),
    auth: authConfig(env, axialysUrl !== null),
    poll: Object.freeze({
      operatorsMs,
      groupsMs,
      directoryMs,
      allowFast,
      realtimeMaxPerMin,
      fastStates,
    }),
    serviceLevel: Object.freeze({
      answeredWithinSeconds: int(env, 'SERVICE_LEVEL_ANSWERED_WITHIN_S', 45, 1, 86_400),
      abandonedWithinSeconds: int(env, 'SERVICE_LEVEL_ABANDONED_WITHIN_S', 5, 0, 86_400),
      maxPairs: int(env, 'VIGIE_MAX_SERVICE_LEVEL_PAIRS', 4, 1, 16),
      fromEnv: Object.freeze(
        Object.values(QUEUE_DEFAULT_VARIABLES).filter((v) => str(env, v) !== undefined),
      ),
    }),
    thresholds,
    sse: Object.freeze({ heartbeatMs }),
    web: Object.freeze({ distDir, buildId: str(env, 'VIGIE_BUILD_ID') ?? buildIdOf(distDir) }),
    logLevel,
    cluster,
    intelligence: intelligenceConfig(env, thresholds),
  });
}
