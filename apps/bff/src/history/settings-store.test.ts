// The settings stores held to one behaviour: versions, 409s that write nothing, the audit, the
// change feed; SQLite on a real file, Redis on a real redis-server (two instances hear each other).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { RedisServer } from '../../test/support/redis-server';
import { closeRedis, connectRedis, waitForReady } from '../cluster';
import { ConflictError } from '../lib/errors';
import { openSqliteWithSettings } from './open-store';
import { RedisSettingsStore } from './settings-redis';
import { MemorySettingsStore, type SettingsChange, type SettingsStore } from './settings-store';

let server: RedisServer;
beforeAll(async () => {
  server = await RedisServer.start();
});
afterAll(() => server?.dispose());

const T0 = Date.parse('2026-12-02T09:00:00Z');
let n = 0;

async function redisStore(namespace: string, instanceId: string): Promise<RedisSettingsStore> {
  const redis = connectRedis(server.url, { name: `settings-test-${instanceId}` });
  const subscriber = connectRedis(server.url, {
    name: `settings-sub-${instanceId}`,
    subscriber: true,
  });
  expect(await waitForReady(redis)).toBe(true);
  const store = new RedisSettingsStore({ redis, subscriber, namespace, instanceId });
  onTestFinished(async () => {
    await store.close();
    await closeRedis(redis);
  });
  return store;
}

const makers: Record<string, () => Promise<SettingsStore>> = {
  memory: async () => new MemorySettingsStore(),
  sqlite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-settings-'));
    const { store, settings } = await openSqliteWithSettings(dir, 'demo@embedded', {
      warn: () => {},
    });
    onTestFinished(() => store.close());
    return settings;
  },
  redis: async () => redisStore(`vigie:{settings-${process.pid}-${n++}}`, 'a'),
};

describe.each(Object.keys(makers))('the %s settings store', (name) => {
  const make = makers[name] as () => Promise<SettingsStore>;

  it('creates at version 1, bumps on update, keeps values exactly (empty arrays, big ints)', async () => {
    const s = await make();
    const value = { name: 'Support', groups: [], big: 9007199254740991, text: 'a\nb "q"' };
    const [created] = await s.write(
      [{ kind: 'board', id: 'support', value, expected: null }],
      'alice',
      T0,
    );
    expect(created?.version).toBe(1);
    expect(await s.get('board', 'support')).toMatchObject({
      version: 1,
      updatedBy: 'alice',
      updatedAt: new Date(T0).toISOString(),
      value,
    });
    const [updated] = await s.write(
      [{ kind: 'board', id: 'support', value: { ...value, name: 'Support floor' }, expected: 1 }],
      'bob',
      T0 + 1000,
    );
    expect(updated?.version).toBe(2);
    expect((await s.list('board')).map((d) => [d.id, d.version])).toEqual([['support', 2]]);
    expect(await s.list('screen')).toEqual([]);
  });

  it('answers a stale version with a 409 naming the version, and writes nothing of the batch', async () => {
    const s = await make();
    await s.write([{ kind: 'board', id: 'a', value: { v: 1 }, expected: null }], 'alice', T0);
    const err = await s
      .write(
        [
          { kind: 'board', id: 'b', value: { v: 1 }, expected: null },
          { kind: 'board', id: 'a', value: { v: 2 }, expected: 7 },
        ],
        'bob',
        T0,
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).current).toBe(1);
    expect((err as ConflictError).field).toBe('version');
    expect(await s.get('board', 'b')).toBeNull();
    expect((await s.get('board', 'a'))?.value).toEqual({ v: 1 });
    // A create over an existing one is a conflict too.
    await expect(
      s.write([{ kind: 'board', id: 'a', value: {}, expected: null }], 'bob', T0),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await s.audit({ limit: 10 })).length).toBe(1);
  });

  it('audits who, when, before and after (the audit form, never the secret), newest first', async () => {
    const s = await make();
    await s.write(
      [
        {
          kind: 'screen',
          id: 'tv',
          value: { name: 'TV', tokenHash: 'h1' },
          audit: { name: 'TV' },
          expected: null,
        },
      ],
      'alice',
      T0,
    );
    await s.write(
      [
        {
          kind: 'screen',
          id: 'tv',
          value: { name: 'TV 2', tokenHash: 'h1' },
          audit: { name: 'TV 2' },
          expected: 1,
        },
      ],
      'bob',
      T0 + 1,
    );
    await s.write([{ kind: 'screen', id: 'tv', value: null, expected: 2 }], 'carol', T0 + 2);
    const entries = await s.audit({ limit: 10 });
    expect(entries.map((e) => [e.action, e.actor, e.before, e.after])).toEqual([
      ['delete', 'carol', { name: 'TV 2' }, null],
      ['update', 'bob', { name: 'TV' }, { name: 'TV 2' }],
      ['create', 'alice', null, { name: 'TV' }],
    ]);
    expect(JSON.stringify(entries)).not.toContain('h1');
    expect(await s.get('screen', 'tv')).toBeNull();
    const [newest, middle] = entries;
    expect((await s.audit({ limit: 10, beforeSeq: newest?.seq ?? 0 })).map((e) => e.seq)).toEqual([
      middle?.seq,
      entries[2]?.seq,
    ]);
    expect(await s.audit({ limit: 10, kind: 'board' })).toEqual([]);
    await s.write([{ kind: 'board', id: 'x', value: {}, expected: 'any' }], 'dave', T0, 'import');
    expect((await s.audit({ limit: 1 }))[0]).toMatchObject({
      action: 'import',
      kind: 'board',
      id: 'x',
    });
  });

  it('tells its listeners which kinds changed', async () => {
    const s = await make();
    const heard: SettingsChange[] = [];
    const off = s.onChange((c) => heard.push(c));
    await s.write(
      [
        { kind: 'board', id: 'a', value: {}, expected: null },
        { kind: 'queue', id: '101', value: {}, expected: null },
      ],
      'alice',
      T0,
    );
    off();
    await s.write([{ kind: 'ticker', id: 'm', value: {}, expected: null }], 'alice', T0);
    expect(heard).toEqual([{ kinds: ['board', 'queue'] }]);
  });
});

describe('the Redis settings store in a cluster', () => {
  it('lets every instance read a change and hear of it at once', async () => {
    const ns = `vigie:{settings-${process.pid}-cluster}`;
    const a = await redisStore(ns, 'a');
    const b = await redisStore(ns, 'b');
    const heard = new Promise<SettingsChange>((resolve) => b.onChange(resolve));
    // Give b's SUBSCRIBE its round trip.
    await new Promise((r) => setTimeout(r, 100));
    await a.write(
      [{ kind: 'board', id: 'sales', value: { name: 'Sales' }, expected: null }],
      'alice',
      T0,
    );
    expect(await heard).toEqual({ kinds: ['board'] });
    expect((await b.get('board', 'sales'))?.value).toEqual({ name: 'Sales' });
    // b's write based on what it read wins; a's stale one is refused.
    await b.write(
      [{ kind: 'board', id: 'sales', value: { name: 'Sales B' }, expected: 1 }],
      'bob',
      T0,
    );
    await expect(
      a.write(
        [{ kind: 'board', id: 'sales', value: { name: 'Sales A' }, expected: 1 }],
        'alice',
        T0,
      ),
    ).rejects.toMatchObject({ statusCode: 409, current: 2 });
  });
});
