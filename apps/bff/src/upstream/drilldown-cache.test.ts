// The drill-down cache: least-recently-used eviction, ttl, one load for concurrent misses, failures not kept, the shared cache.
import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../lib/clock';
import { CoalescingCache, type Cached, type RemoteCache } from './drilldown-cache';

/** Time that moves only when the test says so (the cache sets no timers). */
class ManualClock implements Clock {
  t = 1_000_000;
  now(): number {
    return this.t;
  }
  setTimeout(): unknown {
    throw new Error('the cache sets no timers');
  }
  clearTimeout(): void {}
}

/** A load that counts its calls per key and answers `${key}#n`. */
function loader() {
  const calls: string[] = [];
  return {
    calls,
    of: (key: string) => async () => {
      calls.push(key);
      return `${key}#${calls.filter((k) => k === key).length}`;
    },
  };
}

/** A promise resolved or rejected from outside. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('CoalescingCache eviction (LRU)', () => {
  it('evicts the least recently used entry, not the first inserted, when full', async () => {
    const cache = new CoalescingCache<string>(new ManualClock(), 60_000, 3);
    const l = loader();
    for (const k of ['a', 'b', 'c']) await cache.get(k, l.of(k));
    // The team lead looks at a again: it becomes the most recent.
    expect((await cache.get('a', l.of('a'))).value).toBe('a#1');
    await cache.get('d', l.of('d'));
    expect(cache.size).toBe(3);
    expect(l.calls).toEqual(['a', 'b', 'c', 'd']);
    // a stayed (no new load); b, the least recently used, went.
    expect((await cache.get('a', l.of('a'))).value).toBe('a#1');
    expect(cache.peek('b')).toBeUndefined();
    expect((await cache.get('b', l.of('b'))).value).toBe('b#2');
    // b's reload pushed out c, now the least recent (a and d were used after it).
    expect(cache.peek('c')).toBeUndefined();
    expect(cache.peek('a')?.value).toBe('a#1');
    expect(cache.peek('d')?.value).toBe('d#1');
  });

  it('counts a peek as a use', async () => {
    const cache = new CoalescingCache<string>(new ManualClock(), 60_000, 2);
    const l = loader();
    await cache.get('a', l.of('a'));
    await cache.get('b', l.of('b'));
    expect(cache.peek('a')?.value).toBe('a#1');
    await cache.get('c', l.of('c'));
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')?.value).toBe('a#1');
    expect(cache.size).toBe(2);
  });

  it('keeps a sweep over many keys from pushing out the one kept in use', async () => {
    const cache = new CoalescingCache<string>(new ManualClock(), 60_000, 10);
    const l = loader();
    await cache.get('lead', l.of('lead'));
    for (let i = 0; i < 100; i++) {
      await cache.get(`op-${i}`, l.of(`op-${i}`));
      await cache.get('lead', l.of('lead'));
    }
    expect(l.calls.filter((k) => k === 'lead')).toHaveLength(1);
    expect(cache.size).toBe(10);
  });
});

describe('CoalescingCache ttl', () => {
  it('serves a value until its ttl, then loads again; reading it never makes it fresher', async () => {
    const clock = new ManualClock();
    const cache = new CoalescingCache<string>(clock, 5000);
    const l = loader();
    const first = await cache.get('op', l.of('op'));
    expect(first).toEqual({ value: 'op#1', fetchedAt: clock.t });
    clock.t += 4999;
    expect(await cache.get('op', l.of('op'))).toEqual(first);
    expect(cache.peek('op')).toEqual(first);
    clock.t += 1; // fetchedAt + ttl: expired
    expect(cache.peek('op')).toBeUndefined();
    expect(cache.size).toBe(0);
    const second = await cache.get('op', l.of('op'));
    expect(second).toEqual({ value: 'op#2', fetchedAt: clock.t });
    expect(l.calls).toEqual(['op', 'op']);
  });

  it('takes a ttl per call (periods in the past keep longer than realtime figures)', async () => {
    const clock = new ManualClock();
    const cache = new CoalescingCache<string>(clock, 5000);
    const l = loader();
    await cache.get('past', l.of('past'), 30_000);
    await cache.get('now', l.of('now'));
    clock.t += 10_000;
    expect(cache.peek('now')).toBeUndefined();
    expect(cache.peek('past')?.value).toBe('past#1');
    clock.t += 20_000;
    expect(cache.peek('past')).toBeUndefined();
  });
});

describe('CoalescingCache coalescing and failures', () => {
  it('makes one load for 50 concurrent misses of a key, one per key', async () => {
    const cache = new CoalescingCache<string>(new ManualClock(), 5000);
    const gate = deferred<void>();
    const calls: string[] = [];
    const load = (key: string) => async () => {
      calls.push(key);
      await gate.promise;
      return `${key}!`;
    };
    const waiting = [
      ...Array.from({ length: 50 }, () => cache.get('op-7', load('op-7'))),
      ...Array.from({ length: 5 }, () => cache.get('op-8', load('op-8'))),
    ];
    expect(cache.peek('op-7')).toBeUndefined(); // in flight is not cached yet
    gate.resolve();
    const got = await Promise.all(waiting);
    expect(calls).toEqual(['op-7', 'op-8']);
    expect(new Set(got.slice(0, 50).map((g) => g.value))).toEqual(new Set(['op-7!']));
    expect(new Set(got.slice(50).map((g) => g.value))).toEqual(new Set(['op-8!']));
  });

  it('does not keep a failure: every waiter of the failed load gets it, the next get loads again', async () => {
    const cache = new CoalescingCache<string>(new ManualClock(), 5000);
    const failing = deferred<string>();
    let loads = 0;
    const waiters = Array.from({ length: 10 }, () =>
      cache.get('op', () => {
        loads++;
        return failing.promise;
      }),
    );
    failing.reject(new Error('HTTP 503'));
    const results = await Promise.allSettled(waiters);
    expect(loads).toBe(1);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ message: 'HTTP 503' });
    expect(cache.size).toBe(0);
    const next = await cache.get('op', async () => {
      loads++;
      return 'ok';
    });
    expect(next.value).toBe('ok');
    expect(loads).toBe(2);
  });

  it('serves no expired value when the reload fails: the failure is thrown', async () => {
    const clock = new ManualClock();
    const cache = new CoalescingCache<string>(clock, 1000);
    await cache.get('op', async () => 'old');
    clock.t += 1000;
    await expect(cache.get('op', () => Promise.reject(new Error('timeout')))).rejects.toThrow(
      'timeout',
    );
    expect(cache.peek('op')).toBeUndefined();
  });
});

/**
 * The shared cache's contract in memory (cluster/shared-cache.test.ts holds the Redis one to it):
 * one fetch per key and ttl for every instance, `unavailable` when out of reach.
 */
