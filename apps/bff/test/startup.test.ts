// Start-up of access control: secure by default on a real account, settings errors that name the setting, user:add.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHash, verifyPassword } from '../src/auth/password';
import { loadConfig, type Env } from '../src/config/env';
import { historyOf } from '../src/routes/api/operators';
import { authEnv, authFiles, build, SECRET, TOKENS } from './support';

const BFF_DIR = resolve(import.meta.dirname, '..');
const real: Env = {
  AXIALYS_URL: 'https://api.axialys.com',
  AXIALYS_USER: 'u',
  AXIALYS_PASSWORD: 'pw-secret',
};

function run(
  args: string[],
  env: Env,
  stdin = '',
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: BFF_DIR,
      env: { PATH: process.env['PATH'], ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => done({ code, out, err }));
    child.stdin.end(stdin);
  });
}

const errorOf = (env: Env): string => {
  try {
    loadConfig(env);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
};

describe('secure by default', () => {
  it('refuses to start on a real account without users or tokens, naming the settings', async () => {
    expect(errorOf(real)).toMatch(/^VIGIE_USERS_FILE: .*VIGIE_DISPLAY_TOKENS.*VIGIE_AUTH=off/);
    const r = await run(['src/server.ts'], {
      ...real,
      AXIALYS_URL: 'http://127.0.0.1:9',
      PORT: '0',
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^vigie: VIGIE_USERS_FILE: /);
    expect(r.err).not.toContain('pw-secret');
  }, 20_000);

  it('VIGIE_AUTH=off runs open on a real account and warns at start; the simulator runs open as a demo', async () => {
    expect(loadConfig({ ...real, VIGIE_AUTH: 'off' }).auth.mode).toBe('off');
    expect(loadConfig({}).auth.mode).toBe('demo');
    // Users or tokens on the simulator turn access control on.
    expect(loadConfig({ VIGIE_DISPLAY_TOKENS: `tv=${TOKENS['tv-hall']}` }).auth.mode).toBe('on');
    const b = await build(); // the helper passes VIGIE_AUTH=off with AXIALYS_URL set
    const warn = b.logs.lines.find((l) => l.includes('VIGIE_AUTH=off'));
    expect(warn).toBeDefined();
    expect(JSON.parse(warn ?? '{}')).toMatchObject({ level: 40 });
    const session = await b.get('/api/auth/session');
    expect(session.json()).toEqual({
      principal: { kind: 'open', name: 'anonymous', role: 'supervisor', groups: null },
      auth: 'off',
      expiresAt: null,
    });
  });

  it('every access setting error names its variable (and never echoes a secret)', async () => {
    const f = await authFiles();
    const env = { ...real, ...authEnv(f) };
    expect(loadConfig(env).auth.mode).toBe('on');
    const cases: [Env, RegExp][] = [
      [{ VIGIE_SESSION_SECRET: '' }, /^VIGIE_SESSION_SECRET: .*required with VIGIE_USERS_FILE/],
      [{ VIGIE_SESSION_SECRET: 'short-secret' }, /^VIGIE_SESSION_SECRET: .*32 characters/],
      [{ VIGIE_AUTH: 'maybe' }, /^VIGIE_AUTH: expected on or off/],
      [{ VIGIE_SESSION_TTL_H: '0' }, /^VIGIE_SESSION_TTL_H: /],
      [{ VIGIE_TRUST_PROXY: 'everyone' }, /^VIGIE_TRUST_PROXY: /],
      [{ VIGIE_ALLOWED_ORIGINS: 'https://a.example/path' }, /^VIGIE_ALLOWED_ORIGINS: /],
      [{ VIGIE_METRICS_TOKEN: 'short' }, /^VIGIE_METRICS_TOKEN: /],
      [{ VIGIE_MAX_STREAMS_PER_IP: '0' }, /^VIGIE_MAX_STREAMS_PER_IP: /],
      [{ VIGIE_MAX_STREAMS_PER_PRINCIPAL: 'lots' }, /^VIGIE_MAX_STREAMS_PER_PRINCIPAL: /],
      [
        { VIGIE_USERS_FILE: join(f.dir, 'missing.yaml') },
        /^VIGIE_USERS_FILE \(.*missing\.yaml\): cannot read/,
      ],
      [
        { VIGIE_DISPLAY_TOKENS_FILE: '', VIGIE_DISPLAY_TOKENS: 'tv=short-token' },
        /^VIGIE_DISPLAY_TOKENS: entry "tv": the token must be at least 16/,
      ],
      [
        {
          VIGIE_DISPLAY_TOKENS_FILE: '',
          VIGIE_DISPLAY_TOKENS: `a=${TOKENS['tv-hall']},a=${TOKENS['tv-floor']}`,
        },
        /^VIGIE_DISPLAY_TOKENS: entry "a": the name is used twice/,
      ],
      [
        { VIGIE_DISPLAY_TOKENS_FILE: '', VIGIE_DISPLAY_TOKENS: TOKENS['tv-hall'] },
        /^VIGIE_DISPLAY_TOKENS: entry 1: expected name=token/,
      ],
    ];
    for (const [extra, expected] of cases) {
      const message = errorOf({ ...env, ...extra });
      expect(message).toMatch(expected);
      for (const s of [
        SECRET,
        'short-secret',
        ...Object.values(TOKENS),
        'short-token',
        'pw-secret',
      ])
        expect(message).not.toContain(s);
    }
  });

  it('a users file error names the user and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-users-'));
    const file = join(dir, 'users.yaml');
    const hash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'B'.repeat(43);
    const env = { ...real, VIGIE_USERS_FILE: file, VIGIE_SESSION_SECRET: SECRET };
    const cases: [string, RegExp][] = [
      [
        `users:\n  - { name: carol, passwordHash: "${hash}", role: boss }`,
        /user "carol" field "role": expected supervisor or teamlead/,
      ],
      [
        `users:\n  - { name: carol, passwordHash: "plain", role: supervisor }`,
        /user "carol" field "passwordHash"/,
      ],
      [
        `users:\n  - { name: dan, passwordHash: "${hash}", role: teamlead }`,
        /user "dan" field "groups": a teamlead needs/,
      ],
      [
        `users:\n  - { name: dan, passwordHash: "${hash}", role: teamlead, groups: [x] }`,
        /user "dan" field "groups"/,
      ],
      [
        `users:\n  - { name: "bad name!", passwordHash: "${hash}", role: supervisor }`,
        /users\[0\] field "name"/,
      ],
      [
        `users:\n  - { name: eve, passwordHash: "${hash}", role: supervisor, admin: true }`,
        /user "eve" field "admin": unknown field/,
      ],
      [
        `users:\n  - { name: eve, passwordHash: "${hash}", role: supervisor }\n  - { name: eve, passwordHash: "${hash}", role: supervisor }`,
        /user "eve" field "name": the name is used twice/,
      ],
      ['users: [', /not valid YAML or JSON/],
    ];
    for (const [text, expected] of cases) {
      writeFileSync(file, text);
      const message = errorOf(env);
      expect(message).toMatch(/^VIGIE_USERS_FILE \(/);
      expect(message).toMatch(expected);
    }
  });
});

