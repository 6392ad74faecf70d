// A small TTL cache that coalesces concurrent misses: N viewers of one thing make one upstream call.
import type { Clock } from './clock';

interface Entry<V> {
  value: V;
  fetchedAt: number;
  expiresAt: number;
}

export interface Cached<V> {
  value: V;
  fetchedAt: number;
}

export class CoalescingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Promise<Cached<V>>>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    /** Bounded memory: the oldest entries go first. */
    private readonly maxEntries = 500,
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
    const p = load()
      .then((value) => {
        const fetchedAt = this.clock.now();
        this.entries.delete(key);
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

  get size(): number {
    return this.entries.size;
  }
}
