// Signed, stateless cookies: `base64url(JSON).base64url(HMAC-SHA256)`, so any instance with the same key accepts them.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import Type from 'typebox';
import { checked, type CheckLog } from '../lib/checked-json';

/** What a person's session cookie carries: enough to check it against the current users file. */
const SessionClaimsSchema = Type.Object({
  name: Type.String(),
  role: Type.Union([Type.Literal('supervisor'), Type.Literal('teamlead')]),
  groups: Type.Union([Type.Immutable(Type.Array(Type.Integer())), Type.Null()]),
  /** Fingerprint of the password hash: changing a password ends the sessions opened with the old one. */
  pv: Type.String(),
  /**
   * One sign-in, kept by renewals: a sign-out revokes it (and its streams) by this id. Cookies from
   * before sessions had an id carry no sign-in time either: sign in again, once.
   */
  sid: Type.String({ minLength: 16, maxLength: 64 }),
  /** Seconds since the epoch. `iat` is the sign-in, kept by renewals (VIGIE_SESSION_MAX_H counts from it). */
  iat: Type.Number(),
  exp: Type.Number(),
});
export type SessionClaims = Readonly<Type.Static<typeof SessionClaimsSchema>>;

/** A wall screen's cookie: valid while a token of that name with that fingerprint is configured. */
const DisplayClaimsSchema = Type.Object({ display: Type.String(), fp: Type.String() });
export type DisplayClaims = Readonly<Type.Static<typeof DisplayClaimsSchema>>;

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

/**
 * A session payload with the right shape and not expired at `nowS`, else null. Only a payload
 * signed with our key is checked (and a wrong shape logged): a stranger cannot fill the log.
 */
export function readSession(
  value: string,
  key: Buffer,
  nowS: number,
  log: CheckLog,
): SessionClaims | null {
  const v = unsign(value, key);
  if (v === null) return null;
  const c = checked(SessionClaimsSchema, v, log, 'session cookie claims');
  if (!c || c.exp <= nowS) return null;
  // Only the claims: whatever else a payload of another version carries is not kept.
  const { name, role, groups, pv, sid, iat, exp } = c;
  return { name, role, groups, pv, sid, iat, exp };
}

export function readDisplay(value: string, key: Buffer, log: CheckLog): DisplayClaims | null {
  const v = unsign(value, key);
  if (v === null) return null;
  const c = checked(DisplayClaimsSchema, v, log, 'display cookie claims');
  return c && { display: c.display, fp: c.fp };
}

/** Browsers cap a cookie's life at 400 days; the display cookie is renewed on each visit anyway. */
export const DISPLAY_COOKIE_MAX_AGE_S = 400 * 24 * 3600;
