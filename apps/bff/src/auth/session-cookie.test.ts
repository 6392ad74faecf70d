// Signed cookies: what a valid one gives back, and every way a forged, altered, expired or odd-shaped one is refused.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DISPLAY_COOKIE_MAX_AGE_S,
  fingerprint,
  purposeKey,
  readDisplay as readDisplayLogged,
  readSession as readSessionLogged,
  sign,
  type SessionClaims,
} from './session-cookie';

/** These cases are about signatures and expiry; what a wrong shape logs is in sign-in.test.ts. */
const quiet = { warn: () => undefined };
const readSession = (value: string, key: Buffer, nowS: number) =>
  readSessionLogged(value, key, nowS, quiet);
const readDisplay = (value: string, key: Buffer) => readDisplayLogged(value, key, quiet);

const SECRET = 'a-session-secret-of-at-least-32-characters!!';
const sessionKey = purposeKey(SECRET, 'session');
const displayKey = purposeKey(SECRET, 'display');
const NOW = 1_800_000_000;
const claims: SessionClaims = {
  name: 'bob',
  role: 'teamlead',
  groups: [101, 103],
  pv: 'pv-fingerprint',
  sid: 'sid-0123456789abcdef',
  iat: NOW - 60,
  exp: NOW + 3600,
};

/** base64url(JSON).mac signed with `key`, for payloads sign() would never be given. */
const forge = (payload: unknown, key = sessionKey) => {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
};

describe('session cookies', () => {
  it('give back exactly the signed claims while not expired', () => {
    const value = sign(claims, sessionKey);
    expect(value).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readSession(value, sessionKey, NOW)).toEqual(claims);
    expect(readSession(value, sessionKey, claims.exp - 1)).toEqual(claims);
    expect(readSession(value, sessionKey, claims.exp)).toBeNull();
    expect(
      readSession(sign({ ...claims, groups: null }, sessionKey), sessionKey, NOW)?.groups,
    ).toBe(null);
  });

  it('refuse another key, another purpose, and any change to the body or the signature', () => {
    const value = sign(claims, sessionKey);
    const [body, mac] = value.split('.') as [string, string];
    expect(
      readSession(value, purposeKey('another-secret-of-at-least-32-chars', 'session'), NOW),
    ).toBeNull();
    // A display cookie is never a session cookie (one key per purpose), and back.
    expect(readSession(sign(claims, displayKey), sessionKey, NOW)).toBeNull();
    expect(readDisplay(sign({ display: 'tv', fp: 'x' }, sessionKey), displayKey)).toBeNull();
    // A promoted role with the old signature.
    const promoted = Buffer.from(
      JSON.stringify({ ...claims, role: 'supervisor', groups: null }),
    ).toString('base64url');
    expect(readSession(`${promoted}.${mac}`, sessionKey, NOW)).toBeNull();
    const flipped = mac.slice(0, -2) + (mac.endsWith('A') ? 'B' : 'A') + mac.slice(-1);
    expect(readSession(`${body}.${flipped}`, sessionKey, NOW)).toBeNull();
    expect(readSession(`${body}.${mac.slice(0, 20)}`, sessionKey, NOW)).toBeNull();
    expect(readSession(`${body}.`, sessionKey, NOW)).toBeNull();
    expect(readSession(`${body}`, sessionKey, NOW)).toBeNull();
    expect(readSession(`.${mac}`, sessionKey, NOW)).toBeNull();
    expect(readSession(`${body}.${mac}.${mac}`, sessionKey, NOW)).toBeNull();
  });

  it('refuse a signed payload of the wrong shape, never throwing', () => {
    const bad: unknown[] = [
      null,
      [],
      'bob',
      42,
      { ...claims, name: 7 },
      { ...claims, pv: undefined },
      { ...claims, sid: undefined }, // cookies from before sessions had an id
      { ...claims, sid: 'short' },
      { ...claims, sid: 'x'.repeat(65) },
      { ...claims, role: 'admin' },
      { ...claims, role: 'display' },
      { ...claims, iat: '1' },
      { ...claims, exp: undefined },
      { ...claims, groups: [101, '103'] },
      { ...claims, groups: [1.5] },
      { ...claims, groups: 'all' },
    ];
    for (const payload of bad)
      expect(readSession(forge(payload), sessionKey, NOW), JSON.stringify(payload)).toBeNull();
    // Not JSON at all, though correctly signed.
    const body = Buffer.from('{not json').toString('base64url');
    const mac = createHmac('sha256', sessionKey).update(body).digest('base64url');
    expect(readSession(`${body}.${mac}`, sessionKey, NOW)).toBeNull();
  });

  it('refuse a cookie over 2048 characters before reading it', () => {
    const big = sign({ ...claims, name: 'b'.repeat(2000) }, sessionKey);
    expect(big.length).toBeGreaterThan(2048);
    expect(readSession(big, sessionKey, NOW)).toBeNull();
    const fits = sign({ ...claims, name: 'b'.repeat(1000) }, sessionKey);
    expect(fits.length).toBeLessThanOrEqual(2048);
    expect(readSession(fits, sessionKey, NOW)?.name).toHaveLength(1000);
  });
});

describe('display cookies', () => {
  it('carry the display name and the token fingerprint, never the token', () => {
    const token = 'tvh-0123456789abcdef0123';
    const value = sign({ display: 'tv-hall', fp: fingerprint(token) }, displayKey);
    expect(readDisplay(value, displayKey)).toEqual({ display: 'tv-hall', fp: fingerprint(token) });
    expect(Buffer.from(value.split('.')[0]!, 'base64url').toString()).not.toContain(token);
    expect(readDisplay(forge({ display: 'tv-hall' }, displayKey), displayKey)).toBeNull();
    expect(readDisplay(forge({ display: 1, fp: 'x' }, displayKey), displayKey)).toBeNull();
    expect(DISPLAY_COOKIE_MAX_AGE_S).toBe(400 * 86_400);
  });

  it('fingerprints are stable, short, and differ for different values', () => {
    expect(fingerprint('abc')).toBe(fingerprint('abc'));
    expect(fingerprint('abc')).toHaveLength(16);
    expect(fingerprint('abc', 12)).toBe(fingerprint('abc').slice(0, 12));
    expect(fingerprint('abc')).not.toBe(fingerprint('abd'));
    expect(purposeKey(SECRET, 'session').equals(purposeKey(SECRET, 'display'))).toBe(false);
  });
});
