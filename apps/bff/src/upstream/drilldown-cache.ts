// A small TTL cache that coalesces concurrent misses: N viewers of one thing make one upstream call.
//
// Bounded by least recent use (LRU), not by age of insertion (FIFO, what it was until issue 11): a
// team lead keeps looking at the same few operators all day, and their drill-downs must stay while
// a sweep over the rest of the floor passes through. Every hit (get or peek) moves the entry to the
// back of the Map's order; when the cache is full the front one, the least recently used, goes.
// An entry still expires with its ttl however often it is read: use keeps it in memory, never
// makes it fresher.
import type Type from 'typebox';
import type { Clock } from '../lib/clock';

interface Entry<V> {
  value: V;
  fetchedAt: number;
  expiresAt: number;
}

export interface Cached<V> {
  value: V;
  fetchedAt: number;
}

/**
 * A cache shared by every instance (cluster mode): one fetch per key and ttl in the whole cluster.
 * It rejects when it cannot be reached; the local cache then loads on its own.
 */
export interface RemoteCache {
  getOrFetch<V>(
    key: string,
    ttlMs: number,
    load: () => Promise<V>,
    shape: Type.TSchema,
  ): Promise<Cached<V>>;
}

export class CoalescingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Promise<Cached<V>>>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    /** Bounded memory: the least recently used entries go first. */
    private readonly maxEntries = 500,
    /**
     * Cluster mode: ask the shared cache before upstream (`name` keeps caches apart; what another
     * instance stored is served only if it has `shape`, the schema of V).
     */
    private readonly remote: {
      cache: RemoteCache;
      name: string;
      shape: Type.TSchema;
    } | null = null,
  ) {}

  /** The cached value if still fresh (a use: it becomes the most recent); never calls upstream. */
  peek(key: string): Cached<V> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.expiresAt <= this.clock.now()) return undefined;
    this.entries.set(key, e);
    return { value: e.value, fetchedAt: e.fetchedAt };
  }

  /** Fresh value, or the one call in flight for this key, or a new call. Failures are not cached. */
  get(key: string, load: () => Promise<V>, ttlMs = this.ttlMs): Promise<Cached<V>> {
    const hit = this.peek(key);
    if (hit) return Promise.resolve(hit);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const p = this.load(key, load, ttlMs)
      .then(({ value, fetchedAt }) => {
        this.entries.delete(key);
        // Expires with the shared value (fetchedAt is the fetcher's), so ttls never stack up.
        this.entries.set(key, { value, fetchedAt, expiresAt: fetchedAt + ttlMs });
        while (this.entries.size > this.maxEntries) {
          const leastRecent = this.entries.keys().next().value;
          if (leastRecent === undefined) break;
          this.entries.delete(leastRecent);
        }
        return { value, fetchedAt };
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  private async load(key: string, load: () => Promise<V>, ttlMs: number): Promise<Cached<V>> {
    const direct = async () => ({ value: await load(), fetchedAt: this.clock.now() });
    if (!this.remote) return direct();
    try {
      return await this.remote.cache.getOrFetch(
        `${this.remote.name}:${key}`,
        ttlMs,
        load,
        this.remote.shape,
      );
    } catch (err) {
      // Upstream's answer stands; only a shared cache out of reach makes this instance ask itself.
      if ((err as { unavailable?: unknown }).unavailable !== true) throw err;
      return direct();
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
