// The poller's lease in Redis: acquire with SET NX PX, renew by compare-and-extend, release by compare-and-delete.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { LuaScript } from './lua-script';

const RENEW = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`,
  1,
);

const RELEASE = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`,
  1,
);

/** PTTL of the lease when this value holds it, -3 when someone else (or nobody) does. */
const REMAINING = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PTTL', KEYS[1])
end
return -3`,
  1,
);

export interface LeaseOptions {
  redis: Redis;
  key: string;
  /** This instance's id: the first word of the lease's value, so everyone can see the leader. */
  owner: string;
  ttlMs: number;
  /** Monotonic ms (performance.now by default): it keeps counting while the process is stopped. */
  monotonicNow?: () => number;
}

/** The lease value's first word is the holder's instance id. */
const leaseHolderOf = (value: string | null): string | null =>
  value === null ? null : (value.split(' ')[0] ?? null);

export class Lease {
  /** Our value while we believe we hold the lease; a fresh token per acquisition. */
  private value: string | null = null;
  /** Local, conservative end of the lease: measured from before the command that set it was sent. */
  private localExpiry = 0;
  private readonly mono: () => number;

  constructor(private readonly o: LeaseOptions) {
    this.mono = o.monotonicNow ?? (() => performance.now());
  }

  get ttlMs(): number {
    return this.o.ttlMs;
  }

  /** Our view without asking Redis: held and not yet expired by our own (pessimistic) clock. */
  get held(): boolean {
    return this.value !== null && this.mono() < this.localExpiry;
  }

  /** The value we hold the lease with (for scripts that fence on it), or null. */
  get token(): string | null {
    return this.held ? this.value : null;
  }

  /** SET NX PX: true when we hold the lease now (already ours: renewed). Redis errors reject. */
  async acquire(): Promise<boolean> {
    if (this.value !== null && (await this.renew())) return true;
    const value = `${this.o.owner} ${randomBytes(9).toString('base64url')}`;
    const sentAt = this.mono();
    const ok = await this.o.redis.set(this.o.key, value, 'PX', this.o.ttlMs, 'NX');
    if (ok !== 'OK') return false;
    this.value = value;
    this.localExpiry = sentAt + this.o.ttlMs;
    return true;
  }

  /**
   * Compare-and-extend: true when the lease was still ours and now runs `ttlMs` again. False when
   * it was lost (expired, taken): we forget it. A Redis error rejects and the lease runs out by
   * itself locally (a leader that cannot renew stops at once, see `holds`).
   */
  async renew(): Promise<boolean> {
    const value = this.value;
    if (value === null) return false;
    const sentAt = this.mono();
    const r = await RENEW.run(this.o.redis, [this.o.key], [value, this.o.ttlMs]);
    if (r === 1) {
      if (this.value === value) this.localExpiry = sentAt + this.o.ttlMs;
      return true;
    }
    if (this.value === value) this.forget();
    return false;
  }

  /** Compare-and-delete, so a successor's lease is never removed. Best effort. */
  async release(): Promise<void> {
    const value = this.value;
    this.forget();
    if (value === null) return;
    await RELEASE.run(this.o.redis, [this.o.key], [value]);
  }

  /** Milliseconds left on our lease according to Redis (PTTL), 0 when it is not ours. */
  async remainingMs(): Promise<number> {
    const value = this.value;
    if (value === null) return 0;
    const r = await REMAINING.run(this.o.redis, [this.o.key], [value]);
    const ms = typeof r === 'number' ? r : -3;
    if (ms === -3 && this.value === value) this.forget();
    return Math.max(0, ms);
  }

  /**
   * Fencing, checked before each upstream call: we hold the lease with at least `minRemainingMs`
   * left, by our own clock and by Redis's. Any doubt (Redis unreachable, slow) is a no.
   */
  async holds(minRemainingMs: number): Promise<boolean> {
    if (!this.held || this.localExpiry - this.mono() < minRemainingMs) return false;
    try {
      return (await this.remainingMs()) >= minRemainingMs;
    } catch {
      return false;
    }
  }

  /** Who holds the lease now (instance id), whoever it is; null when nobody does. */
  async holder(): Promise<string | null> {
    return leaseHolderOf(await this.o.redis.get(this.o.key));
  }

  /** Forget the lease locally (lost, or released). */
  forget(): void {
    this.value = null;
    this.localExpiry = 0;
  }
}
