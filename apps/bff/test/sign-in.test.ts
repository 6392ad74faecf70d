// Sign-in over real HTTP: one answer for every failure, in the same time, 429 on brute force; session lifetime.
import { SIGN_IN_FAILED_MESSAGE, type SessionReply } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { purposeKey, sign } from '../src/auth/session-cookie';
import { systemClock, type Clock } from '../src/lib/clock';
import {
  assertNoSecrets,
  type AuthBuilt,
  buildWithAuth,
  SECRET,
  SseClient,
  TOKENS,
  USERS,
} from './support';

async function attempt(b: AuthBuilt, name: string, password: string) {
  const t0 = performance.now();
  const res = await b.call('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  return { ...res, ms: performance.now() - t0 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

describe('sign-in', () => {
  it('a wrong password and an unknown user get the same 401, the same message, in the same time', async () => {
    const b = await buildWithAuth({
      app: { rateLimits: { signInPerName: 1000, signInPerAddress: 1000 } },
    });
    // Warm up both paths (the decoy hash is made at start; JIT, sockets).
    await attempt(b, 'alice', 'wrong-password-0');
    await attempt(b, 'nobody', 'wrong-password-0');
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 10; i++) {
      // Interleaved, so a burst of load on the shared machine hits both series alike.
      const w = await attempt(b, 'alice', `wrong-password-${i}`);
      const u = await attempt(b, `nobody-${i}`, `wrong-password-${i}`);
      for (const r of [w, u]) {
        expect(r.status).toBe(401);
        expect(r.json()).toEqual({
          statusCode: 401,
          error: 'Unauthorized',
          message: SIGN_IN_FAILED_MESSAGE,
        });
        expect(r.headers.get('set-cookie')).toBeNull();
      }
      wrong.push(w.ms);
      unknown.push(u.ms);
    }
    const ratio = median(wrong) / median(unknown);
    expect(ratio, `medians ${median(wrong)} ms vs ${median(unknown)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    // Both cost a real scrypt: far above a bare request.
    expect(median(unknown)).toBeGreaterThan(5);
    const ok = await attempt(b, 'alice', USERS.alice.password);
    expect(ok.status).toBe(200);
    await b.app.close();
    assertNoSecrets([...b.seen, ...b.logs.lines], b.files, 'sign-in');
  });

  it('brute force on one name gets 429 after five tries a minute; spraying names hits the per-address bound', async () => {
    const b = await buildWithAuth({ app: { rateLimits: { signInPerAddress: 12 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt(b, 'alice', `guess-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password waits out the window: the limiter runs before the hash.
    const right = await attempt(b, 'alice', USERS.alice.password);
    expect(right.status).toBe(429);
    expect(right.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/);
    // Other names from the same address: allowed until the per-address bound (12 a minute).
    const spray: number[] = [];
    for (let i = 0; i < 6; i++) spray.push((await attempt(b, `user${i}`, 'x-guess')).status);
    expect(spray.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(spray.at(-1)).toBe(429);
    await b.app.close();
    assertNoSecrets([...b.seen, ...b.logs.lines], b.files, 'brute force');
  });
});

/** The system clock plus an offset a test moves forward: sessions age without waiting hours. */
function shiftedClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms),
    clearTimeout: (h) => systemClock.clearTimeout(h),
    advance: (ms) => (offset += ms),
  };
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('session lifetime', () => {
  it('sliding renewal never carries a session past VIGIE_SESSION_MAX_H from sign-in', async () => {
    const clock = shiftedClock();
    const b = await buildWithAuth({
      env: { VIGIE_SESSION_TTL_H: '1', VIGIE_SESSION_MAX_H: '2' },
      app: { clock },
    });
    let cookie = await b.signIn('alice');
    const signedInAt = clock.now(); // after: the cookie's sign-in time is at most this
    const renew = async () => {
      const res = await b.call('/api/auth/session', { headers: { cookie } });
      const set = res.headers.get('set-cookie');
      if (set) cookie = set.split(';')[0] ?? cookie;
      return res;
    };
    // Active every 35 minutes: each time past half the TTL, so each request renews the cookie.
    for (let i = 0; i < 3; i++) {
      clock.advance(35 * MINUTE);
      const res = await renew();
      expect(res.status).toBe(200);
      const { expiresAt } = res.json() as SessionReply;
      expect(Date.parse(expiresAt ?? '')).toBeLessThanOrEqual(signedInAt + 2 * HOUR);
      const maxAge = Number(/Max-Age=(\d+)/.exec(res.headers.get('set-cookie') ?? '')?.[1]);
      if (Number.isFinite(maxAge))
        expect(clock.now() + maxAge * 1000).toBeLessThanOrEqual(signedInAt + 2 * HOUR + 1000);
    }
    clock.advance(20 * MINUTE); // 2 h 5 min after sign-in, 30 min after the last renewal
    expect((await renew()).status).toBe(401);
    await b.app.close();
  });

  it('refuses a cookie signed before sessions carried an id (sign in again once)', async () => {
    const b = await buildWithAuth();
    const user = b.app.auth.credentials.user('alice');
    if (!user) throw new Error('alice is configured');
    const now = Math.floor(Date.now() / 1000);
    const old = sign(
      {
        name: 'alice',
        role: user.role,
        groups: user.groups,
        pv: user.pv,
        iat: now,
        exp: now + 3600,
      },
      purposeKey(SECRET, 'session'),
    );
    const res = await b.call('/api/auth/session', { headers: { cookie: `vigie_session=${old}` } });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await b.app.close();
  });

  it('a well-signed cookie with claims of another shape is anonymous, logged once with what failed', async () => {
    const b = await buildWithAuth();
    const user = b.app.auth.credentials.user('alice');
    if (!user) throw new Error('alice is configured');
    const now = Math.floor(Date.now() / 1000);
    const odd = sign(
      {
        name: 'alice',
        role: 'admin',
        groups: 'all',
        pv: user.pv,
        sid: 'a-session-id-of-22-chars',
        iat: now,
        exp: now + 3600,
      },
      purposeKey(SECRET, 'session'),
    );
    const res = await b.call('/api/auth/session', { headers: { cookie: `vigie_session=${odd}` } });
    expect(res.status).toBe(401);
    const lines = b.logs.lines.filter((l) => l.includes('session cookie claims'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as { level: number; problems: string[] };
    expect(line.level).toBe(40);
    expect(line.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^\/role: /)]));
    expect(lines[0]).not.toContain(odd);
    expect(lines[0]).not.toContain(user.pv);
    await b.app.close();
  });

  it('an open stream ends shortly after its session expires', async () => {
    const clock = shiftedClock();
    const b = await buildWithAuth({
      env: { VIGIE_SESSION_TTL_H: '1', SSE_HEARTBEAT_MS: '200' },
      app: { clock },
    });
    const cookie = await b.signIn('alice');
    const tv = new SseClient(`${b.base}/api/stream`, {
      authorization: `Bearer ${TOKENS['tv-hall']}`,
    });
    const stream = new SseClient(`${b.base}/api/stream`, { cookie });
    await stream.until(() => stream.snapshots.length > 0, 8000, 'a snapshot');
    await tv.until(() => tv.snapshots.length > 0, 8000, 'a snapshot on the screen');
    clock.advance(30 * MINUTE);
    // Three heartbeats (each tick checks the sessions): a live session's stream stays open.
    const beats = () => stream.events.filter((e) => e.event === 'heartbeat').length;
    const before = beats();
    await stream.until(() => beats() >= before + 3, 3000, 'three heartbeats');
    expect(stream.ended).toBe(false);
    clock.advance(31 * MINUTE);
    await stream.until(() => stream.ended, 3000, 'the expired stream to end');
    // A screen has no session: its stream goes on.
    expect(tv.ended).toBe(false);
    await b.app.close();
  });

  it('sign-out ends that session: its open stream ends and the cookie is refused if replayed; another sign-in of the same user goes on', async () => {
    const b = await buildWithAuth({ env: { SSE_HEARTBEAT_MS: '200' } });
    const cookie = await b.signIn('alice');
    const other = await b.signIn('alice');
    const stream = new SseClient(`${b.base}/api/stream`, { cookie });
    const otherStream = new SseClient(`${b.base}/api/stream`, { cookie: other });
    await stream.until(() => stream.snapshots.length > 0, 8000, 'a snapshot');
    await otherStream.until(() => otherStream.snapshots.length > 0, 8000, 'a snapshot');
    const out = await b.call('/api/auth/sign-out', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    await stream.until(() => stream.ended, 3000, 'the signed-out stream to end');
    // A copy of the cookie kept from before the sign-out is no use any more.
    expect((await b.call('/api/snapshot', { headers: { cookie } })).status).toBe(401);
    expect((await b.call('/api/snapshot', { headers: { cookie: other } })).status).toBe(200);
    expect(otherStream.ended).toBe(false);
    await b.app.close();
  });
});
