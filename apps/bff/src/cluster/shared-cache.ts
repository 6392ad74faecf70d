// Drill-down coalescing across the cluster: a short-lived value and a fetch lock per key in Redis.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import Type from 'typebox';
import { checkedJson, type CheckLog } from '../lib/checked-json';
import { LuaScript } from './lua-script';

const UNLOCK = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);

export interface SharedCached<V> {
  value: V;
  /** When the value was fetched (the fetching instance's clock, ms). */
  fetchedAt: number;
}

/** A fetch failed on another instance: its waiters fail too, rather than each asking upstream. */
export class SharedFetchError extends Error {
  /** Replied as a bad gateway: the upstream failure happened on another instance's call. */
  readonly statusCode = 502;
  constructor(message: string) {
    super(message);
    this.name = 'SharedFetchError';
  }
}

/** Redis could not be used (down, slow): the caller may fetch on its own. */
export class SharedCacheUnavailableError extends Error {
  readonly unavailable = true;
  constructor(cause: unknown) {
    super(`shared cache unavailable: ${(cause as Error).message}`);
    this.name = 'SharedCacheUnavailableError';
  }
}

interface Stored<V> {
  v?: V;
  at: number;
  /** A failure, shared for `errorTtlMs` with the waiters of the same round. */
  err?: string;
}

/** What is stored for a key whose value has `shape` (one schema per shape, built once). */
const envelopes = new WeakMap<Type.TSchema, Type.TSchema>();
function envelopeOf(shape: Type.TSchema): Type.TSchema {
  let e = envelopes.get(shape);
  if (!e) {
    e = Type.Union([
      Type.Object({ v: shape, at: Type.Number() }),
      Type.Object({ at: Type.Number(), err: Type.String() }),
    ]);
    envelopes.set(shape, e);
  }
  return e;
}

export interface SharedCacheOptions {
  redis: Redis;
  valueKey: (key: string) => string;
  lockKey: (key: string) => string;
  /** Longest a fetch may take (the upstream timeout): the lock lives a little longer. */
  fetchTimeoutMs: number;
  /** How often a waiter looks for the value (default 25 ms). */
  pollMs?: number;
  /** How long a failure is shared with waiters (default 1 s). */
  errorTtlMs?: number;
  now?: () => number;
  /** Where a value of another version's shape is reported (then fetched again, as if absent). */
  log: CheckLog;
}

export class SharedCache {
  /** In-process coalescing first: N local callers of one key make one Redis conversation. */
  private readonly inFlight = new Map<string, Promise<SharedCached<unknown>>>();
  private readonly now: () => number;

  constructor(private readonly o: SharedCacheOptions) {
    this.now = o.now ?? Date.now;
  }

  /**
   * The value of `key` if any instance fetched it in the last `ttlMs`; else one caller in the
   * cluster fetches (holding the lock) while the others wait for its value. Redis errors reject
   * with SharedCacheUnavailableError (the caller decides whether to fetch on its own). A value
   * stored by another instance is served only if it has `shape` (the type V stands for).
   */
  getOrFetch<V>(
    key: string,
    ttlMs: number,
    fetcher: () => Promise<V>,
    shape: Type.TSchema,
  ): Promise<SharedCached<V>> {
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<SharedCached<V>>;
    let fetcherFailed = false;
    const tracked = async () => {
      try {
        return await fetcher();
      } catch (err) {
        fetcherFailed = true;
        throw err;
      }
    };
    const p = this.resolve(key, ttlMs, tracked, shape)
      .catch((err: unknown) => {
        // Upstream's answer (ours, or shared by the fetching instance) stands; Redis trouble does not.
        if (fetcherFailed || err instanceof SharedFetchError) throw err;
        throw new SharedCacheUnavailableError(err);
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  private async read<V>(key: string, shape: Type.TSchema): Promise<Stored<V> | null> {
    return this.checked(await this.o.redis.get(this.o.valueKey(key)), key, shape);
  }

  /** A stored value of another shape (or damaged) is absent: this instance fetches its own. */
  private checked<V>(raw: string | null, key: string, shape: Type.TSchema): Stored<V> | null {
    if (raw === null) return null;
    const what = `shared cache ${key}`;
    return checkedJson(envelopeOf(shape), raw, this.o.log, what) as Stored<V> | null;
  }

  private unwrap<V>(s: Stored<V>): SharedCached<V> {
    if (s.err !== undefined) throw new SharedFetchError(s.err);
    return { value: s.v as V, fetchedAt: s.at };
  }

  private async resolve<V>(
    key: string,
    ttlMs: number,
    fetcher: () => Promise<V>,
    shape: Type.TSchema,
  ): Promise<SharedCached<V>> {
    const deadline = this.now() + this.o.fetchTimeoutMs * 2 + 1000;
    for (;;) {
      const hit = await this.read<V>(key, shape);
      if (hit) return this.unwrap(hit);
      const token = randomBytes(9).toString('base64url');
      const lockMs = this.o.fetchTimeoutMs + 1000;
      const locked = await this.o.redis.set(this.o.lockKey(key), token, 'PX', lockMs, 'NX');
      if (locked === 'OK') return this.fetchAndStore(key, ttlMs, fetcher, token);
      // Someone else is fetching: wait for its value, or for its lock to go (then try again).
      while (this.now() < deadline) {
        await new Promise((r) => setTimeout(r, this.o.pollMs ?? 25));
        const [value, lock] = await this.o.redis.mget(this.o.valueKey(key), this.o.lockKey(key));
        const stored = this.checked<V>(value ?? null, key, shape);
        if (stored) return this.unwrap(stored);
        if (lock === null) break;
      }
      if (this.now() >= deadline) throw new SharedFetchError(`shared cache: ${key} timed out`);
    }
  }

  private async fetchAndStore<V>(
    key: string,
    ttlMs: number,
    fetcher: () => Promise<V>,
    token: string,
  ): Promise<SharedCached<V>> {
    try {
      let value: V;
      try {
        value = await fetcher();
      } catch (err) {
        const stored: Stored<V> = { at: this.now(), err: (err as Error).message };
        await this.o.redis
          .set(this.o.valueKey(key), JSON.stringify(stored), 'PX', this.o.errorTtlMs ?? 1000)
          .catch(() => undefined);
        throw err;
      }
      const fetchedAt = this.now();
      const stored: Stored<V> = { v: value, at: fetchedAt };
      // A Redis error here still returns the value to this caller; others will fetch again.
      await this.o.redis
        .set(this.o.valueKey(key), JSON.stringify(stored), 'PX', ttlMs)
        .catch(() => undefined);
      return { value, fetchedAt };
    } finally {
      await UNLOCK.run(this.o.redis, [this.o.lockKey(key)], [token]).catch(() => undefined);
    }
  }
}
