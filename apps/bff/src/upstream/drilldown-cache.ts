// A small TTL cache that coalesces concurrent misses: N viewers of one thing make one upstream call.
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
    /** Bounded memory: the oldest entries go first. */
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

  /** The cached value if still fresh; never calls upstream. */
  peek(key: string): Cached<V> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
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
          const oldest = this.entries.keys().next().value;
          if (oldest === undefined) break;
          this.entries.delete(oldest);
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
