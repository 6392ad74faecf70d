// The users file: YAML or JSON, what a valid entry becomes, errors naming the user and the field, the CLI's read and atomic write.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../auth/password';
import { fingerprint } from '../auth/session-cookie';
import { loadUsersFile, readEntries, UsersFileError, writeEntries } from './users-file';

let HASH = '';
let OTHER = '';
beforeAll(async () => {
  HASH = await hashPassword('alice-pass', { N: 2 ** 10, r: 8, p: 1 });
  OTHER = await hashPassword('bob-pass', { N: 2 ** 10, r: 8, p: 1 });
});

const dir = () => mkdtempSync(join(tmpdir(), 'vigie-users-'));
const file = (name: string, text: string) => {
  const path = join(dir(), name);
  writeFileSync(path, text);
  return path;
};
const json = (users: unknown) => file('users.json', JSON.stringify({ users }));

/** The message a file is refused with (the test fails if it loads). */
function refusal(path: string): string {
  try {
    loadUsersFile(path);
  } catch (err) {
    expect(err).toBeInstanceOf(UsersFileError);
    return (err as Error).message;
  }
  throw new Error(`${path} loaded`);
}

describe('the users file', () => {
  it('loads JSON and YAML alike: role, groups sorted once, the hash, its fingerprint', async () => {
    const fromJson = loadUsersFile(
      json([
        { name: 'alice', passwordHash: HASH, role: 'supervisor' },
        { name: 'bob@site', passwordHash: OTHER, role: 'teamlead', groups: [103, 101, 103] },
      ]),
    );
    const fromYaml = loadUsersFile(
      file(
        'users.yaml',
        `# comment\nusers:\n  - name: alice\n    passwordHash: "${HASH}"\n    role: supervisor\n  - name: bob@site\n    passwordHash: "${OTHER}"\n    role: teamlead\n    groups: [103, 101, 103]\n`,
      ),
    );
    for (const users of [fromJson, fromYaml]) {
      expect([...users.keys()]).toEqual(['alice', 'bob@site']);
      expect(users.get('alice')).toMatchObject({ role: 'supervisor', groups: null });
      expect(users.get('bob@site')).toMatchObject({ role: 'teamlead', groups: [101, 103] });
      expect(users.get('alice')!.pv).toBe(fingerprint(HASH, 12));
      expect(await verifyPassword('alice-pass', users.get('alice')!.hash)).toBe(true);
    }
  });

  it('gives a supervisor every group, whatever list the file has for them', () => {
    const users = loadUsersFile(
      json([{ name: 'alice', passwordHash: HASH, role: 'supervisor', groups: [101] }]),
    );
    expect(users.get('alice')!.groups).toBeNull();
  });

  it('reads an empty file as no users', () => {
    expect(loadUsersFile(file('users.yaml', '')).size).toBe(0);
    expect(loadUsersFile(file('users.yaml', '# nobody yet\n')).size).toBe(0);
  });

  it('refuses a bad entry naming the user and the field, never the hash', () => {
    const cases: [unknown, string][] = [
      [[{ name: 'al ice', passwordHash: HASH, role: 'supervisor' }], 'users[0] field "name"'],
      [[{ passwordHash: HASH, role: 'supervisor' }], 'users[0] field "name"'],
      [['alice'], 'users[0]: expected an object'],
      [
        [
          { name: 'alice', passwordHash: HASH, role: 'supervisor' },
          { name: 'alice', passwordHash: OTHER, role: 'supervisor' },
        ],
        'user "alice" field "name": the name is used twice',
      ],
      [
        [{ name: 'alice', passwordHash: HASH, role: 'supervisor', password: 'x' }],
        'user "alice" field "password": unknown field',
      ],
      [
        [{ name: 'alice', passwordHash: 'plain-text', role: 'supervisor' }],
        'user "alice" field "passwordHash"',
      ],
      [[{ name: 'alice', passwordHash: HASH, role: 'admin' }], 'user "alice" field "role"'],
      [[{ name: 'bob', passwordHash: HASH, role: 'teamlead' }], 'a teamlead needs at least one'],
      [
        [{ name: 'bob', passwordHash: HASH, role: 'teamlead', groups: [] }],
        'a teamlead needs at least one',
      ],
      [
        [{ name: 'bob', passwordHash: HASH, role: 'teamlead', groups: [0] }],
        'user "bob" field "groups"',
      ],
      [
        [{ name: 'bob', passwordHash: HASH, role: 'teamlead', groups: ['101'] }],
        'user "bob" field "groups"',
      ],
    ];
    for (const [users, expected] of cases) {
      const path = json(users);
      const message = refusal(path);
      expect(message, expected).toContain(expected);
      expect(message.startsWith(`VIGIE_USERS_FILE (${path}): `)).toBe(true);
      expect(message).not.toContain(HASH.split('$')[5]);
    }
    expect(refusal(file('users.json', '{"people": []}'))).toContain('a "users" list');
    expect(refusal(file('users.yaml', 'users: [unclosed'))).toContain('not valid YAML or JSON');
    expect(refusal(join(dir(), 'missing.yaml'))).toContain('cannot read the file (ENOENT)');
  });
});

describe('the users file as the CLI edits it', () => {
  it('reads a missing file as no entries, and refuses to rewrite a broken one', () => {
    expect(readEntries(join(dir(), 'users.yaml'))).toEqual([]);
    expect(() =>
      readEntries(json([{ name: 'x', passwordHash: 'no', role: 'supervisor' }])),
    ).toThrow(UsersFileError);
  });

  it('writes atomically, owner-only, in the format its name says, and reads back the same', () => {
    const entries = [
      { name: 'alice', passwordHash: HASH, role: 'supervisor' as const },
      { name: 'bob', passwordHash: OTHER, role: 'teamlead' as const, groups: [101] },
    ];
    for (const name of ['users.yaml', 'users.json', 'USERS.JSON']) {
      const d = dir();
      const path = join(d, name);
      writeEntries(path, entries);
      expect(readEntries(path)).toEqual(entries);
      expect(loadUsersFile(path).get('bob')!.groups).toEqual([101]);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(readdirSync(d)).toEqual([name]); // no temporary file left
      const text = readFileSync(path, 'utf8');
      if (name.toLowerCase().endsWith('.json'))
        expect(JSON.parse(text)).toEqual({ users: entries });
      else expect(text).toMatch(/^# Vigie users: edit with pnpm user:add/);
    }
  });
});