class MemoryRemote implements RemoteCache {
  reachable = true;
  private readonly values = new Map<string, Cached<unknown>>();
  constructor(private readonly clock: Clock) {}
  async getOrFetch<V>(key: string, ttlMs: number, load: () => Promise<V>): Promise<Cached<V>> {
    if (!this.reachable) throw Object.assign(new Error('Redis down'), { unavailable: true });
    const hit = this.values.get(key);
    if (hit && hit.fetchedAt + ttlMs > this.clock.now()) return hit as Cached<V>;
    const fresh = { value: await load(), fetchedAt: this.clock.now() };
    this.values.set(key, fresh);
    return fresh;
  }
}

describe('CoalescingCache in cluster mode (a shared cache in front of upstream)', () => {
  it('makes one load for two instances and expires with the fetcher’s fetchedAt', async () => {
    const clock = new ManualClock();
    const remote = new MemoryRemote(clock);
    const a = new CoalescingCache<string>(clock, 5000, 10, {
      cache: remote,
      name: 'op',
      shape: Type.String(),
    });
    const b = new CoalescingCache<string>(clock, 5000, 10, {
      cache: remote,
      name: 'op',
      shape: Type.String(),
    });
    const l = loader();
    const first = await a.get('7', l.of('7'));
    clock.t += 3000;
    const second = await b.get('7', l.of('7'));
    expect(l.calls).toEqual(['7']);
    expect(second).toEqual(first);
    // b got it 3 s old: it expires 2 s later with a's, not 5 s after b had it.
    clock.t += 2000;
    expect(b.peek('7')).toBeUndefined();
  });

  it('loads by itself when the shared cache cannot be reached, and throws upstream’s own errors', async () => {
    const clock = new ManualClock();
    const remote = new MemoryRemote(clock);
    const cache = new CoalescingCache<string>(clock, 5000, 10, {
      cache: remote,
      name: 'op',
      shape: Type.String(),
    });
    await expect(cache.get('1', () => Promise.reject(new Error('HTTP 500')))).rejects.toThrow(
      'HTTP 500',
    );
    remote.reachable = false;
    const l = loader();
    expect((await cache.get('2', l.of('2'))).value).toBe('2#1');
    expect(l.calls).toEqual(['2']);
  });
});
