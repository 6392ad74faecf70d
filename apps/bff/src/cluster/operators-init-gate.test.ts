import { describe, expect, it } from 'vitest';
import { redisForFile } from '../../test/support/redis-harness';
import { sleep } from '../../test/support/wait';
import { Lease } from './lease';
import { OperatorsInitGate } from './operators-init-gate';

const harness = redisForFile('gate-test');
const connect = () => harness.connect();

/** Two would-be leaders of one account, each with its own connection, lease and gate. */
async function leaders(ns: string, ttlMs = 2000, timeoutMs = 200) {
  return Promise.all(
    ['a', 'b'].map(async (owner) => {
      const redis = await connect();
      const lease = new Lease({ redis, key: `${ns}:lease`, owner, ttlMs });
      const gate = new OperatorsInitGate({
        redis,
        key: `${ns}:opinit`,
        leaseKey: `${ns}:lease`,
        timeoutMs,
      });
      return { lease, gate };
    }),
  );
}

describe('operators_init reservation on the Redis clock', () => {
  it('makes the first call of an unknown history wait one interval, then spaces calls by the interval', async () => {
    const [a] = await leaders('test:gate:first');
    const first = await a!.gate.reserveOperatorsInit(30_000);
    expect(first.ok).toBe(false);
    if (!first.ok) expect(first.waitMs).toBeGreaterThan(29_000);
    const [b] = await leaders('test:gate:spacing');
    await b!.gate.reserveOperatorsInit(300); // records the unknown history
    await sleep(320);
    const go = await b!.gate.reserveOperatorsInit(300);
    expect(go.ok).toBe(true);
    const again = await b!.gate.reserveOperatorsInit(300);
    expect(again).toMatchObject({ ok: false, reason: 'interval' });
    // Until the call reports its end, the next one waits for the timeout too (a dead leader).
    if (!again.ok) expect(again.waitMs).toBeGreaterThan(400);
  });

  it('keeps the interval across two leaders: a new leader waits for the previous leader’s last call', async () => {
    const [a, b] = await leaders('test:gate:failover', 300);
    expect(await a!.lease.acquire()).toBe(true);
    const fence = () => ({ leaseValue: a!.lease.token ?? '', minLeaseMs: 100 });
    await a!.gate.reserveOperatorsInit(500, fence());
    await sleep(520);
    const call = await a!.gate.reserveOperatorsInit(500, fence());
    expect(call.ok).toBe(true);
    if (!call.ok) return;
    await a!.gate.completeOperatorsInit(call.at, 500);
    const record = await a!.gate.last();
    expect(record?.startedAt).toBe(call.at);
    expect(record?.endedAt).toBeGreaterThanOrEqual(call.at);
    // a dies; b takes the lease when it expires and must still wait for the interval.
    await sleep(320);
    expect(await b!.lease.acquire()).toBe(true);
    const early = await b!.gate.reserveOperatorsInit(500, {
      leaseValue: b!.lease.token ?? '',
      minLeaseMs: 100,
    });
    expect(early).toMatchObject({ ok: false, reason: 'interval' });
    if (early.ok) return;
    expect(early.waitMs).toBeGreaterThan(100);
    await sleep(early.waitMs + 5);
    await b!.lease.renew();
    const late = await b!.gate.reserveOperatorsInit(500, {
      leaseValue: b!.lease.token ?? '',
      minLeaseMs: 100,
    });
    expect(late.ok).toBe(true);
    if (late.ok) expect(late.at - (record?.endedAt ?? 0)).toBeGreaterThanOrEqual(500);
  });

  it('refuses a holder that lost the lease, or whose lease is too short for the request', async () => {
    const [a, b] = await leaders('test:gate:fence', 200);
    expect(await a!.lease.acquire()).toBe(true);
    const staleValue = a!.lease.token ?? '';
    const short = await a!.gate.reserveOperatorsInit(10, {
      leaseValue: staleValue,
      minLeaseMs: 5000,
    });
    expect(short).toMatchObject({ ok: false, reason: 'lease-short' });
    await sleep(230);
    expect(await b!.lease.acquire()).toBe(true);
    const stale = await a!.gate.reserveOperatorsInit(10, { leaseValue: staleValue, minLeaseMs: 0 });
    expect(stale).toMatchObject({ ok: false, reason: 'not-leader' });
  });
});
