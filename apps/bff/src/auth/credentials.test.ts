// Credentials on real files: sign-out of stateless sessions (issue 10.8), verification, sessions and display cookies, reloads and what they revoke.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AuthConfig } from '../config/env';
import { Credentials, type CredentialsLog } from './credentials';
import { hashPassword } from './password';

const HOUR = 3_600_000;

async function credentials(): Promise<Credentials> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cred-'));
  const usersFile = join(dir, 'users.json');
  const passwordHash = await hashPassword('correct horse', { N: 2 ** 14, r: 8, p: 1 });
  writeFileSync(
    usersFile,
    JSON.stringify({ users: [{ name: 'alice', passwordHash, role: 'supervisor' }] }),
  );
  const cfg: AuthConfig = {
    mode: 'on',
    usersFile,
    sessionSecret: 'a-session-secret-of-at-least-32-characters!!',
    sessionTtlMs: 8 * HOUR,
    sessionMaxMs: 168 * HOUR,
    publicOrigin: null,
    displayTokens: { env: null, file: null },
    metricsToken: null,
    allowedOrigins: [],
    maxStreamsPerPrincipal: 10,
    maxStreamsPerIp: 10,
  };
  const quiet: CredentialsLog = { info() {}, warn() {}, error() {} };
  return new Credentials(cfg, quiet);
}

describe('sign-out of a stateless session', () => {
  it('keeps refusing a copy renewed before the sign-out, past the expiry of the cookie that signed out', async () => {
    const c = await credentials();
    const t0 = Date.parse('2026-03-02T08:00:00Z');
    const alice = c.user('alice')!;
    const first = c.issueSession(alice, t0);
    // A copy renewed 6 h later (same id, same sign-in) expires at 14:00 + 8 h = 22:00.
    const renewed = c.issueSession(alice, t0 + 6 * HOUR, first.claims);
    expect(renewed.claims.sid).toBe(first.claims.sid);
    // The first cookie (expiring at 16:00) signs out at 09:00.
    c.signOut(first.claims.sid, t0 + HOUR);
    expect(c.session(first.value, t0 + 2 * HOUR)).toBeNull();
    expect(c.session(renewed.value, t0 + 7 * HOUR)).toBeNull();
    // 17:00: past the signing-out cookie's own expiry, the renewed copy is still refused.
    expect(c.session(renewed.value, t0 + 9 * HOUR)).toBeNull();
    // Another sign-in of the same user is untouched.
    const other = c.issueSession(alice, t0 + 9 * HOUR);
    expect(c.session(other.value, t0 + 9 * HOUR)).not.toBeNull();
  });
});

// ---- users, sessions, displays and reloads on real files -----------------------------------------

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };
const HALL = 'tvh-0123456789abcdef';

interface Entry {
  name: string;
  password: string;
  role: 'supervisor' | 'teamlead';
  groups?: number[];
}

/** Credentials over a users file and a tokens file the test rewrites; logs kept. */
async function onFiles(users: Entry[], tokens: string, o: Partial<AuthConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cred-'));
  const usersFile = join(dir, 'users.json');
  const tokensFile = join(dir, 'tokens.txt');
  // One hash per name and password: rewriting a user unchanged keeps their fingerprint.
  const hashes = new Map<string, string>();
  const hashOf = async (u: Entry) => {
    const key = `${u.name}\n${u.password}`;
    if (!hashes.has(key)) hashes.set(key, await hashPassword(u.password, CHEAP));
    return hashes.get(key)!;
  };
  const writeUsers = async (list: Entry[]) => {
    const entries = [];
    for (const u of list) {
      const { password: _password, ...rest } = u;
      entries.push({ ...rest, passwordHash: await hashOf(u) });
    }
    writeFileSync(usersFile, JSON.stringify({ users: entries }));
  };
  await writeUsers(users);
  writeFileSync(tokensFile, tokens);
  const logs: { level: string; obj: object; msg: string }[] = [];
  const log: CredentialsLog = {
    info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
  };
  const cfg: AuthConfig = {
    mode: 'on',
    usersFile,
    sessionSecret: 'a-session-secret-of-at-least-32-characters!!',
    sessionTtlMs: 8 * HOUR,
    sessionMaxMs: 168 * HOUR,
    publicOrigin: null,
    displayTokens: { env: null, file: tokensFile },
    metricsToken: null,
    allowedOrigins: [],
    maxStreamsPerPrincipal: 10,
    maxStreamsPerIp: 10,
    ...o,
  };
  const c = new Credentials(cfg, log);
  onTestFinished(() => c.close());
  return { c, cfg, logs, usersFile, tokensFile, writeUsers };
}

const ALICE: Entry = { name: 'alice', password: 'alice-pass', role: 'supervisor' };
const BOB: Entry = { name: 'bob', password: 'bob-pass', role: 'teamlead', groups: [101] };
const T0 = Date.parse('2026-03-02T08:00:00Z');

