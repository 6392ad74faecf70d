// The cluster's history store against a real redis-server (never a mock): the behaviours the SQLite store is held to.
import type { AlertEvent } from '@vigie/contract';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { RedisServer } from '../../test/support/redis-server';
import { closeRedis, connectRedis, waitForReady } from '../cluster';
import type { AlertState } from './alert-state';
import { eventId, type CoverageLive, type HistoryStore } from './history-store';
import { openStore } from './open-store';
import { RedisStore } from './redis-store';

let server: RedisServer;
beforeAll(async () => {
  server = await RedisServer.start();
});
afterAll(() => server?.dispose());

let namespaces = 0;
/** A connection and a namespace of its own per test (same hash-tag form as the cluster's). */
async function connect(): Promise<{ redis: Redis; namespace: string }> {
  const redis = connectRedis(server.url, { name: 'store-test' });
  onTestFinished(() => closeRedis(redis));
  expect(await waitForReady(redis)).toBe(true);
  namespaces += 1;
  return { redis, namespace: `vigie:{test-${process.pid}-${namespaces}}` };
}

/** The warnings a store gives (a record refused on reading), one entry per line. */
function quietLog() {
  const lines: { obj: object; msg: string }[] = [];
  return { lines, warn: (obj: object, msg: string) => void lines.push({ obj, msg }) };
}

const storeOn = (c: { redis: Redis; namespace: string }, retentionDays = 35) =>
  new RedisStore({ ...c, retentionDays, log: quietLog() });

const event = (type: 'raised' | 'cleared', at: string, since = '2026-03-02T08:00:00.000Z') =>
  ({
    type,
    at,
    alert: {
      id: `r:group:1:${Date.parse(since)}`,
      rule: 'r',
      kind: 'queue-unattended',
      severity: 'critical',
      subject: { kind: 'group', id: '1' },
      since,
      figures: { waiting: 2 },
    },
  }) satisfies AlertEvent;

const live = (x: Partial<CoverageLive> = {}): CoverageLive => ({
  calls: 1,
  answered: 1,
  lost: 0,
  observedSeconds: 1,
  loggedInSeconds: 1,
  availableSeconds: 1,
  ...x,
});

