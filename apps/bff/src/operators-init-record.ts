// guide 3.2 across restarts (single process): the end of the account's last operators_init, kept in VIGIE_DATA_DIR.
import { accessSync, constants, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxialysRateLimitError, type AxialysClient } from '@vigie/axialys-client';

export const OPERATORS_INIT_FILE = 'operators-init.json';

type Log = { warn(obj: object, msg: string): void };

/** The account without its password: server (as the client's budget spells it) and user. */
export function accountKey(baseUrl: string, user: string): string {
  const url = new URL(baseUrl);
  return `${user}@${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface OperatorsInitRecord {
  /**
   * When the last call of this account ended, as far as the first call must assume: the recorded
   * end, `now` when the file could not be read or the directory cannot be written (wait one full
   * interval), null when no call was ever recorded.
   */
  lastEndedAt: number | null;
  /** Records the end of a call (every call sent counts, success or failure). */
  record(endedAt: number): void;
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
  let entries: Record<string, number> = {};
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
      entries = Object.fromEntries(
        Object.entries(parsed).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)),
      ) as Record<string, number>;
      const value = (parsed as Record<string, unknown>)[key];
      if (value !== undefined && typeof value !== 'number')
        throw new SyntaxError(`not a time: ${JSON.stringify(value)}`);
      lastEndedAt = entries[key] ?? null;
    }
  } catch (err) {
    warn(err, 'read');
    lastEndedAt = now();
  }
  let failing = false;
  return {
    lastEndedAt,
    record(endedAt) {
      entries[key] = endedAt;
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, `${JSON.stringify(entries)}\n`);
        renameSync(tmp, file);
        failing = false;
      } catch (err) {
        // Once per streak of failures: every 30 s would bury the rest of the log.
        if (!failing) warn(err, 'write');
        failing = true;
      }
    },
  };
}

/** Records the end of every operators_init sent; a call refused in-process was never sent. */
export function recordingOperatorsInit(
  client: AxialysClient,
  record: OperatorsInitRecord,
  now: () => number,
): AxialysClient {
  const track =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const r = await fn(...args);
        record.record(now());
        return r;
      } catch (err) {
        if (!(err instanceof AxialysRateLimitError && err.local)) record.record(now());
        throw err;
      }
    };
  // The client is a plain object of functions (createAxialysClient): override the two of 3.2.
  return {
    ...client,
    operatorsInit: track(() => client.operatorsInit()),
    operatorInit: track((id: number) => client.operatorInit(id)),
  };
}