describe('credentials', () => {
  it('verifies a password, and answers an unknown name as a wrong password', async () => {
    const { c } = await onFiles([ALICE, BOB], '');
    expect((await c.verify('alice', 'alice-pass'))?.name).toBe('alice');
    expect(await c.verify('alice', 'bob-pass')).toBeNull();
    expect(await c.verify('nobody', 'alice-pass')).toBeNull();
    expect(c.userCount).toBe(2);
  });

  it("gives a session the user's principal, and ends it when the file changes their password, role or groups", async () => {
    const f = await onFiles([ALICE, BOB, { ...BOB, name: 'carol' }], '');
    const revoked: string[][] = [];
    f.c.onReload((r) => revoked.push([...r].sort()));
    const cookie = (name: string) => f.c.issueSession(f.c.user(name)!, T0).value;
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(cookie);
    expect(f.c.session(bob!, T0)?.principal).toEqual({
      kind: 'user',
      name: 'bob',
      role: 'teamlead',
      groups: [101],
    });
    await f.writeUsers([
      { ...ALICE, password: 'new-pass' },
      { ...BOB, groups: [101, 102] },
      { ...BOB, name: 'carol' },
    ]);
    expect(f.c.reload('test')).toBe(true);
    expect(revoked).toEqual([['user:alice', 'user:bob']]);
    expect(f.c.session(alice!, T0 + 1000)).toBeNull();
    expect(f.c.session(bob!, T0 + 1000)).toBeNull();
    expect(f.c.session(carol!, T0 + 1000)?.principal.name).toBe('carol');
    await f.writeUsers([{ ...ALICE, password: 'new-pass' }]);
    f.c.reload('test');
    expect(revoked.at(-1)).toEqual(['user:bob', 'user:carol']);
    expect(f.c.session(carol!, T0 + 1000)).toBeNull();
  });

  it('keeps the previous users and tokens when the file no longer validates, and says so', async () => {
    const f = await onFiles([ALICE], `tv-hall=${HALL}`);
    const session = f.c.issueSession(f.c.user('alice')!, T0).value;
    writeFileSync(f.usersFile, '{"users": [{"name": "alice"}]}');
    expect(f.c.reload('SIGHUP')).toBe(false);
    expect(f.logs.at(-1)).toMatchObject({
      level: 'error',
      msg: 'access configuration not reloaded: kept the previous users and tokens',
      obj: { reason: 'SIGHUP' },
    });
    expect(f.c.session(session, T0)?.principal.name).toBe('alice');
    expect(f.c.bearer(HALL)?.name).toBe('tv-hall');
  });

  it('never renews a session past sign-in + VIGIE_SESSION_MAX_H, and applies a lowered cap to cookies already out', async () => {
    const f = await onFiles([ALICE], '', { sessionMaxMs: 10 * HOUR });
    const alice = f.c.user('alice')!;
    const first = f.c.issueSession(alice, T0);
    expect(first.claims.exp).toBe(first.claims.iat + 8 * 3600);
    const renewed = f.c.issueSession(alice, T0 + 6 * HOUR, first.claims);
    expect(renewed.claims.iat).toBe(first.claims.iat);
    expect(renewed.claims.exp).toBe(first.claims.iat + 10 * 3600);
    expect(f.c.session(renewed.value, T0 + 10 * HOUR - 1000)).not.toBeNull();
    expect(f.c.session(renewed.value, T0 + 10 * HOUR)).toBeNull();
    // The same secret and file with a cap lowered to 4 h: the cookie out since T0 ends at 4 h.
    const quiet: CredentialsLog = { info() {}, warn() {}, error() {} };
    const lowered = new Credentials({ ...f.cfg, sessionMaxMs: 4 * HOUR }, quiet);
    onTestFinished(() => lowered.close());
    expect(lowered.session(first.value, T0 + 3 * HOUR)).not.toBeNull();
    expect(lowered.session(first.value, T0 + 4 * HOUR)).toBeNull();
  });

  it('signs display cookies that last while the token does, and takes the token as a bearer', async () => {
    const f = await onFiles([ALICE], `tv-hall=${HALL}\ntv-floor=tvf-0123456789abcdef`);
    const revoked: string[][] = [];
    f.c.onReload((r) => revoked.push([...r]));
    const hall = f.c.displayByToken(HALL)!;
    const cookie = f.c.issueDisplay(hall);
    expect(cookie).not.toContain(HALL);
    expect(f.c.display(cookie)).toEqual({
      kind: 'display',
      name: 'tv-hall',
      role: 'display',
      groups: null,
    });
    expect(f.c.bearer(HALL)?.name).toBe('tv-hall');
    expect(f.c.bearer('tvh-not-the-token-at-all')).toBeNull();
    // A session cookie is not a display cookie.
    expect(f.c.display(f.c.issueSession(f.c.user('alice')!, T0).value)).toBeNull();
    expect(f.c.display('garbage')).toBeNull();
    expect(f.c.display(`${'x'.repeat(3000)}.y`)).toBeNull();
    // The hall's token changes: its cookie and the old token stop working; the floor is untouched.
    writeFileSync(f.tokensFile, `tv-hall=tvh-fedcba9876543210\ntv-floor=tvf-0123456789abcdef`);
    expect(f.c.reload('test')).toBe(true);
    expect(revoked).toEqual([['display:tv-hall']]);
    expect(f.c.display(cookie)).toBeNull();
    expect(f.c.bearer(HALL)).toBeNull();
    expect(f.c.displayCount).toBe(2);
  });

  it('lists the secrets a log line must never carry: tokens and hashes as they are now', async () => {
    const f = await onFiles([ALICE], `tv-hall=${HALL}`);
    const secrets = f.c.secrets();
    expect(secrets).toContain(HALL);
    expect(secrets).toContain(f.c.user('alice')!.hash.hash.toString('base64url'));
  });

  it('reloads by itself when the users file is saved', async () => {
    const f = await onFiles([ALICE], '');
    const reloads: number[] = [];
    f.c.onReload(() => reloads.push(Date.now()));
    f.c.watchFiles();
    await f.writeUsers([ALICE, BOB]);
    await expect.poll(() => f.c.userCount, { timeout: 5000 }).toBe(2);
    expect(reloads.length).toBeGreaterThanOrEqual(1);
    expect(f.logs.some((l) => l.msg === 'access configuration reloaded')).toBe(true);
  });
});
