// Password hashes: the encoded form, verification, the bounds a hostile users file meets, the decoy.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, decoyHash, hashPassword, parseHash, verifyPassword } from './password';

/** The cheapest cost parseHash accepts: the suite stays fast, the code path is the same. */
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('writes scrypt$N$r$p$salt$hash with a fresh salt each time, and verifies only the right password', async () => {
    const password = 'correct horse/"battery" staple+';
    const a = await hashPassword(password, CHEAP);
    const b = await hashPassword(password, CHEAP);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(password);
    const parsed = parseHash(a)!;
    expect(parsed).toMatchObject({ N: 1024, r: 8, p: 1 });
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.hash).toHaveLength(32);
    expect(await verifyPassword(password, parsed)).toBe(true);
    expect(await verifyPassword(password, parseHash(b)!)).toBe(true);
    expect(await verifyPassword('correct horse', parsed)).toBe(false);
    expect(await verifyPassword(`${password} `, parsed)).toBe(false);
    expect(await verifyPassword('', parsed)).toBe(false);
  });

  it('compares passwords in Unicode NFC: the same word typed composed or decomposed matches', async () => {
    const composed = 'caf\u00e9-cr\u00e8me';
    const decomposed = 'cafe\u0301-cre\u0300me';
    const parsed = parseHash(await hashPassword(composed, CHEAP))!;
    expect(await verifyPassword(decomposed, parsed)).toBe(true);
  });

  it('defaults to N=2^15, r=8, p=1', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    expect(Object.isFrozen(DEFAULT_SCRYPT)).toBe(true);
    expect(await hashPassword('x')).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('refuses hashes it did not write, and costs a hostile file could use to exhaust memory', async () => {
    const good = await hashPassword('x', CHEAP);
    const [, , , , salt, hash] = good.split('$');
    const withCost = (N: number, r: number, p: number) => `scrypt$${N}$${r}$${p}$${salt}$${hash}`;
    expect(parseHash(withCost(1024, 8, 1))).not.toBeNull();
    expect(parseHash(withCost(2 ** 20, 8, 1))).not.toBeNull();
    for (const bad of [
      withCost(1000, 8, 1), // not a power of two
      withCost(512, 8, 1), // under 2^10
      withCost(2 ** 21, 8, 1), // over 2^20
      withCost(1024, 0, 1),
      withCost(1024, 33, 1),
      withCost(1024, 8, 0),
      withCost(1024, 8, 17),
      `scrypt$1024$8$1$${salt}$${hash!.slice(0, 20)}`, // hash too short
      `scrypt$1024$8$1$short$${hash}`, // salt too short
      `bcrypt$1024$8$1$${salt}$${hash}`,
      good.replace('$8$', '$x$'),
      `${good}$extra`,
      '',
      'plain password',
    ])
      expect(parseHash(bad), bad).toBeNull();
  });

  it('has a decoy of the asked cost that no password opens', async () => {
    const decoy = await decoyHash(CHEAP);
    expect(decoy).toMatchObject({ N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('', decoy)).toBe(false);
    expect(await verifyPassword('password', decoy)).toBe(false);
    const other = await decoyHash(CHEAP);
    expect(other.salt.equals(decoy.salt)).toBe(false);
  });
});
