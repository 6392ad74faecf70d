// VIGIE_FAST_STATES's budget for the whole cluster (issue 14.1): the calls of the last minute in a
// sorted set on Redis's clock, checked and counted in one script, so no two instances both pass.
import type { Redis } from 'ioredis';
import { LUA_NOW_MS, LuaScript } from './lua-script';

/**
 * KEYS: the sorted set. ARGV: calls per minute, a unique member, how long a call holds its slot
 * (a minute plus the request timeout). Returns -1 (counted: call now) or the ms until one frees.
 */
const TAKE = new LuaScript(
  `${LUA_NOW_MS}
local hold = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - hold)
local max = tonumber(ARGV[1])
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], hold + 1000)
  return -1
end
local oldest = redis.call('ZRANGE', KEYS[1], -max, -max, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + hold - now)`,
  1,
);

export class FastStatesBudget {
  private n = 0;

  constructor(
    private readonly o: {
      redis: Redis;
      key: string;
      instanceId: string;
      maxPerMinute: number;
      holdMs: number;
    },
  ) {}

  /** null: counted, call now; a number: refused, the ms to wait. Rejects when Redis is away. */
  async take(): Promise<number | null> {
    this.n += 1;
    const member = `${this.o.instanceId}:${Date.now()}:${this.n}`;
    const r = Number(
      await TAKE.run(this.o.redis, [this.o.key], [this.o.maxPerMinute, member, this.o.holdMs]),
    );
    return r < 0 ? null : r;
  }
}
