// A Lua script run by its SHA (EVALSHA), loaded again after NOSCRIPT (a restarted or flushed Redis).
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

type LuaReply = string | number | null | LuaReply[];

export class LuaScript {
  readonly sha: string;

  constructor(
    readonly source: string,
    /** -1: any number of keys (given at each run). */
    private readonly numberOfKeys: number,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]) {
    const n = this.numberOfKeys < 0 ? keys.length : this.numberOfKeys;
    if (keys.length !== n) throw new Error('LuaScript: wrong number of keys');
    try {
      return (await redis.evalsha(this.sha, n, ...keys, ...args)) as LuaReply;
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return (await redis.eval(this.source, n, ...keys, ...args)) as LuaReply;
    }
  }
}

/** Lua helper: Redis's own clock in ms (scripts replicate effects, so TIME is allowed before writes). */
export const LUA_NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
