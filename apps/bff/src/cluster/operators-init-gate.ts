// guide 3.2 across the cluster: the account's last operators_init, on Redis's clock, reserved atomically.
import type { Redis } from 'ioredis';
import { LUA_NOW_MS, LuaScript } from './lua-script';

/**
 * KEYS: the operators_init hash, the lease. ARGV: lease value ('' = no fencing), min lease left,
 * min interval, request timeout. Returns {1, now} (reserved), {0, waitMs}, {-1, 0} (not the
 * leader) or {-2, pttl} (lease too short to cover the request).
 *
 * `notBefore` covers a call that never reports its end (its leader died mid-request): the next
 * one waits for the timeout plus the interval. An empty hash (first start, or a Redis that lost
 * its data) means the last call is unknown: wait one interval before the first call.
 */
const RESERVE = new LuaScript(
  `if ARGV[1] ~= '' then
  if redis.call('GET', KEYS[2]) ~= ARGV[1] then return {-1, 0} end
  local pttl = redis.call('PTTL', KEYS[2])
  if pttl < tonumber(ARGV[2]) then return {-2, pttl} end
end
${LUA_NOW_MS}
local notBefore = tonumber(redis.call('HGET', KEYS[1], 'notBefore'))
if notBefore == nil then
  notBefore = now + tonumber(ARGV[3])
  redis.call('HSET', KEYS[1], 'notBefore', notBefore, 'startedAt', 0, 'endedAt', 0)
end
if now < notBefore then return {0, notBefore - now} end
redis.call('HSET', KEYS[1], 'startedAt', now, 'endedAt', 0,
  'notBefore', now + tonumber(ARGV[4]) + tonumber(ARGV[3]), 'by', ARGV[1])
return {1, now}`,
  2,
);

/** The call reserved at ARGV[1] ended now: the next may go one interval after this end. */
const COMPLETE = new LuaScript(
  `${LUA_NOW_MS}
if redis.call('HGET', KEYS[1], 'startedAt') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'endedAt', now, 'notBefore', now + tonumber(ARGV[2]))
  return now
end
return 0`,
  1,
);

export type Reservation =
  | { ok: true; at: number }
  | { ok: false; reason: 'interval'; waitMs: number }
  | { ok: false; reason: 'not-leader' | 'lease-short'; waitMs: 0 };

export interface OperatorsInitRecord {
  startedAt: number | null;
  endedAt: number | null;
  notBefore: number;
}

export interface OperatorsInitGateOptions {
  redis: Redis;
  key: string;
  /** The lease key, to fence the reservation on it. */
  leaseKey: string;
  /** The request timeout: a reservation promises nobody calls before it plus the interval. */
  timeoutMs: number;
}

export class OperatorsInitGate {
  constructor(private readonly o: OperatorsInitGateOptions) {}

  /**
   * Atomically: when `leaseValue` (if given) holds the lease with `minLeaseMs` left and the last
   * call is at least `minIntervalMs` old (Redis's clock), record now and say go; else how long
   * to wait. Redis errors reject: no proof, no call.
   */
  async reserveOperatorsInit(
    minIntervalMs: number,
    fence: { leaseValue: string; minLeaseMs: number } | null = null,
  ): Promise<Reservation> {
    const r = await RESERVE.run(
      this.o.redis,
      [this.o.key, this.o.leaseKey],
      [fence?.leaseValue ?? '', fence?.minLeaseMs ?? 0, minIntervalMs, this.o.timeoutMs],
    );
    const [code, n] = Array.isArray(r) ? r.map(Number) : [NaN, NaN];
    if (code === 1 && n !== undefined) return { ok: true, at: n };
    if (code === 0 && n !== undefined) return { ok: false, reason: 'interval', waitMs: n };
    if (code === -1) return { ok: false, reason: 'not-leader', waitMs: 0 };
    if (code === -2) return { ok: false, reason: 'lease-short', waitMs: 0 };
    throw new Error(`operators_init reservation: unexpected reply ${JSON.stringify(r)}`);
  }

  /** The call reserved at `at` has ended: the interval now counts from its end (guide 3.2). */
  async completeOperatorsInit(at: number, minIntervalMs: number): Promise<void> {
    await COMPLETE.run(this.o.redis, [this.o.key], [at, minIntervalMs]);
  }

  async last(): Promise<OperatorsInitRecord | null> {
    const h = await this.o.redis.hgetall(this.o.key);
    if (h['notBefore'] === undefined) return null;
    const n = (v: string | undefined) => (v === undefined || v === '0' ? null : Number(v));
    return {
      startedAt: n(h['startedAt']),
      endedAt: n(h['endedAt']),
      notBefore: Number(h['notBefore']),
    };
  }
}
