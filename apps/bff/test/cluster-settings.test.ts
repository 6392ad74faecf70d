// Settings in a cluster (issue 13): a board written on one instance is streamed as a `settings` event by the others and readable there at once; a concurrent edit across instances is one 409.
import { startSimulator, type RunningSimulator } from '@vigie/axialys-sim';
import type { Board, SettingsEvent, Snapshot } from '@vigie/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BffProcess,
  CLUSTER_SIM_OPTIONS,
  clusterEnv,
  eventually,
  RedisServer,
  SseClient,
} from './support';

const RATE_MS = 1000;

let redis: RedisServer;
let sim: RunningSimulator;
let bffs: BffProcess[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
  sim = await startSimulator({ ...CLUSTER_SIM_OPTIONS, rateLimitMs: RATE_MS });
  bffs = await Promise.all(
    ['a', 'b'].map((n) =>
      BffProcess.start(
        clusterEnv(sim, RATE_MS, {
          REDIS_URL: redis.url,
          VIGIE_INSTANCE_ID: `bff-${n}`,
          VIGIE_LEASE_MS: '2000',
        }),
      ),
    ),
  );
  for (const b of bffs)
    await eventually(async () => (await b.get('/readyz')).status === 200, 15_000, 'ready');
}, 40_000);

afterAll(async () => {
  await Promise.all(bffs.map((b) => b.stop()));
  await sim?.close();
  await redis?.dispose();
});

async function send(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('settings across a cluster of two BFFs on one Redis', () => {
  it('a board created on A is streamed as a `settings` event by B’s /api/stream and readable on B at once', async () => {
    const [a, b] = bffs as [BffProcess, BffProcess];
    const snap = JSON.parse((await b.get('/api/snapshot')).body) as Snapshot;
    const groups = snap.groups.slice(0, 2).map((g) => g.id);
    const stream = new SseClient(`${b.url}/api/stream`);
    await stream.until(() => stream.snapshots.length > 0, 5000, 'a first snapshot on B');
    const settingsEvents = () => stream.events.filter((e) => e.event === 'settings');
    expect(settingsEvents()).toEqual([]);

    const created = await send(a.url, 'POST', '/api/boards', {
      name: 'Support',
      groups,
      panels: ['queues', 'operators'],
      density: 'normal',
      rotationS: 20,
      theme: 'light',
      loggedOut: 'count',
      sound: false,
    });
    expect(created.status).toBe(201);
    const t0 = Date.now();
    await stream.until(() => settingsEvents().length > 0, 3000, 'a settings event on B');
    const arrivedMs = Date.now() - t0;
    const event = JSON.parse(settingsEvents()[0]!.data) as SettingsEvent;
    expect(event.kinds).toEqual(['board']);
    // Readable on B as soon as B announced it: Redis is the one store, no instance caches it.
    const onB = await send(b.url, 'GET', '/api/boards/support');
    expect(onB.status).toBe(200);
    expect(onB.json).toMatchObject({ id: 'support', groups, theme: 'light', version: 1 });
    expect(arrivedMs).toBeLessThan(1000);
    stream.close();
  });

  it('two edits of one board at the same version on two instances: one stands, the other is a 409', async () => {
    const [a, b] = bffs as [BffProcess, BffProcess];
    const current = (await send(a.url, 'GET', '/api/boards/support')).json as Board;
    const { id: _id, version, updatedAt: _at, updatedBy: _by, ...fields } = current;
    const [one, two] = await Promise.all([
      send(a.url, 'PUT', '/api/boards/support', { ...fields, density: 'compact', version }),
      send(b.url, 'PUT', '/api/boards/support', { ...fields, density: 'large', version }),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    const lost = one.status === 409 ? one : two;
    expect(lost.json).toMatchObject({ statusCode: 409, field: 'version' });
    const won = (one.status === 200 ? one : two).json as Board;
    for (const x of [a, b])
      expect((await send(x.url, 'GET', '/api/boards/support')).json).toMatchObject({
        version: 2,
        density: won.density,
      });
  });
});
