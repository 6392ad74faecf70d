import type { Snapshot } from '@vigie/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer } from '../../test/support/redis-server';
import { TrendBook } from '../trend/trend';
import { closeRedis, connectRedis, waitForReady } from './redis-connection';
import { SharedTrend } from './shared-trend';

let server: RedisServer;
beforeAll(async () => {
  server = await RedisServer.start();
});
afterAll(() => server.dispose());

/** Just what the trend reads from a snapshot. */
const snap = (at: string, waiting: number) =>
  ({
    upstream: { sources: { groups: { lastSuccessAt: at } } },
    groups: [
      {
        id: 3,
        waiting,
        longestWaitSeconds: 0,
        answeredPercent: 100,
        serviceLevelPercent: null,
        calls: 1,
        lost: 0,
        operators: { available: 1 },
      },
    ],
  }) as unknown as Snapshot;

const log = { warn: () => expect.unreachable('no record is refused here') };

describe('the trend kept once for the cluster', () => {
  it('is written by the leader and read the same by an instance that never recorded it', async () => {
    const writer = connectRedis(server.url, { name: 'trend-w' });
    const reader = connectRedis(server.url, { name: 'trend-r' });
    try {
      await Promise.all([waitForReady(writer), waitForReady(reader)]);
      const book = new TrendBook({ stepMs: 60_000, timeZone: 'Europe/Paris' });
      const leader = new SharedTrend({ redis: writer, prefix: 't:{x}:trend', maxPoints: 3, log });
      const follower = new SharedTrend({ redis: reader, prefix: 't:{x}:trend', maxPoints: 3, log });
      const times = ['10:00:05', '10:00:35', '10:01:05', '10:02:05', '10:03:05'];
      for (const [i, t] of times.entries()) {
        const update = book.record(snap(`2026-11-27T${t}.000Z`, i));
        if (update) await leader.append(update);
      }
      const points = await follower.points(3);
      // One point per minute (the latest poll of the minute wins), at most maxPoints.
      expect(points?.map((p) => [p.at, p.waiting])).toEqual([
        ['2026-11-27T10:01:00.000Z', 2],
        ['2026-11-27T10:02:00.000Z', 3],
        ['2026-11-27T10:03:00.000Z', 4],
      ]);
      expect(await follower.points(99)).toBeUndefined();
    } finally {
      await Promise.all([closeRedis(writer), closeRedis(reader)]);
    }
  });

  it('leaves out a corrupt or older-shaped point (a rolling upgrade) with one warning; none left is none at all', async () => {
    const redis = connectRedis(server.url, { name: 'trend-old' });
    try {
      await waitForReady(redis);
      const lines: { obj: object; msg: string }[] = [];
      const trend = new SharedTrend({
        redis,
        prefix: 't:{old}:trend',
        maxPoints: 10,
        log: { warn: (obj, msg) => void lines.push({ obj, msg }) },
      });
      const good = {
        at: '2026-11-27T10:01:00.000Z',
        waiting: 2,
        longestWaitSeconds: 0,
        answeredPercent: 100,
        serviceLevelPercent: null,
        calls: 1,
        lost: 0,
        available: 1,
      };
      const { available: _available, ...older } = { ...good, at: '2026-11-27T10:02:00.000Z' };
      await redis.set('t:{old}:trend:day', '2026-11-27');
      await redis.rpush(
        't:{old}:trend:2026-11-27:3',
        JSON.stringify(good),
        '{"at":',
        JSON.stringify(older),
      );
      expect(await trend.points(3)).toEqual([good]);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.msg).toMatch(/shared trend of group 3: 2 records .* ignored/);
      await redis.rpush('t:{old}:trend:2026-11-27:4', JSON.stringify(older));
      expect(await trend.points(4)).toBeUndefined();
      expect(lines).toHaveLength(2);
      expect(lines[1]?.obj).toMatchObject({
        problems: [expect.stringMatching(/required properties available/)],
      });
    } finally {
      await closeRedis(redis);
    }
  });
});
