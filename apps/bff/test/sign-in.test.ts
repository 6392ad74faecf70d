// Sign-in over real HTTP: one answer for every failure, in the same time, and 429 on brute force.
import { SIGN_IN_FAILED_MESSAGE } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { USERS, assertNoSecrets, buildWithAuth, type AuthBuilt } from './auth-helper';

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
