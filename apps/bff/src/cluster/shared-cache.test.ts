import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { redisForFile } from '../../test/support/redis-harness';
import { RedisServer } from '../../test/support/redis-server';
import { sleep } from '../../test/support/wait';
import { clusterKeys } from './keys';
import { closeRedis, connectRedis, waitForReady } from './redis-connection';
import { SharedCache, SharedCacheUnavailableError, SharedFetchError } from './shared-cache';

const harness = redisForFile('cache-test');
const Op = Type.Object({ id: Type.Number(), state: Type.String() });
const Num = Type.Number();
/** The warnings a cache gives (a stored value refused), one entry per line. */
const lines: { obj: object; msg: string }[] = [];
const log = { warn: (obj: object, msg: string) => void lines.push({ obj, msg }) };

/** Three instances' caches, each on its own connection. */
async function caches(ns: string) {
  const keys = clusterKeys(ns);
  return Promise.all(
    [0, 1, 2].map(async () => {
      const redis = await harness.connect();
      return new SharedCache({
        redis,
        valueKey: keys.cacheValue,
        lockKey: keys.cacheLock,
        fetchTimeoutMs: 2000,
        log,
      });
    }),
  );
}

describe('cluster-wide drill-down coalescing', () => {
  it('makes one fetch for 50 concurrent callers spread over three instances', async () => {
    const all = await caches('test:{coalesce}');
    let fetches = 0;
    const fetcher = async () => {
      fetches++;
      await sleep(80);
      return { id: 7, state: 'connected' };
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => all[i % 3]!.getOrFetch('op:7', 5000, fetcher, Op)),
    );
    expect(fetches).toBe(1);
    expect(new Set(results.map((r) => r.fetchedAt)).size).toBe(1);
    expect(results.every((r) => r.value.id === 7)).toBe(true);
    // Within the ttl nobody fetches again; after it, one does.
    await all[2]!.getOrFetch('op:7', 5000, fetcher, Op);
    expect(fetches).toBe(1);
  });

  it('fetches again once the value expired, and never for another key’s value', async () => {
    const all = await caches('test:{ttl}');
    let fetches = 0;
    const fetcher = async () => ++fetches;
    await all[0]!.getOrFetch('k', 150, fetcher, Num);
    await all[1]!.getOrFetch('k', 150, fetcher, Num);
    expect(fetches).toBe(1);
    await sleep(200);
    await Promise.all(all.map((c) => c.getOrFetch('k', 150, fetcher, Num)));
    expect(fetches).toBe(2);
    await all[0]!.getOrFetch('other', 150, fetcher, Num);
    expect(fetches).toBe(3);
  });

  it('shares a failure with the waiters of the same round instead of each asking upstream', async () => {
    const all = await caches('test:{fail}');
    let fetches = 0;
    const fetcher = async (): Promise<number> => {
      fetches++;
      await sleep(50);
      throw new Error('upstream 503');
    };
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => all[i % 3]!.getOrFetch('bad', 5000, fetcher, Num)),
    );
    expect(fetches).toBe(1);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as Error) : null));
    expect(reasons.some((e) => e instanceof SharedFetchError)).toBe(true);
  });

  it('treats a corrupt or older-shaped stored value (a rolling upgrade) as absent: fetched anew, one warning each', async () => {
    const [cache] = await caches('test:{old}');
    const keys = clusterKeys('test:{old}');
    const redis = await harness.connect();
    lines.length = 0;
    let fetches = 0;
    const fetcher = async () => ({ id: 7, state: `connected-${++fetches}` });

    await redis.set(keys.cacheValue('op:7'), '{"v":{"id":7', 'PX', 5000);
    expect((await cache!.getOrFetch('op:7', 5000, fetcher, Op)).value).toEqual({
      id: 7,
      state: 'connected-1',
    });
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/shared cache op:7: .*not JSON/),
    ]);

    // Another version stored the operator with its id as a string: never served as a figure.
    await redis.set(
      keys.cacheValue('op:7'),
      JSON.stringify({ v: { id: '7', state: 'x' }, at: 1 }),
      'PX',
      5000,
    );
    expect((await cache!.getOrFetch('op:7', 5000, fetcher, Op)).value.state).toBe('connected-2');
    expect(lines).toHaveLength(2);
    expect(JSON.stringify(lines[1])).toMatch(/\/v\/id: must be number/);
    // What this instance stored instead is of its shape: served as it is, without a word.
    expect((await cache!.getOrFetch('op:7', 5000, fetcher, Op)).value.state).toBe('connected-2');
    expect(fetches).toBe(2);
    expect(lines).toHaveLength(2);
  });

  it('rejects at once when Redis is unreachable (the caller falls back)', async () => {
    const own = await RedisServer.start();
    const redis = connectRedis(own.url, { name: 'cache-down', commandTimeoutMs: 300 });
    try {
      await waitForReady(redis);
      const keys = clusterKeys('test:{down}');
      const cache = new SharedCache({
        redis,
        valueKey: keys.cacheValue,
        lockKey: keys.cacheLock,
        fetchTimeoutMs: 500,
        log,
      });
      await own.kill();
      await expect(cache.getOrFetch('k', 1000, async () => 1, Num)).rejects.toBeInstanceOf(
        SharedCacheUnavailableError,
      );
    } finally {
      await closeRedis(redis);
      await own.dispose();
    }
  });
});
