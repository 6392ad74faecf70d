// Settings of the command line: SIM_* environment variables and --flags, checked once (flags win).

import { EMPTY_SHAPES, type EmptyShape, type Faults } from './faults';
import type { SimOptions } from './index';

export class ConfigError extends Error {}

interface Setting {
  env: string;
  flag: string;
  apply(value: string, o: SimOptions, f: Partial<Faults>): void;
}

function int(name: string, min: number, max: number): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v.trim()) || Number(v) < min || Number(v) > max) {
      throw new ConfigError(`${name}="${v}": expected a whole number from ${min} to ${max}`);
    }
    return Number(v);
  };
}

function num(name: string, min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max)
      throw new ConfigError(`${name}="${v}": expected a number from ${min} to ${max}`);
    return n;
  };
}

function bool(name: string): (v: string) => boolean {
  return (v) => {
    const s = v.trim().toLowerCase();
    if (['1', 'true', 'yes', ''].includes(s)) return true;
    if (['0', 'false', 'no'].includes(s)) return false;
    throw new ConfigError(`${name}="${v}": expected true or false`);
  };
}

const SETTINGS: Setting[] = [
  { env: 'SIM_PORT', flag: 'port', apply: (v, o) => (o.port = int('SIM_PORT', 0, 65535)(v)) },
  {
    env: 'SIM_HOST',
    flag: 'host',
    apply: (v, o) => {
      if (!/^[\w.:-]+$/.test(v))
        throw new ConfigError(
          `SIM_HOST="${v}": expected a host name or address, e.g. 127.0.0.1 or 0.0.0.0`,
        );
      o.host = v;
    },
  },
  { env: 'SIM_USER', flag: 'user', apply: (v, o) => (o.user = nonEmpty('SIM_USER', v)) },
  {
    env: 'SIM_PASSWORD',
    flag: 'password',
    apply: (v, o) => (o.password = nonEmpty('SIM_PASSWORD', v)),
  },
  { env: 'SIM_SEED', flag: 'seed', apply: (v, o) => (o.seed = int('SIM_SEED', 0, 2 ** 32 - 1)(v)) },
  {
    env: 'SIM_SPEED',
    flag: 'speed',
    apply: (v, o) => (o.speed = num('SIM_SPEED', 0.001, 1_000_000)(v)),
  },
  {
    env: 'SIM_OPERATORS',
    flag: 'operators',
    apply: (v, o) => (o.operators = int('SIM_OPERATORS', 1, 2000)(v)),
  },
  { env: 'SIM_GROUPS', flag: 'groups', apply: (v, o) => (o.groups = int('SIM_GROUPS', 1, 50)(v)) },
  {
    env: 'SIM_RATE_LIMIT_MS',
    flag: 'rate-limit-ms',
    apply: (v, o) => (o.rateLimitMs = int('SIM_RATE_LIMIT_MS', 0, 86_400_000)(v)),
  },
  {
    env: 'SIM_TIMEZONE',
    flag: 'timezone',
    apply: (v, o) => {
      if (!isZone(v))
        throw new ConfigError(
          `SIM_TIMEZONE="${v}": expected an IANA time zone such as Europe/Paris`,
        );
      o.timeZone = v;
    },
  },
  {
    env: 'SIM_START',
    flag: 'start',
    apply: (v, o) => {
      if (
        !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(
          v.trim(),
        )
      ) {
        throw new ConfigError(
          `SIM_START="${v}": expected an ISO 8601 date such as 2026-03-10T09:00:00+01:00`,
        );
      }
      o.startAt = v.trim();
    },
  },
  {
    env: 'SIM_LATENCY_MS',
    flag: 'latency-ms',
    apply: (v, _o, f) => (f.latencyMs = int('SIM_LATENCY_MS', 0, 600_000)(v)),
  },
  {
    env: 'SIM_ERROR_RATE',
    flag: 'error-rate',
    apply: (v, _o, f) => (f.errorRate = num('SIM_ERROR_RATE', 0, 1)(v)),
  },
  {
    env: 'SIM_ERROR_STATUS',
    flag: 'error-status',
    apply: (v, _o, f) => (f.errorStatus = int('SIM_ERROR_STATUS', 500, 599)(v)),
  },
  {
    env: 'SIM_MALFORMED_RATE',
    flag: 'malformed-rate',
    apply: (v, _o, f) => (f.malformedRate = num('SIM_MALFORMED_RATE', 0, 1)(v)),
  },
  {
    env: 'SIM_EMPTY_RATE',
    flag: 'empty-rate',
    apply: (v, _o, f) => (f.emptyRate = num('SIM_EMPTY_RATE', 0, 1)(v)),
  },
  {
    env: 'SIM_EMPTY_SHAPE',
    flag: 'empty-shape',
    apply: (v, _o, f) => {
      if (!(EMPTY_SHAPES as readonly string[]).includes(v))
        throw new ConfigError(`SIM_EMPTY_SHAPE="${v}": expected ${EMPTY_SHAPES.join(' or ')}`);
      f.emptyShape = v as EmptyShape;
    },
  },
  {
    env: 'SIM_THROTTLE_RATE',
    flag: 'throttle-rate',
    apply: (v, _o, f) => (f.throttleRate = num('SIM_THROTTLE_RATE', 0, 1)(v)),
  },
  {
    env: 'SIM_RETRY_AFTER_SECONDS',
    flag: 'retry-after-seconds',
    apply: (v, _o, f) => (f.retryAfterSeconds = int('SIM_RETRY_AFTER_SECONDS', 0, 86_400)(v)),
  },
  {
    env: 'SIM_HTML_RATE',
    flag: 'html-rate',
    apply: (v, _o, f) => (f.htmlRate = num('SIM_HTML_RATE', 0, 1)(v)),
  },
  {
    env: 'SIM_RESET_RATE',
    flag: 'reset-rate',
    apply: (v, _o, f) => (f.resetRate = num('SIM_RESET_RATE', 0, 1)(v)),
  },
  { env: 'SIM_HANG', flag: 'hang', apply: (v, _o, f) => (f.hang = bool('SIM_HANG')(v)) },
  {
    env: 'SIM_REJECT_CREDENTIALS',
    flag: 'reject-credentials',
    apply: (v, _o, f) => (f.rejectCredentials = bool('SIM_REJECT_CREDENTIALS')(v)),
  },
  {
    env: 'SIM_FAULT_ENDPOINTS',
    flag: 'fault-endpoints',
    apply: (v, _o, f) => (f.endpoints = v.trim() === '' ? null : v.split(',').map((s) => s.trim())),
  },
];

