// The groups' trend kept once for the cluster: the leader appends each new point in Redis, every instance reads.
import { TrendPointSchema, type TrendPoint } from '@vigie/contract';
import type { Redis } from 'ioredis';
import { checkedJsonList, type CheckLog } from '../lib/checked-json';
import type { TrendUpdate } from '../trend/trend';
import { LuaScript } from './lua-script';

/** Two days: a day's lists outlive midnight long enough for late readers, then go by themselves. */
const KEEP_S = 172_800;

/**
 * KEYS: the current-day key, then one list per group (for that day). ARGV: day, max points, then
 * (point JSON, point `at`) per group. One point per step: the latest poll of a step replaces it.
 * A day older than the current one is ignored (a late write after midnight).
 */
const APPEND = new LuaScript(
  `local current = redis.call('GET', KEYS[1])
if current and current > ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ${KEEP_S})
local max = tonumber(ARGV[2])
for i = 2, #KEYS do
  local json = ARGV[2 * i - 1]
  local last = redis.call('LINDEX', KEYS[i], -1)
  if last and cjson.decode(last).at == ARGV[2 * i] then
    redis.call('LSET', KEYS[i], -1, json)
  else
    redis.call('RPUSH', KEYS[i], json)
    redis.call('LTRIM', KEYS[i], -max, -1)
  end
  redis.call('EXPIRE', KEYS[i], ${KEEP_S})
end
return #KEYS - 1`,
  -1,
);

export interface SharedTrendOptions {
  redis: Redis;
  /** Key prefix (`<namespace>:trend`). */
  prefix: string;
  maxPoints: number;
  /** Where a point of another version's shape is reported (then left out). */
  log: CheckLog;
}

export class SharedTrend {
  constructor(private readonly o: SharedTrendOptions) {}

  private dayKey(): string {
    return `${this.o.prefix}:day`;
  }

  private listKey(day: string, groupId: number): string {
    return `${this.o.prefix}:${day}:${groupId}`;
  }

  /** Leader side: append (or replace within the step) each group's newest point. */
  async append(update: TrendUpdate): Promise<void> {
    if (update.points.length === 0) return;
    const keys = [this.dayKey(), ...update.points.map(([id]) => this.listKey(update.day, id))];
    const args = update.points.flatMap(([, p]) => [JSON.stringify(p), p.at]);
    await APPEND.run(this.o.redis, keys, [update.day, this.o.maxPoints, ...args]);
  }

  /** The group's points today, oldest first; undefined when Redis has none (of this shape) for it. */
  async points(groupId: number): Promise<TrendPoint[] | undefined> {
    const day = await this.o.redis.get(this.dayKey());
    if (day === null) return undefined;
    const raw = await this.o.redis.lrange(this.listKey(day, groupId), 0, -1);
    const points = checkedJsonList(
      TrendPointSchema,
      raw,
      this.o.log,
      `shared trend of group ${groupId}`,
    );
    return points.length === 0 ? undefined : points;
  }
}
