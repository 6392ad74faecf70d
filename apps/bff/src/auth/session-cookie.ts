// Signed, stateless cookies: `base64url(JSON).base64url(HMAC-SHA256)`, so any instance with the same key accepts them.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a person's session cookie carries: enough to check it against the current users file. */
export interface SessionClaims {
  readonly name: string;
  readonly role: 'supervisor' | 'teamlead';
  readonly groups: readonly number[] | null;
  /** Fingerprint of the password hash: changing a password ends the sessions opened with the old one. */
  readonly pv: string;
  /** One sign-in, kept by renewals: a sign-out revokes it (and its streams) by this id. */
  readonly sid: string;
  /** Seconds since the epoch. `iat` is the sign-in, kept by renewals (VIGIE_SESSION_MAX_H counts from it). */
  readonly iat: number;
  readonly exp: number;
}

/** A wall screen's cookie: valid while a token of that name with that fingerprint is configured. */
export interface DisplayClaims {
  readonly display: string;
  readonly fp: string;
}

/** A cookie value never needs more: a bigger one is refused before any parsing. */
const MAX_COOKIE_CHARS = 2048;

/** One key per purpose, so a session cookie can never be replayed as a display cookie or back. */
export function purposeKey(secret: string, purpose: 'session' | 'display'): Buffer {
  return createHmac('sha256', secret).update(`vigie-${purpose}-cookie-v1`).digest();
}

export function fingerprint(value: string, chars = 16): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, chars);
}

export function sign(payload: object, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const mac = createHmac('sha256', key).update(body).digest('base64url');
  return `${body}.${mac}`;
}

/** The payload if the signature holds, else null (never throws on hostile input). */
function unsign(value: string, key: Buffer): unknown {
  if (value.length > MAX_COOKIE_CHARS) return null;
  const dot = value.indexOf('.');
  if (dot <= 0 || dot !== value.lastIndexOf('.')) return null;
  const body = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = createHmac('sha256', key).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A session payload with the right shape and not expired at `nowS`, else null. */
export function readSession(value: string, key: Buffer, nowS: number): SessionClaims | null {
  const v = unsign(value, key);
  if (!isObject(v)) return null;
  const { name, role, groups, pv, sid, iat, exp } = v;
  if (typeof name !== 'string' || typeof pv !== 'string') return null;
  // Cookies from before sessions had an id carry no sign-in time either: sign in again, once.
  if (typeof sid !== 'string' || sid.length < 16 || sid.length > 64) return null;
  if (role !== 'supervisor' && role !== 'teamlead') return null;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= nowS) return null;
  if (groups !== null && !(Array.isArray(groups) && groups.every(Number.isInteger))) return null;
  return { name, role, groups: groups as number[] | null, pv, sid, iat, exp };
}

export function readDisplay(value: string, key: Buffer): DisplayClaims | null {
  const v = unsign(value, key);
  if (!isObject(v) || typeof v['display'] !== 'string' || typeof v['fp'] !== 'string') return null;
  return { display: v['display'], fp: v['fp'] };
}

/** Browsers cap a cookie's life at 400 days; the display cookie is renewed on each visit anyway. */
export const DISPLAY_COOKIE_MAX_AGE_S = 400 * 24 * 3600;
