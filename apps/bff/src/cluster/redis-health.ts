// Redis health as seen by this instance: a PING round trip on a period, status ok | down, on change only.
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';

export type RedisStatus = 'ok' | 'down';

export interface RedisHealthOptions {
  redis: Redis;
  /** Period of the PING (default 1 s). */
  intervalMs?: number;
  /** A round trip longer than this counts as a failure (default 1 s): a frozen Redis is down. */
  timeoutMs?: number;
  /** Consecutive failures before `down` (default 1: fencing already says no on the first). */
  failuresToDown?: number;
  /** Round-trip time of each successful PING, in seconds (for a histogram). */
  observe?: (seconds: number) => void;
  onChange?: (status: RedisStatus, error: string | null) => void;
}

export class RedisHealth {
  private state: RedisStatus = 'down';
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastError: string | null = 'not checked yet';
  private readonly onClose = () => this.fail('connection closed');

  constructor(private readonly o: RedisHealthOptions) {}

  get status(): RedisStatus {
    return this.state;
  }

  get error(): string | null {
    return this.lastError;
  }

  /** Checks at once, then on the period. Resolves after the first check. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.o.redis.on('close', this.onClose);
    await this.check();
  }

  stop(): void {
    this.running = false;
    this.o.redis.off('close', this.onClose);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One PING now (also usable on demand); resolves to the status after it. */
  async check(): Promise<RedisStatus> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const started = performance.now();
    const timeoutMs = this.o.timeoutMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.o.redis.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no PONG in ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      this.o.observe?.((performance.now() - started) / 1000);
      this.failures = 0;
      this.set('ok', null);
    } catch (err) {
      this.fail((err as Error).message);
    } finally {
      clearTimeout(timer);
    }
    if (this.running) {
      this.timer = setTimeout(() => void this.check(), this.o.intervalMs ?? 1000);
      this.timer.unref();
    }
    return this.state;
  }

  private fail(message: string): void {
    this.failures += 1;
    if (this.failures >= (this.o.failuresToDown ?? 1)) this.set('down', message);
  }

  private set(status: RedisStatus, error: string | null): void {
    this.lastError = error;
    if (status === this.state) return;
    this.state = status;
    this.o.onChange?.(status, error);
  }
}
