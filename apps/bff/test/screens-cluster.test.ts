// Screens in a cluster (issue 13 §2): two real BFF processes on one Redis. A screen made on one
// works on the other, both list the same presence, and a revoke on one ends the stream the other
// holds within a second.
import { startSimulator, type RunningSimulator } from '@vigie/axialys-sim';
import type { ScreenCreatedReply, ScreenListReply } from '@vigie/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authEnv,
  authFiles,
  BffProcess,
  clusterEnv,
  CLUSTER_SIM_OPTIONS,
  eventually,
  RedisServer,
  SseClient,
  USERS,
} from './support';

const RATE_MS = 1000;

let redis: RedisServer;
let sim: RunningSimulator;
let bffs: BffProcess[] = [];

beforeAll(async () => {
  redis = await RedisServer.start();
  sim = await startSimulator({ ...CLUSTER_SIM_OPTIONS, rateLimitMs: RATE_MS });
  const files = await authFiles();
  bffs = await Promise.all(
    [1, 2].map((n) =>
      BffProcess.start(
        clusterEnv(sim, RATE_MS, {
          ...authEnv(files),
          REDIS_URL: redis.url,
          VIGIE_INSTANCE_ID: `bff-${n}`,
        }),
      ),
    ),
  );
  for (const b of bffs)
    await eventually(async () => (await b.get('/readyz')).status === 200, 20_000, 'ready');
}, 60_000);

afterAll(async () => {
  await Promise.all(bffs.map((b) => b.stop()));
  await sim?.close();
  await redis?.dispose();
});

const bff = (i: number): BffProcess => {
  const b = bffs[i];
  if (!b) throw new Error(`no BFF ${i}`);
  return b;
};

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'alice', password: USERS.alice.password }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function list(base: string, cookie: string) {
  const res = await fetch(`${base}/api/screens`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as ScreenListReply).screens;
}

describe('screens in a cluster', () => {
  it('made on one instance, used on another, listed the same by both, revoked everywhere within a second', async () => {
    const a = bff(0).url;
    const b = bff(1).url;
    const cookie = await signIn(a);
    const res = await fetch(`${a}/api/screens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cluster TV' }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as ScreenCreatedReply;
    const id = created.screen.id;

    // The other instance hears the change feed and knows the token.
    const tvCookie = await eventually(
      async () => {
        const r = await fetch(`${b}/wall?token=${created.token}`, { redirect: 'manual' });
        return r.headers.get('location') === '/wall'
          ? (r.headers.get('set-cookie') ?? '').split(';')[0]
          : undefined;
      },
      5000,
      'the token accepted by the other instance',
    );
    const stream = new SseClient(`${b}/api/stream`, { cookie: tvCookie ?? '' });
    await stream.until(() => stream.snapshots.length > 0, 10_000, 'a snapshot on instance 2');

    // Both instances list it online (the stream is on instance 2 only).
    for (const base of [a, b]) {
      const seen = await eventually(
        async () => (await list(base, cookie)).find((s) => s.id === id && s.online),
        5000,
        `online as listed by ${base}`,
      );
      expect(seen.lastAddress).toBe('127.0.0.1');
    }

    // Revoked on instance 1: the stream held by instance 2 ends within a second.
    const t0 = Date.now();
    const del = await fetch(`${a}/api/screens/${id}?version=1`, {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(del.status).toBe(204);
    await stream.until(() => stream.ended, 1000, 'the revoked stream to end on instance 2');
    expect(Date.now() - t0).toBeLessThan(1000);
    for (const base of [a, b]) {
      const r = await fetch(`${base}/api/snapshot`, { headers: { cookie: tvCookie ?? '' } });
      expect(r.status, `the revoked cookie on ${base}`).toBe(401);
      const bearer = await fetch(`${base}/api/snapshot`, {
        headers: { authorization: `Bearer ${created.token}` },
      });
      expect(bearer.status).toBe(401);
    }
    for (const b2 of bffs) {
      expect(b2.logs()).not.toContain(created.token);
    }
  });
});
