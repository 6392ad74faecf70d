// Access-control fixtures: a users file (supervisor, team lead on one group), display tokens, a secret, and a signed-in fetch.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { hashPassword } from '../../src/auth/password';
import { secretForms } from '../../src/lib/logger';
import type { Env } from '../../src/config/env';
import { build, type Built, type BuildParams } from './bff-app';
import { PASSWORD, USER } from './fixtures';

/** Cheaper than production (2^15) so the suite stays fast; the decoy follows the file's cost. */
const TEST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };
/** The simulator's first group (ids start at 101): the team lead's only group. */
export const LEAD_GROUP = 101;

export const SECRET = `sess-${randomBytes(24).toString('base64url')}`;
export const TOKENS = {
  'tv-hall': `tvh-${randomBytes(12).toString('hex')}`,
  'tv-floor': `tvf-${randomBytes(12).toString('hex')}`,
};
export const METRICS_TOKEN = `met-${randomBytes(12).toString('hex')}`;
export const USERS = {
  alice: { password: 'alice-pass/"1"+', role: 'supervisor' as const },
  bob: { password: 'bob-pass word 22', role: 'teamlead' as const, groups: [LEAD_GROUP] },
};

export interface AuthFiles {
  dir: string;
  usersFile: string;
  tokensFile: string;
  /** Every stored hash, to check none leaves the BFF. */
  hashes: string[];
  writeTokens(tokens: Record<string, string>): void;
  writeUsers(names: (keyof typeof USERS)[]): Promise<void>;
}

let hashCache: Record<string, string> | null = null;
async function hashes(): Promise<Record<string, string>> {
  hashCache ??= {
    alice: await hashPassword(USERS.alice.password, TEST_SCRYPT),
    bob: await hashPassword(USERS.bob.password, TEST_SCRYPT),
  };
  return hashCache;
}

export async function authFiles(): Promise<AuthFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-auth-'));
  const h = await hashes();
  const usersFile = join(dir, 'users.json');
  const tokensFile = join(dir, 'tokens.txt');
  const files: AuthFiles = {
    dir,
    usersFile,
    tokensFile,
    hashes: Object.values(h),
    writeTokens: (tokens) =>
      writeFileSync(
        tokensFile,
        Object.entries(tokens)
          .map(([n, t]) => `${n}=${t}`)
          .join('\n'),
      ),
    writeUsers: async (names) => {
      const users = names.map((n) => ({
        name: n,
        passwordHash: h[n],
        role: USERS[n].role,
        ...('groups' in USERS[n] ? { groups: USERS[n].groups } : {}),
      }));
      writeFileSync(usersFile, JSON.stringify({ users }, null, 2));
    },
  };
  await files.writeUsers(['alice', 'bob']);
  files.writeTokens(TOKENS);
  return files;
}

export function authEnv(f: AuthFiles, extra: Env = {}): Env {
  return {
    VIGIE_AUTH: 'on',
    VIGIE_USERS_FILE: f.usersFile,
    VIGIE_SESSION_SECRET: SECRET,
    VIGIE_DISPLAY_TOKENS_FILE: f.tokensFile,
    VIGIE_METRICS_TOKEN: METRICS_TOKEN,
    ...extra,
  };
}

export interface AuthBuilt extends Built {
  files: AuthFiles;
  /** Every response body and header block seen by `call`. */
  seen: string[];
  call(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; headers: Headers; body: string; json: () => unknown }>;
  signIn(name: keyof typeof USERS): Promise<string>;
}

export async function buildWithAuth(p: BuildParams = {}): Promise<AuthBuilt> {
  const files = await authFiles();
  const b = await build({ ...p, env: { ...authEnv(files), ...p.env } });
  const seen: string[] = [];
  const call: AuthBuilt['call'] = async (path, init = {}) => {
    const res = await fetch(b.base + path, { redirect: 'manual', ...init });
    const body = await res.text();
    seen.push(body, JSON.stringify([...res.headers]));
    return {
      status: res.status,
      headers: res.headers,
      body,
      json: () => JSON.parse(body) as unknown,
    };
  };
  return {
    ...b,
    files,
    seen,
    call,
    async signIn(name) {
      const res = await call('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password: USERS[name].password }),
      });
      expect(res.status, res.body).toBe(200);
      const cookie = res.headers.get('set-cookie') ?? '';
      return cookie.split(';')[0] ?? '';
    },
  };
}

/** Every configured secret in the forms a leak would take. */
export function secretList(files: AuthFiles | null): string[] {
  const raw = [SECRET, METRICS_TOKEN, ...Object.values(TOKENS), ...(files?.hashes ?? [])];
  for (const h of files?.hashes ?? []) raw.push(h.split('$')[5] ?? h); // the hash part alone
  return [
    ...new Set([...secretForms(USER, PASSWORD), ...raw.flatMap((s) => secretForms(null, s))]),
  ];
}

/** No configured secret in any text given (responses, headers, log lines). */
export function assertNoSecrets(texts: readonly string[], files: AuthFiles | null, what: string) {
  const secrets = secretList(files);
  for (const t of texts)
    for (const s of secrets)
      if (t.includes(s))
        throw new Error(`${what} carries a secret (${s.slice(0, 4)}…): ${t.slice(0, 200)}`);
}