describe('the Redis store (cluster mode) on a real redis-server', () => {
  it('is the store openStore picks in cluster mode, named by its namespace', async () => {
    const c = await connect();
    const errors: string[] = [];
    const { store, settings, problem } = await openStore({
      dataDir: '/nonexistent/never-used',
      retentionDays: 35,
      account: 'user@https://api.example',
      redis: {
        ...c,
        subscriber: connectRedis(server.url, { name: 'store-test-sub', subscriber: true }),
        instanceId: 'store-test',
      },
      log: {
        error: (_o, m) => errors.push(m),
        info: () => undefined,
        warn: (_o, m) => errors.push(m),
      },
    });
    onTestFinished(() => settings.close());
    expect(store.kind).toBe('redis');
    expect(settings.kind).toBe('redis');
    expect(problem).toBeNull();
    expect(errors).toEqual([]);
    expect(store.location).toContain(c.namespace);
  });

  it('stores each transition once (SET NX), also for two leaders at the same moment, and reads a [from, to) range in order', async () => {
    const c = await connect();
    const s = storeOn(c);
    const raised = event('raised', '2026-03-02T08:00:15.000Z');
    const cleared = event('cleared', '2026-03-02T08:05:00.000Z');
    expect(await s.addAlertEvents([raised])).toEqual([raised]);
    expect(await s.addAlertEvents([raised])).toEqual([]); // once only
    // Two leaders for a moment (a new one, the old one not yet fenced): the clear goes through once.
    const other = storeOn(await connect().then((x) => ({ ...x, namespace: c.namespace })));
    const [a, b] = await Promise.all([
      s.addAlertEvents([cleared]),
      other.addAlertEvents([cleared]),
    ]);
    expect([...a, ...b]).toEqual([cleared]);
    // A batch with one old and one new event returns only the new one.
    const later = event('raised', '2026-03-02T09:00:00.000Z', '2026-03-02T08:59:00.000Z');
    expect(await s.addAlertEvents([raised, later])).toEqual([later]);

    const all = await s.alertEvents(0, Date.parse('2026-03-03T00:00:00Z'));
    expect(all).toEqual([raised, cleared, later]);
    expect(all.map(eventId)).toEqual([
      `${raised.alert.id}:raised`,
      `${cleared.alert.id}:cleared`,
      `${later.alert.id}:raised`,
    ]);
    // `to` is excluded, `from` included.
    expect(
      await s.alertEvents(Date.parse(raised.at), Date.parse('2026-03-02T09:00:00.000Z')),
    ).toEqual([raised, cleared]);
    // Another instance (another connection) reads the same history.
    expect(await other.alertEvents(0, Date.parse('2026-03-03T00:00:00Z'))).toEqual(all);
  });

  it('adds coverage up per group-hour, keeps backfill apart (null stays null) and lists the covered hours', async () => {
    const c = await connect();
    const s = storeOn(c);
    const day = '2026-03-02';
    await s.addCoverage(day, 101, 9, live({ calls: 3, answered: 2, lost: 1, observedSeconds: 60 }));
    await s.addCoverage(
      day,
      101,
      9,
      live({ calls: 2, answered: 2, lost: 0, observedSeconds: 0.3, loggedInSeconds: 0.6 }),
    );
    await s.addCoverage(day, 102, 9, live({ calls: 7 }));
    await s.setBackfill(day, 101, 8, {
      calls: 12,
      answered: 10,
      lost: 2,
      seconds: 3600,
      loggedInSeconds: null,
      availableSeconds: null,
    });
    // The start hour: backfilled up to the start, seen live after it.
    await s.setBackfill(day, 101, 9, {
      calls: 4,
      answered: null,
      lost: null,
      seconds: 600,
      loggedInSeconds: 1200,
      availableSeconds: 0,
    });

    const cells = await s.coverage(day, 101);
    expect(cells.map((x) => x.hour)).toEqual([8, 9]);
    expect(cells[0]).toEqual({
      hour: 8,
      live: null,
      backfill: {
        calls: 12,
        answered: 10,
        lost: 2,
        seconds: 3600,
        loggedInSeconds: null,
        availableSeconds: null,
      },
    });
    expect(cells[1]?.live).toEqual({
      calls: 5,
      answered: 4,
      lost: 1,
      observedSeconds: 60.3,
      loggedInSeconds: 1.6,
      availableSeconds: 2,
    });
    expect(cells[1]?.backfill).toEqual({
      calls: 4,
      answered: null,
      lost: null,
      seconds: 600,
      loggedInSeconds: 1200,
      availableSeconds: 0,
    });
    expect((await s.coverage(day, 102)).map((x) => [x.hour, x.live?.calls])).toEqual([[9, 7]]);
    expect(await s.coverage(day, 103)).toEqual([]);
    expect(await s.coverage('2026-03-03', 101)).toEqual([]);
    expect(await s.coveredHours(day)).toEqual(new Set(['101:8', '101:9', '102:9']));
    expect(await s.coveredHours('2026-03-03')).toEqual(new Set());
  });

  it('round-trips the alert engine state and the counter baseline, read back by a new leader', async () => {
    const c = await connect();
    const s = storeOn(c);
    expect(await s.loadAlertState()).toBeNull();
    expect(await s.loadBaseline()).toBeNull();
    const state: AlertState = {
      version: 1,
      tracks: {
        'r|group|1': {
          rule: 'r',
          kind: 'queue-unattended',
          severity: 'critical',
          subject: { kind: 'group', id: '1' },
          trueSince: 1_772_438_400_000,
          falseSince: null,
          raisedAt: 1_772_438_415_000,
          since: 1_772_438_400_000,
          figures: { waiting: 2, available: 0 },
        },
      },
      samples: {
        '1': [
          { at: 1_772_438_400_000, serviceLevelPercent: 80.5, answeredPercent: null },
          { at: 1_772_438_401_000, serviceLevelPercent: null, answeredPercent: 100 },
        ],
      },
    };
    await s.saveAlertState(state);
    const baseline = {
      day: '2026-03-02',
      at: 1_772_438_401_000,
      groups: { '1': { calls: 10, answered: 9, lost: 1 } },
    };
    await s.saveBaseline(baseline);
    const next = storeOn(await connect().then((x) => ({ ...x, namespace: c.namespace })));
    expect(await next.loadAlertState()).toEqual(state);
    expect(await next.loadBaseline()).toEqual(baseline);
    // The last save wins.
    await next.saveAlertState({ version: 1, tracks: {}, samples: {} });
    expect(await s.loadAlertState()).toEqual({ version: 1, tracks: {}, samples: {} });
  });

  it('keeps the trend out of this store: the cluster keeps it once in its own keys (shared-trend)', async () => {
    const s: HistoryStore = storeOn(await connect());
    await s.appendTrend('2026-03-02', [
      [
        1,
        {
          at: '2026-03-02T08:00:00.000Z',
          waiting: 1,
          longestWaitSeconds: 3,
          answeredPercent: 90,
          serviceLevelPercent: 80,
          calls: 10,
          lost: 1,
          available: 2,
        },
      ],
    ]);
    expect(await s.trendOf('2026-03-02')).toEqual(new Map());
  });

  it('retention removes the days and events before the first kept ones, and every key expires by itself', async () => {
    const c = await connect();
    const retentionDays = 35;
    const s = storeOn(c, retentionDays);
    await s.addCoverage('2026-01-01', 1, 9, live());
    await s.setBackfill('2026-01-01', 2, 8, {
      calls: 1,
      answered: 1,
      lost: 0,
      seconds: 3600,
      loggedInSeconds: null,
      availableSeconds: null,
    });
    await s.addCoverage('2026-03-02', 1, 9, live());
    await s.addAlertEvents([event('raised', '2026-01-01T08:00:00.000Z')]);
    await s.addAlertEvents([
      event('raised', '2026-03-02T08:00:00.000Z', '2026-03-02T07:59:00.000Z'),
    ]);
    await s.saveAlertState({ version: 1, tracks: {}, samples: {} });
    await s.saveBaseline({ day: '2026-03-02', at: 0, groups: {} });

    // Every key of the store has a TTL past the retention (the namespace's hash tag: one slot).
    const keys = await c.redis.keys(`${c.namespace.replace(/[{}]/g, '?')}:*`);
    // 3 coverage hashes, 2 covered sets, the events and their 2 gates, the state, the baseline.
    expect(keys.length).toBe(10);
    for (const k of keys) {
      const ttl = await c.redis.ttl(k);
      // The events' sorted set is trimmed by prune; everything else goes by itself.
      if (k.endsWith(':events')) continue;
      expect(ttl, k).toBeGreaterThan(retentionDays * 86_400);
      expect(ttl, k).toBeLessThanOrEqual((retentionDays + 1) * 86_400);
    }

    // Two old group-hours and one old event, as the SQLite store counts them.
    const removed = await s.prune('2026-02-01', Date.parse('2026-02-01T00:00:00Z'));
    expect(removed).toBe(3);
    expect(await s.coverage('2026-01-01', 1)).toEqual([]);
    expect(await s.coverage('2026-01-01', 2)).toEqual([]);
    expect(await s.coveredHours('2026-01-01')).toEqual(new Set());
    expect(await s.coverage('2026-03-02', 1)).toHaveLength(1);
    expect(await s.coveredHours('2026-03-02')).toEqual(new Set(['1:9']));
    const left = await s.alertEvents(0, Date.parse('2026-04-01T00:00:00Z'));
    expect(left.map((e) => e.at)).toEqual(['2026-03-02T08:00:00.000Z']);
    expect(await s.loadAlertState()).not.toBeNull();
    // Again: nothing more to remove.
    expect(await s.prune('2026-02-01', Date.parse('2026-02-01T00:00:00Z'))).toBe(0);
  });

  it('refuses a corrupt or older-shaped record read back (a rolling upgrade): absent, one warning naming what failed, never its value', async () => {
    const c = await connect();
    const log = quietLog();
    const s = new RedisStore({ ...c, retentionDays: 35, log });
    const key = (k: string) => `${c.namespace}:intel:${k}`;
    const taken = () => log.lines.splice(0).map((l) => l.msg);

    await c.redis.set(key('alert-state'), '{"version":1,"tracks":');
    expect(await s.loadAlertState()).toBeNull();
    expect(taken()).toEqual([expect.stringMatching(/alert state: .*not JSON/)]);
    await c.redis.set(key('alert-state'), '{"version":0,"tracks":{},"samples":{}}');
    expect(await s.loadAlertState()).toBeNull();
    expect(taken()).toEqual([expect.stringMatching(/alert state: .*\/version/)]);

    await c.redis.set(key('baseline'), 'not json');
    expect(await s.loadBaseline()).toBeNull();
    expect(taken()).toEqual([expect.stringMatching(/counter baseline: .*not JSON/)]);
    // A baseline of before per-group counters: no `groups`, and a figure that is not a number.
    await c.redis.set(key('baseline'), '{"day":"2026-03-02","at":"secret-figure"}');
    expect(await s.loadBaseline()).toBeNull();
    const [line] = log.lines.splice(0);
    expect(line?.msg).toMatch(/counter baseline: a record not of this version's shape, ignored/);
    expect(line?.obj).toMatchObject({
      problems: expect.arrayContaining([
        expect.stringMatching(/required properties groups/),
        '/at: must be number',
      ]),
    });
    expect(JSON.stringify(line)).not.toContain('secret-figure');

    // Among the events, the good one is kept and the two bad ones are skipped with one line.
    const raised = event('raised', '2026-03-02T08:00:15.000Z');
    const { kind: _kind, ...olderAlert } = raised.alert;
    await s.addAlertEvents([raised]);
    await c.redis.zadd(key('events'), Date.parse('2026-03-02T08:01:00Z'), 'garbage{');
    await c.redis.zadd(
      key('events'),
      Date.parse('2026-03-02T08:02:00Z'),
      JSON.stringify({ ...raised, at: '2026-03-02T08:02:00.000Z', alert: olderAlert }),
    );
    expect(await s.alertEvents(0, Date.parse('2026-03-03T00:00:00Z'))).toEqual([raised]);
    const [events] = log.lines.splice(0);
    expect(events?.msg).toMatch(/alert events: 2 records .*not JSON/);
    expect(events?.obj).toMatchObject({ count: 2 });
    expect(log.lines).toEqual([]);
  });

  it('fails fast while Redis is away (callers log and carry on), and works again once it is back', async () => {
    const own = await RedisServer.start();
    onTestFinished(() => own.dispose());
    const redis = connectRedis(own.url, { name: 'store-down' });
    onTestFinished(() => closeRedis(redis));
    expect(await waitForReady(redis)).toBe(true);
    const s = new RedisStore({
      redis,
      namespace: 'vigie:{down}',
      retentionDays: 35,
      log: quietLog(),
    });
    await s.addCoverage('2026-03-02', 1, 9, live());
    await own.stop();
    const t0 = Date.now();
    await expect(s.addCoverage('2026-03-02', 1, 9, live())).rejects.toThrow();
    await expect(s.loadAlertState()).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(3000);
    await own.restart();
    expect(await waitForReady(redis, 10_000)).toBe(true);
    // A restarted Redis without persistence is empty: the store starts afresh rather than failing.
    expect(await s.coverage('2026-03-02', 1)).toEqual([]);
    await s.addCoverage('2026-03-02', 1, 9, live({ calls: 4 }));
    expect((await s.coverage('2026-03-02', 1))[0]?.live?.calls).toBe(4);
  });
});
