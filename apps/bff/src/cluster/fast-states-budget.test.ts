import { describe, expect, it } from 'vitest';
import { redisForFile } from '../../test/support/redis-harness';
import { FastStatesBudget } from './fast-states-budget';
import { clusterKeys } from './keys';

const harness = redisForFile('fast-budget-test');

describe('VIGIE_FAST_STATES budget on Redis (cluster-wide)', () => {
  it('lets `max` calls a minute through for three instances together, and says how long to wait', async () => {
    const key = clusterKeys('test:{fast}').fastStatesBudget;
    const MAX = 25;
    const budgets = await Promise.all(
      ['a', 'b', 'c'].map(
        async (instanceId) =>
          new FastStatesBudget({
            redis: await harness.connect(),
            key,
            instanceId,
            maxPerMinute: MAX,
            holdMs: 62_000,
          }),
      ),
    );
    // 90 attempts at once, from three instances: exactly MAX pass.
    const got = await Promise.all(Array.from({ length: 90 }, (_, i) => budgets[i % 3]!.take()));
    expect(got.filter((r) => r === null).length).toBe(MAX);
    const waits = got.filter((r): r is number => r !== null);
    expect(waits.length).toBe(90 - MAX);
    // The oldest call frees its slot a minute plus the timeout after it: that is the wait.
    for (const w of waits) {
      expect(w).toBeGreaterThan(57_000);
      expect(w).toBeLessThanOrEqual(62_000);
    }
    const r = await harness.connect();
    expect(await r.zcard(key)).toBe(MAX);
    expect(await r.pttl(key)).toBeGreaterThan(0);
  });
});
