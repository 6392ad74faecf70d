import { describe, expect, it } from 'vitest';
import { RedisServer } from '../../test/support/redis-server';
import { closeRedis, connectRedis } from './redis-connection';
import { RedisHealth, type RedisStatus } from './redis-health';

describe('Redis health', () => {
  it('reports ok with round trips, down when Redis stops or freezes, and ok again by itself', async () => {
    const server = await RedisServer.start();
    const redis = connectRedis(server.url, { name: 'health-test', commandTimeoutMs: 300 });
    const changes: RedisStatus[] = [];
    const rtts: number[] = [];
    const health = new RedisHealth({
      redis,
      intervalMs: 100,
      timeoutMs: 300,
      observe: (s) => rtts.push(s),
      onChange: (s) => changes.push(s),
    });
    try {
      await health.start();
      await expect.poll(() => health.status, { timeout: 3000 }).toBe('ok');
      await expect.poll(() => rtts.length).toBeGreaterThan(2);
      expect(Math.max(...rtts)).toBeLessThan(0.3);

      await server.stop();
      await expect.poll(() => health.status, { timeout: 3000 }).toBe('down');
      await server.restart();
      await expect.poll(() => health.status, { timeout: 5000 }).toBe('ok');

      server.pause(); // slow rather than gone: no answer within the timeout is down too
      await expect.poll(() => health.status, { timeout: 3000 }).toBe('down');
      server.resume();
      await expect.poll(() => health.status, { timeout: 5000 }).toBe('ok');
      // Emitted on change only.
      expect(changes).toEqual(['ok', 'down', 'ok', 'down', 'ok']);
    } finally {
      health.stop();
      await closeRedis(redis);
      await server.dispose();
    }
  });
});
