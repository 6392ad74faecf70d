// The users file (VIGIE_USERS_FILE, YAML or JSON): parsed and validated, with errors naming the user and the field.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import Type from 'typebox';
import { Value } from 'typebox/value';
import { parse, stringify } from 'yaml';
import { fingerprint } from '../auth/session-cookie';
import { writeFileAtomic } from '../lib/atomic-write';
import { parseHash, type ParsedHash } from '../auth/password';

export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/**
 * One entry as written in the file, field by field: each field's schema with what to say when it
 * does not fit, so an error names the user and the field (checked in this order).
 */
const FIELDS = {
  name: {
    schema: Type.String({ pattern: USER_NAME.source }),
    help: 'expected letters, digits, ".", "_", "@" or "-" (at most 64)',
  },
  passwordHash: {
    schema: Type.String({ minLength: 1 }),
    help: 'expected scrypt$N$r$p$salt$hash as written by pnpm user:add',
  },
  role: {
    schema: Type.Union([Type.Literal('supervisor'), Type.Literal('teamlead')]),
    help: 'expected supervisor or teamlead',
  },
  groups: {
    schema: Type.Union([Type.Null(), Type.Array(Type.Integer({ minimum: 1 }))]),
    help: 'expected a list of group ids (whole numbers ≥ 1)',
  },
} as const;

const UserEntrySchema = Type.Object(
  {
    name: FIELDS.name.schema,
    passwordHash: FIELDS.passwordHash.schema,
    role: FIELDS.role.schema,
    groups: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
);

/** One entry as written in the file. */
export type UserEntry = Type.Static<typeof UserEntrySchema>;
type UserRole = UserEntry['role'];

/** One user as the BFF checks sign-ins and sessions against it. */
export interface User {
  readonly name: string;
  readonly role: UserRole;
  /** null: every group (supervisors, and team leads without a list are refused at load). */
  readonly groups: readonly number[] | null;
  readonly hash: ParsedHash;
  /** Fingerprint of the hash: sessions carry it, so a new password ends the old sessions. */
  readonly pv: string;
}

export class UsersFileError extends Error {
  constructor(path: string, detail: string) {
    super(`VIGIE_USERS_FILE (${path}): ${detail}`);
    this.name = 'UsersFileError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the parsed document; the first problem found is thrown, naming the user and the field. */
function validateUsers(doc: unknown, path: string): Map<string, User> {
  const fail = (detail: string) => new UsersFileError(path, detail);
  if (doc === null || doc === undefined) return new Map();
  if (!isObject(doc) || !Array.isArray(doc['users']))
    throw fail('expected a document with a "users" list');
  const users = new Map<string, User>();
  for (const [i, raw] of (doc['users'] as unknown[]).entries()) {
    if (!isObject(raw)) throw fail(`users[${i}]: expected an object with name, passwordHash, role`);
    const fits = (field: keyof typeof FIELDS) => Value.Check(FIELDS[field].schema, raw[field]);
    if (!fits('name')) throw fail(`users[${i}] field "name": ${FIELDS.name.help}`);
    const name = raw['name'] as string;
    const who = `user "${name}"`;
    if (users.has(name)) throw fail(`${who} field "name": the name is used twice`);
    for (const key of Object.keys(raw))
      if (!(key in FIELDS))
        throw fail(`${who} field "${key}": unknown field (${Object.keys(FIELDS).join(', ')})`);
    const hash = fits('passwordHash') ? parseHash(raw['passwordHash'] as string) : null;
    if (!hash) throw fail(`${who} field "passwordHash": ${FIELDS.passwordHash.help}`);
    if (!fits('role')) throw fail(`${who} field "role": ${FIELDS.role.help}`);
    const role = raw['role'] as UserRole;
    if (raw['groups'] !== undefined && !fits('groups'))
      throw fail(`${who} field "groups": ${FIELDS.groups.help}`);
    const g = raw['groups'] as number[] | null | undefined;
    const groups = g ? [...new Set(g)].sort((a, b) => a - b) : null;
    if (role === 'teamlead' && (groups === null || groups.length === 0))
      throw fail(`${who} field "groups": a teamlead needs at least one group id`);
    // The whole entry against the file's schema too: a field added later cannot slip past.
    const { groups: _given, ...fields } = raw;
    if (!Value.Check(UserEntrySchema, g ? { ...fields, groups: g } : fields))
      throw fail(`${who}: not an entry of this version's users file`);
    users.set(name, {
      name,
      role,
      // A supervisor sees everything: a list on a supervisor would only mislead.
      groups: role === 'supervisor' ? null : groups,
      hash,
      pv: fingerprint(raw['passwordHash'] as string, 12),
    });
  }
  return users;
}

function parseUsersText(text: string, path: string): unknown {
  try {
    // YAML 1.2 is a superset of JSON: one parser reads both.
    return parse(text);
  } catch (err) {
    throw new UsersFileError(
      path,
      `not valid YAML or JSON (${(err as Error).message.split('\n')[0]})`,
    );
  }
}

export function loadUsersFile(path: string): Map<string, User> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsersFileError(
      path,
      `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return validateUsers(parseUsersText(text, path), path);
}

/** The raw entries, for the CLI to add or update one (a missing file is an empty list). */
export function readEntries(path: string): UserEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const doc = parseUsersText(text, path);
  validateUsers(doc, path); // refuse to rewrite a file that is already broken
  return isObject(doc) ? ((doc['users'] as UserEntry[] | undefined) ?? []) : [];
}

/** Writes atomically (temp file + rename), readable by its owner only: it holds password hashes. */
export function writeEntries(path: string, entries: readonly UserEntry[]): void {
  const json = ['.json'].includes(extname(path).toLowerCase());
  const text = json
    ? `${JSON.stringify({ users: entries }, null, 2)}\n`
    : `# Vigie users: edit with pnpm user:add; the BFF reloads this file when it changes.\n${stringify({ users: entries })}`;
  writeFileAtomic(path, text, { mode: 0o600 });
}
