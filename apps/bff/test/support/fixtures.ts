// The fixtures every BFF test shares: the simulated centre and its account, the environments a BFF runs with, the board's config.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator } from '@vigie/axialys-sim';
import { DEFAULT_THRESHOLDS, type BoardConfig } from '@vigie/contract';
import type { Env } from '../../src/config/env';

/** A password with characters that change under URL and JSON encoding: it must never show up. */
export const PASSWORD = 'S3cr3t/p@ss word+"42"';
export const USER = 'supervisor-7';

/** The simulated centre every BFF test runs on (tests add their own rate limit, speed and faults). */
export const SIM_OPTIONS = {
  port: 0,
  host: '127.0.0.1',
  user: USER,
  password: PASSWORD,
  seed: 7,
  speed: 30,
  operators: 24,
  groups: 4,
} as const;

/** The centre a cluster test runs on: slower, so a few polls a second keep up with it. */
export const CLUSTER_SIM_OPTIONS = { ...SIM_OPTIONS, speed: 5 } as const;

/** Fast polling on a small, fast simulated centre so the whole suite stays well under a minute. */
const FAST_ENV: Env = {
  POLL_OPERATORS_MS: '300',
  ALLOW_FAST_POLL: '1',
  POLL_GROUPS_MS: '300',
  POLL_DIRECTORY_MS: '60000',
  UPSTREAM_TIMEOUT_MS: '600',
  SSE_HEARTBEAT_MS: '1000',
  LOG_LEVEL: 'debug',
  // The simulator runs behind AXIALYS_URL here (a "real account"): open unless a test configures access.
  VIGIE_AUTH: 'off',
};

/**
 * A BFF in process on `sim` as a real account: FAST_ENV, the test account, a history store of its
 * own (nothing carries over between tests) and no start-up backfill (it would add calls to every
 * audit); `extra` last.
 */
export function accountEnv(sim: RunningSimulator, extra: Env = {}): Env {
  return {
    ...FAST_ENV,
    AXIALYS_URL: sim.url,
    AXIALYS_USER: USER,
    AXIALYS_PASSWORD: PASSWORD,
    VIGIE_DATA_DIR: extra['VIGIE_DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'vigie-data-')),
    VIGIE_BACKFILL_MAX_CALLS: '0',
    ...extra,
  };
}

/**
 * A BFF process of a cluster on `sim`, polling every `rateMs` (guide 3.2 scaled down); `extra`
 * last (REDIS_URL, instance id, lease).
 */
export function clusterEnv(
  sim: RunningSimulator,
  rateMs: number,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    AXIALYS_URL: sim.url,
    AXIALYS_USER: sim.user,
    AXIALYS_PASSWORD: sim.password,
    // A real account without users or tokens refuses to start unless told (issue 5).
    VIGIE_AUTH: 'off',
    ALLOW_FAST_POLL: '1',
    POLL_OPERATORS_MS: String(rateMs),
    POLL_GROUPS_MS: String(rateMs),
    POLL_DIRECTORY_MS: '60000',
    // The lease must outlive a request: a timeout under half the lease (fencing).
    UPSTREAM_TIMEOUT_MS: '800',
    SSE_HEARTBEAT_MS: '1000',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** The board's config as the defaults give it: what a snapshot built in a unit test carries. */
export const BOARD_CONFIG: BoardConfig = {
  serviceLevel: { answeredWithinSeconds: 45, abandonedWithinSeconds: 5 },
  thresholds: {
    longestWaitSeconds: { ...DEFAULT_THRESHOLDS.longestWaitSeconds },
    serviceLevelPercent: { ...DEFAULT_THRESHOLDS.serviceLevelPercent },
    answeredPercent: { ...DEFAULT_THRESHOLDS.answeredPercent },
    waiting: { ...DEFAULT_THRESHOLDS.waiting },
  },
  heartbeatMs: 15_000,
  timeZone: 'Europe/Paris',
  clockShiftMs: 0,
};
