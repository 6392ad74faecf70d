import { describe, expect, it } from 'vitest';
import { redisForFile } from '../../test/support/redis-harness';
import { RedisServer } from '../../test/support/redis-server';
import { clusterKeys } from './keys';
import { Lease } from './lease';
import { SnapshotChannel, type ReceivedSnapshot } from './snapshot-channel';

const harness = redisForFile('channel-test');
const connect = (subscriber = false, url?: string) =>
  harness.connect({ subscriber, ...(url === undefined ? {} : { url }) });

async function instance(ns: string, url?: string) {
  const got: ReceivedSnapshot[] = [];
  const channel = new SnapshotChannel({
    redis: await connect(false, url),
    subscriber: await connect(true, url),
    keys: clusterKeys(ns),
    onSnapshot: (s) => got.push(s),
  });
  await channel.start();
  return { channel, got };
}

describe('snapshot fan-out', () => {
  it('delivers every published snapshot to every instance with the same seq and identical bytes', async () => {
    const ns = 'test:{fanout}';
    const all = await Promise.all([instance(ns), instance(ns), instance(ns)]);
    const leader = all[0]!.channel;
    const published: { seq: number; json: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await leader.publish((seq) =>
        JSON.stringify({ seq, n: i, pad: 'é'.repeat(i * 100) }),
      );
      expect(r?.receivers).toBe(3);
      published.push({ seq: r!.seq, json: r!.json });
    }
    for (const { got } of all) await expect.poll(() => got.length, { timeout: 3000 }).toBe(20);
    for (const { got } of all)
      expect(got.map((g) => ({ seq: g.seq, json: g.json }))).toEqual(published);
    // seqs increase by one within a Redis lifetime
    expect(published.at(-1)!.seq - published[0]!.seq).toBe(19);
    // A new instance gets the latest at once from the key.
    const late = await instance(ns);
    expect(late.got).toHaveLength(1);
    expect(late.got[0]).toMatchObject({ seq: published.at(-1)!.seq, via: 'latest' });
    expect(late.got[0]!.json).toBe(published.at(-1)!.json);
  });

  it('does not publish for a leader that lost its lease', async () => {
    const ns = 'test:{fenced}';
    const { channel, got } = await instance(ns);
    const lease = new Lease({
      redis: await connect(),
      key: clusterKeys(ns).lease,
      owner: 'a',
      ttlMs: 5000,
    });
    expect(await lease.acquire()).toBe(true);
    const token = lease.token;
    expect(await channel.publish((seq) => `{"seq":${seq}}`, token)).not.toBeNull();
    await lease.release();
    expect(await channel.publish((seq) => `{"seq":${seq}}`, token)).toBeNull();
    await expect.poll(() => got.length).toBe(1);
  });

  it('keeps seqs increasing across a Redis restart that lost every key, and catches up after reconnecting', async () => {
    const own = await RedisServer.start();
    try {
      const ns = 'test:{restart}';
      const a = await instance(ns, own.url);
      const b = await instance(ns, own.url);
      const before = await a.channel.publish((seq) => `{"seq":${seq}}`);
      await expect.poll(() => b.got.length).toBe(1);
      await own.restart();
      await expect
        .poll(() => harness.conns.every((c) => c.status === 'ready'), { timeout: 5000 })
        .toBe(true);
      const after = await a.channel.publish((seq) => `{"seq":${seq}}`);
      expect(after!.seq).toBeGreaterThan(before!.seq);
      await expect
        .poll(() => b.got.map((g) => g.seq), { timeout: 5000 })
        .toEqual([before!.seq, after!.seq]);
    } finally {
      await own.dispose();
    }
  });
});
