// Password hashes: scrypt from node:crypto, encoded `scrypt$N$r$p$salt$hash`, compared in constant time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt floor is N=2^17 with r=8; 2^15 keeps a sign-in near 50 ms on a small shared host. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
const KEY_LEN = 32;
const SALT_LEN = 16;
const FORMAT =
  /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{32,128})$/;

export interface ParsedHash extends ScryptParams {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** null when the string is not a hash this module wrote (the users file names the field then). */
export function parseHash(encoded: string): ParsedHash | null {
  const m = FORMAT.exec(encoded);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N must be a power of two; bounds keep a hostile file from asking for gigabytes per sign-in.
  if (N < 2 ** 10 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16)
    return null;
  const salt = Buffer.from(m[4] ?? '', 'base64url');
  const hash = Buffer.from(m[5] ?? '', 'base64url');
  if (hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

function derive(
  password: string,
  salt: Buffer,
  len: number,
  params: ScryptParams,
): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default maxmem (32 MiB) is exactly 128·N·r at 2^15: leave room for the bigger settings.
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, len, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_LEN);
  const hash = await derive(password, salt, KEY_LEN, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Always runs one full scrypt, so a wrong password costs the same as a right one. */
export async function verifyPassword(password: string, parsed: ParsedHash): Promise<boolean> {
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * A hash of a random password with the given cost: an unknown user name is checked against it,
 * so "no such user" takes as long as "wrong password" and answers the same.
 */
export async function decoyHash(params: ScryptParams): Promise<ParsedHash> {
  const parsed = parseHash(await hashPassword(randomBytes(24).toString('base64url'), params));
  if (!parsed) throw new Error('decoy hash did not parse');
  return parsed;
}
