// The users file (VIGIE_USERS_FILE, YAML or JSON): parsed and validated, with errors naming the user and the field.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse, stringify } from 'yaml';
import { fingerprint } from '../auth/session-cookie';
import { writeFileAtomic } from '../lib/atomic-write';
import { parseHash, type ParsedHash } from '../auth/password';

type UserRole = 'supervisor' | 'teamlead';
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** One entry as written in the file. */
export interface UserEntry {
  name: string;
  passwordHash: string;
  role: UserRole;
  groups?: number[];
}

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
    const name = raw['name'];
    if (typeof name !== 'string' || !USER_NAME.test(name))
      throw fail(
        `users[${i}] field "name": expected letters, digits, ".", "_", "@" or "-" (at most 64)`,
      );
    const who = `user "${name}"`;
    if (users.has(name)) throw fail(`${who} field "name": the name is used twice`);
    for (const key of Object.keys(raw))
      if (!['name', 'passwordHash', 'role', 'groups'].includes(key))
        throw fail(`${who} field "${key}": unknown field (name, passwordHash, role, groups)`);
    const hash = typeof raw['passwordHash'] === 'string' ? parseHash(raw['passwordHash']) : null;
    if (!hash)
      throw fail(
        `${who} field "passwordHash": expected scrypt$N$r$p$salt$hash as written by pnpm user:add`,
      );
    const role = raw['role'];
    if (role !== 'supervisor' && role !== 'teamlead')
      throw fail(`${who} field "role": expected supervisor or teamlead`);
    const g = raw['groups'];
    let groups: number[] | null = null;
    if (g !== undefined && g !== null) {
      if (!Array.isArray(g) || !g.every((x) => Number.isInteger(x) && (x as number) >= 1))
        throw fail(`${who} field "groups": expected a list of group ids (whole numbers ≥ 1)`);
      groups = [...new Set(g as number[])].sort((a, b) => a - b);
    }
    if (role === 'teamlead' && (groups === null || groups.length === 0))
      throw fail(`${who} field "groups": a teamlead needs at least one group id`);
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
