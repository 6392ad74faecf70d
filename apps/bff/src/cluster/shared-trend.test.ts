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

describe('the trend kept once for the cluster', () => {
  it('is written by the leader and read the same by an instance that never recorded it', async () => {
    const writer = connectRedis(server.url, { name: 'trend-w' });
    const reader = connectRedis(server.url, { name: 'trend-r' });
    try {
      await Promise.all([waitForReady(writer), waitForReady(reader)]);
      const book = new TrendBook({ stepMs: 60_000, timeZone: 'Europe/Paris' });
      const leader = new SharedTrend({ redis: writer, prefix: 't:{x}:trend', maxPoints: 3 });
      const follower = new SharedTrend({ redis: reader, prefix: 't:{x}:trend', maxPoints: 3 });
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
});