function nonEmpty(name: string, v: string): string {
  if (v === '') throw new ConfigError(`${name}: must not be empty`);
  return v;
}

function isZone(z: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: z });
    return true;
  } catch {
    return false;
  }
}

function usage(): string {
  return [
    'Usage: pnpm sim [--flag=value ...]   (or the SIM_* environment variables)',
    ...SETTINGS.map((s) => `  --${s.flag.padEnd(20)} ${s.env}`),
  ].join('\n');
}

/** Reads the environment then the flags (`--name=value`, `--name value`, bare `--hang`). */
export function readConfig(env: NodeJS.ProcessEnv, argv: string[]): SimOptions {
  const o: SimOptions = {};
  const f: Partial<Faults> = {};
  for (const s of SETTINGS) {
    const v = env[s.env];
    if (v !== undefined) s.apply(v, o, f);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const s = m ? SETTINGS.find((x) => x.flag === m[1]) : undefined;
    if (!m || !s) throw new ConfigError(`unknown argument "${arg}"\n${usage()}`);
    let value = m[2];
    if (value === undefined) {
      const next = argv[i + 1];
      const isBool = s.flag === 'hang' || s.flag === 'reject-credentials';
      if (isBool && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined) throw new ConfigError(`--${s.flag}: missing value`);
      else {
        value = next;
        i++;
      }
    }
    s.apply(value, o, f);
  }
  if (Object.keys(f).length) o.faults = f;
  return o;
}
