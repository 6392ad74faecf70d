// Sign-out of stateless sessions (issue 10.8): a signed-out id stays refused as long as any copy of its cookie can live.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
