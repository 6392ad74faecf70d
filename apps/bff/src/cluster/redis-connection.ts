// Connections to Redis: fail fast when it is away (never queue a command for later), reconnect by themselves.
import { Redis, type RedisOptions } from 'ioredis';
import { fullJitter } from '../lib/backoff';

export interface RedisConnectionOptions {
  /** Shown in CLIENT LIST, e.g. `vigie:<instanceId>:cmd`. */
  name: string;
  /** A command that gets no answer in this time fails (a frozen Redis is a down Redis). */
  commandTimeoutMs?: number;
  /** For a subscriber: keep SUBSCRIBE queued until connected (it is resubscribed after each reconnect). */
  subscriber?: boolean;
  onError?: (err: Error) => void;
}

/** Full-jitter backoff between reconnects (STYLE 7): 100 ms doubling to 2 s. */
function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return fullJitter({
    baseMs: 100,
    exponent: Math.min(attempt, 5),
    capMs: 2000,
    floorMs: 50,
    random,
  });
}

export function connectRedis(url: string, o: RedisConnectionOptions): Redis {
  const options: RedisOptions = {
    connectionName: o.name,
    lazyConnect: false,
    connectTimeout: 2000,
    // Fencing needs a "no" now rather than a "yes" later: a command while disconnected fails at
    // once, and one in flight when the connection drops is not retried.
    enableOfflineQueue: o.subscriber === true,
    maxRetriesPerRequest: o.subscriber === true ? null : 0,
    retryStrategy: (attempt) => reconnectDelay(attempt),
    ...(o.subscriber === true ? {} : { commandTimeout: o.commandTimeoutMs ?? 1000 }),
  };
  const redis = new Redis(url, options);
  // Without a listener ioredis prints every connection error; the health monitor reports them.
  redis.on('error', (err: Error) => o.onError?.(err));
  return redis;
}

/** Closes a connection without waiting for a server that may be gone. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await Promise.race([redis.quit(), new Promise((r) => setTimeout(r, 500).unref())]);
  } catch {
    // already closing or unreachable
  }
  redis.disconnect(false);
}

/** Resolves true once the connection is ready, false after `timeoutMs` (it keeps trying). */
export function waitForReady(redis: Redis, timeoutMs = 5000): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}
