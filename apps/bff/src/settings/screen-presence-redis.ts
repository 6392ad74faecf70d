// The screens' last-seen map shared by every instance of a cluster: one Redis hash, a field per
// screen (`display:<id>` → `{at, address, online}`), checked when read back.
import type { Redis } from 'ioredis';
import Type from 'typebox';
import { checkedJson, type CheckLog } from '../lib/checked-json';
import type { SeenEntry, SharedSeen } from './screen-presence';

const SeenSchema = Type.Object({
  at: Type.Number(),
  address: Type.String({ maxLength: 64 }),
  online: Type.Boolean(),
});

export class RedisSeen implements SharedSeen {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly log: CheckLog,
  ) {}

  async put(entries: ReadonlyMap<string, SeenEntry>): Promise<void> {
    const args: string[] = [];
    for (const [owner, e] of entries)
      args.push(owner, JSON.stringify({ at: e.at, address: e.address, online: e.online }));
    if (args.length > 0) await this.redis.hset(this.key, ...args);
  }

  async all(): Promise<Map<string, SeenEntry>> {
    const raw = await this.redis.hgetall(this.key);
    const out = new Map<string, SeenEntry>();
    for (const [owner, text] of Object.entries(raw)) {
      const e = checkedJson(SeenSchema, text, this.log, 'screen last-seen');
      if (e) out.set(owner, e);
    }
    return out;
  }

  /** A deleted screen's entry goes with it. */
  async forget(owner: string): Promise<void> {
    await this.redis.hdel(this.key, owner);
  }
}
