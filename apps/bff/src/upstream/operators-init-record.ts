// guide 3.2 across restarts (single process): the send, deadline and end of the account's last
// operators_init, kept in VIGIE_DATA_DIR; the store of the file backend of operators-init-budget.ts.
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../lib/atomic-write';

const OPERATORS_INIT_FILE = 'operators-init.json';

type Log = { warn(obj: object, msg: string): void };

/** The account without its password: server (as the client's budget spells it) and user. */
export function accountKey(baseUrl: string, user: string): string {
  const url = new URL(baseUrl);
  return `${user}@${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface OperatorsInitRecord {
  /**
   * When the last call of this account ended, as far as the first call must assume: the recorded
   * end; the deadline (send + timeout) of a call whose end was never written (the process died
   * mid-request); `now` when the file could not be read or the directory cannot be written (wait
   * one full interval); null when no call was ever recorded.
   */
  lastEndedAt: number | null;
  /** Written before the call is sent: it may end at `deadline` at the latest. */
  recordSent(sentAt: number, deadline: number): void;
  /** Records the end of a call (every call sent counts, success or failure). */
  record(endedAt: number): void;
  /** A call refused in-process was never sent: forget its recordSent. */
  unsend(): void;
}

/** One account's entry: a bare number is the older file's end of the last call. */
interface Entry {
  sentAt: number;
  deadline: number;
  endedAt: number | null;
}

function entryOf(v: unknown): Entry | null {
  if (typeof v === 'number' && Number.isFinite(v)) return { sentAt: v, deadline: v, endedAt: v };
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const t = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  if (!t(e['sentAt']) || !t(e['deadline']) || !(e['endedAt'] === null || t(e['endedAt'])))
    return null;
  return e as unknown as Entry;
}

/** guide 3.2 counts from the send: an end never written means the call may have run to its deadline. */
function assumedEnd(e: Entry): number {
  return e.endedAt !== null && e.endedAt >= e.sentAt ? e.endedAt : e.deadline;
}

/**
 * Opens the record of `key` in `dataDir` (created like the SQLite store's). A missing file means
 * no earlier call; an unreadable or corrupt file, or an unwritable directory, means the last call
 * is unknown: the caller then waits one full interval, and a warning names VIGIE_DATA_DIR.
 */
export function openOperatorsInitRecord(
  dataDir: string,
  key: string,
  now: () => number,
  log: Log,
): OperatorsInitRecord {
  const file = join(dataDir, OPERATORS_INIT_FILE);
  const entries: Record<string, Entry> = {};
  let lastEndedAt: number | null = null;
  const warn = (err: unknown, what: string): void => {
    const e = err as NodeJS.ErrnoException;
    log.warn(
      { variable: 'VIGIE_DATA_DIR', dataDir, file, code: e.code ?? null, err: e.message },
      `VIGIE_DATA_DIR (${dataDir}): cannot ${what} ${file}: the first operators_init after a restart waits one full interval (guide 3.2)`,
    );
  };
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text !== null) {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new SyntaxError('not a JSON object');
      for (const [k, v] of Object.entries(parsed)) {
        const e = entryOf(v);
        if (e) entries[k] = e;
      }
      const value = (parsed as Record<string, unknown>)[key];
      if (value !== undefined && !entries[key])
        throw new SyntaxError(`not a call record: ${JSON.stringify(value)}`);
      lastEndedAt = entries[key] ? assumedEnd(entries[key]) : null;
    }
  } catch (err) {
    warn(err, 'read');
    lastEndedAt = now();
  }
  let failing = false;
  let previous: Entry | undefined;
  const write = (): void => {
    try {
      writeFileAtomic(file, `${JSON.stringify(entries)}\n`);
      failing = false;
    } catch (err) {
      // Once per streak of failures: every 30 s would bury the rest of the log.
      if (!failing) warn(err, 'write');
      failing = true;
    }
  };
  return {
    lastEndedAt,
    recordSent(sentAt, deadline) {
      previous = entries[key];
      entries[key] = { sentAt, deadline, endedAt: null };
      write();
    },
    record(endedAt) {
      const sent = entries[key];
      entries[key] = {
        sentAt: sent?.sentAt ?? endedAt,
        deadline: sent?.deadline ?? endedAt,
        endedAt,
      };
      write();
    },
    unsend() {
      if (previous) entries[key] = previous;
      else delete entries[key];
      write();
    },
  };
}
