// CLI `pnpm user:add <name> --role supervisor|teamlead [--groups 1,3] [--file path]`: hashes a password into the users file.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/password';
import { USER_NAME, readEntries, writeEntries, type UserEntry } from '../config/users-file';

const USAGE =
  'usage: pnpm user:add <name> --role supervisor|teamlead [--groups 1,3] [--file users.yaml]\n' +
  '  the password is asked for (or read from the first line of stdin when it is not a terminal)';

/** At least this long: a board's password guards live customer numbers. */
export const MIN_PASSWORD_CHARS = 10;

class UsageError extends Error {}

/** Reads a line from a terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((done, fail) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          done(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          fail(new UsageError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await promptHidden('Password: ');
  const again = await promptHidden('Again: ');
  if (first !== again) throw new UsageError('the two passwords differ');
  return first;
}

export async function main(argv: readonly string[], defaultFile: string): Promise<string> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      groups: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const name = positionals[0];
  if (!name || positionals.length > 1) throw new UsageError('give exactly one user name');
  if (!USER_NAME.test(name))
    throw new UsageError('a name is letters, digits, ".", "_", "@" or "-" (at most 64)');
  const role = values.role;
  if (role !== 'supervisor' && role !== 'teamlead')
    throw new UsageError('--role must be supervisor or teamlead');
  let groups: number[] | undefined;
  if (values.groups !== undefined) {
    const list = values.groups.split(',').map((g) => g.trim());
    if (!list.every((g) => /^[1-9]\d{0,9}$/.test(g)))
      throw new UsageError('--groups is group ids separated by commas, e.g. 1,3');
    groups = [...new Set(list.map(Number))].sort((a, b) => a - b);
  }
  if (role === 'teamlead' && !groups?.length)
    throw new UsageError('a teamlead needs --groups (the group ids they may see)');
  const file = resolve(values.file ?? defaultFile);
  const entries = readEntries(file); // validates the current file before touching it

  const password = await readPassword();
  if (password.length < MIN_PASSWORD_CHARS)
    throw new UsageError(`the password must be at least ${MIN_PASSWORD_CHARS} characters`);

  const entry: UserEntry = {
    name,
    passwordHash: await hashPassword(password),
    role,
    ...(role === 'teamlead' && groups ? { groups } : {}),
  };
  const at = entries.findIndex((e) => e.name === name);
  if (at >= 0) entries[at] = entry;
  else entries.push(entry);
  writeEntries(file, entries);
  return `${at >= 0 ? 'updated' : 'added'} ${name} (${role}${groups && role === 'teamlead' ? `, groups ${groups.join(',')}` : ''}) in ${file}; a running BFF reloads it by itself`;
}

// The CLI is its own entry point (like server.ts): the users file defaults to the BFF's setting.
const isMain =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  main(process.argv.slice(2), process.env['VIGIE_USERS_FILE'] ?? 'users.yaml').then(
    (msg) => process.stdout.write(`${msg}\n`),
    (err: unknown) => {
      const usage = err instanceof UsageError;
      process.stderr.write(`user:add: ${(err as Error).message}\n${usage ? `${USAGE}\n` : ''}`);
      process.exit(usage ? 2 : 1);
    },
  );
}