describe('pnpm user:add', () => {
  it('writes a scrypt hash that verifies, updates a user in place, and refuses bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
    const file = join(dir, 'users.yaml');
    const cli = 'src/cli/user-add.ts';
    const a = await run(
      [cli, 'carol', '--role', 'teamlead', '--groups', '3,1', '--file', file],
      {},
      'first password\n',
    );
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(/added carol \(teamlead, groups 1,3\)/);
    const b = await run(
      [cli, 'carol', '--role', 'supervisor', '--file', file],
      {},
      'second password\n',
    );
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(/updated carol/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('second password');
    const users = loadConfig({ ...real, VIGIE_USERS_FILE: file, VIGIE_SESSION_SECRET: SECRET });
    expect(users.auth.mode).toBe('on');
    const hash = /passwordHash: (\S+)/.exec(text)?.[1] ?? '';
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const parsed = parseHash(hash);
    expect(parsed).not.toBeNull();
    if (parsed) {
      expect(await verifyPassword('second password', parsed)).toBe(true);
      expect(await verifyPassword('first password', parsed)).toBe(false);
    }
    const bad = await run(
      [cli, 'dan', '--role', 'teamlead', '--file', file],
      {},
      'whatever pass\n',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/teamlead needs --groups/);
    const short = await run([cli, 'dan', '--role', 'supervisor', '--file', file], {}, 'short\n');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/at least 10 characters/);
  }, 30_000);
});

describe('occupancy', () => {
  it('is busy time over busy + idle logged-in time (a login event is idle time)', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 27, 8, m)).toISOString();
    const ev = (type: string, m: number, s: number) => ({
      type,
      startedAt: at(m),
      durationSeconds: s,
      operatorId: 1,
    });
    const h = historyOf(
      1,
      new Date(at(0)),
      new Date(at(120)),
      [
        ev('login', 0, 600),
        ev('call_in', 10, 1200),
        ev('catchup', 30, 300),
        ev('break', 35, 900),
        ev('call_out', 50, 300),
        ev('login', 55, 600),
      ],
      Date.now(),
    );
    // busy 1800 s over 1800 + 1200 s logged in; the break counts in neither.
    expect(h.occupancyPercent).toBeCloseTo(60, 5);
    expect(
      historyOf(1, new Date(at(0)), new Date(at(1)), [], Date.now()).occupancyPercent,
    ).toBeNull();
  });
});
