import { describe, expect, it } from 'vitest';
import { redisForFile } from '../../test/support/redis-harness';
import { RedisServer } from '../../test/support/redis-server';
import { sleep } from '../../test/support/wait';
import { Lease } from './lease';
import { closeRedis, connectRedis, waitForReady } from './redis-connection';

const harness = redisForFile('lease-test');
const connect = () => harness.connect();

describe('lease', () => {
  it('is held by exactly one of three contenders at a time', async () => {
    const key = 'test:lease:exclusive';
    const leases = await Promise.all(
      ['a', 'b', 'c'].map(
        async (owner) => new Lease({ redis: await connect(), key, owner, ttlMs: 2000 }),
      ),
    );
    for (let round = 0; round < 5; round++) {
      const won = await Promise.all(leases.map((l) => l.acquire()));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = leases[won.indexOf(true)];
      expect(await winner?.holder()).toBe(['a', 'b', 'c'][won.indexOf(true)]);
      await winner?.release();
      expect(await leases[0]?.holder()).toBeNull();
    }
  });

  it('is kept by renewal beyond its ttl, and reported from Redis by remainingMs', async () => {
    const key = 'test:lease:renew';
    const a = new Lease({ redis: await connect(), key, owner: 'a', ttlMs: 300 });
    const b = new Lease({ redis: await connect(), key, owner: 'b', ttlMs: 300 });
    expect(await a.acquire()).toBe(true);
    for (let i = 0; i < 6; i++) {
      await sleep(100);
      expect(await a.renew()).toBe(true);
      expect(await b.acquire()).toBe(false);
    }
    const left = await a.remainingMs();
    expect(left).toBeGreaterThan(150);
    expect(left).toBeLessThanOrEqual(300);
    expect(await b.remainingMs()).toBe(0);
  });

  it('expires when its holder stops renewing (a stalled process), and the stale holder is fenced', async () => {
    const key = 'test:lease:stall';
    const a = new Lease({ redis: await connect(), key, owner: 'a', ttlMs: 200 });
    const b = new Lease({ redis: await connect(), key, owner: 'b', ttlMs: 200 });
    expect(await a.acquire()).toBe(true);
    expect(await a.holds(50)).toBe(true);
    await sleep(260); // a "froze" and did not renew
    expect(await b.acquire()).toBe(true);
    // a wakes up: fencing says no, and renewing does not steal b's lease back.
    expect(await a.holds(0)).toBe(false);
    expect(await a.renew()).toBe(false);
    expect(a.held).toBe(false);
    expect(await b.holds(50)).toBe(true);
    // Compare-and-delete: a's release never removes b's lease.
    await a.release();
    expect(await b.holder()).toBe('b');
  });

  it('fences a holder whose remaining time cannot cover the request', async () => {
    const a = new Lease({
      redis: await connect(),
      key: 'test:lease:short',
      owner: 'a',
      ttlMs: 400,
    });
    expect(await a.acquire()).toBe(true);
    expect(await a.holds(100)).toBe(true);
    expect(await a.holds(1000)).toBe(false); // a 1 s request would outlive the lease
    await sleep(250);
    expect(await a.holds(200)).toBe(false);
    expect(await a.renew()).toBe(true);
    expect(await a.holds(200)).toBe(true);
  });

  it('says no at once when Redis is unreachable, and is lost after Redis comes back empty', async () => {
    const own = await RedisServer.start();
    const redis = connectRedis(own.url, { name: 'lease-down', commandTimeoutMs: 300 });
    await waitForReady(redis);
    try {
      const a = new Lease({ redis, key: 'test:lease:down', owner: 'a', ttlMs: 5000 });
      expect(await a.acquire()).toBe(true);
      await own.kill();
      const t0 = Date.now();
      expect(await a.holds(100)).toBe(false);
      expect(Date.now() - t0).toBeLessThan(1000);
      await expect(a.renew()).rejects.toThrow();
      await own.restart();
      await expect.poll(() => redis.status, { timeout: 5000 }).toBe('ready');
      // The restarted Redis has no lease: renewing fails, acquiring works again.
      expect(await a.renew()).toBe(false);
      expect(await a.acquire()).toBe(true);
    } finally {
      await closeRedis(redis);
      await own.dispose();
    }
  });
});
