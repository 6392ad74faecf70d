// Opens the board's store: Redis in cluster mode (namespaced by account), else the SQLite file in VIGIE_DATA_DIR (rows keyed by account), else memory (said loudly).
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { CheckLog } from '../lib/checked-json';
import type { HistoryStore } from './history-store';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';

export const DB_FILE = 'vigie.sqlite';

export interface OpenStoreOptions {
  dataDir: string;
  retentionDays: number;
  /** The Axialys account (accountKey: URL + user) whose records the SQLite file gives back. */
  account: string;
  /** Cluster mode: the cluster's connection and namespace. */
  redis: { redis: Redis; namespace: string } | null;
  log: CheckLog & {
    error(obj: object, msg: string): void;
    info(obj: object, msg: string): void;
  };
}

export interface OpenedStore {
  store: HistoryStore;
  /** Why the store fell back to memory; null when it is the one asked for. */
  problem: string | null;
}

/** Opens (creating the directory and file, then migrating) the SQLite store; throws on any problem. */
export async function openSqlite(
  dataDir: string,
  account: string,
  log: CheckLog,
): Promise<HistoryStore> {
  mkdirSync(dataDir, { recursive: true });
  // An unwritable directory is found now, not at the first write in the middle of the day.
  accessSync(dataDir, constants.W_OK);
  const file = join(dataDir, DB_FILE);
  const { default: Database } = await import('better-sqlite3');
  const { SqliteStore } = await import('./sqlite-store');
  const db = new Database(file);
  try {
    return new SqliteStore(db, file, account, log);
  } catch (err) {
    db.close();
    throw err;
  }
}

export async function openStore(o: OpenStoreOptions): Promise<OpenedStore> {
  if (o.redis)
    return {
      store: new RedisStore({ ...o.redis, retentionDays: o.retentionDays, log: o.log }),
      problem: null,
    };
  const file = join(o.dataDir, DB_FILE);
  try {
    const store = await openSqlite(o.dataDir, o.account, o.log);
    o.log.info({ file }, 'history store opened');
    return { store, problem: null };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = `${e.code ? `${e.code}: ` : ''}${e.message}`;
    const problem = `VIGIE_DATA_DIR (${o.dataDir}): cannot use ${file}: ${why}`;
    // The board still runs live; only the day's record (trend, alerts, coverage) is lost on restart.
    o.log.error(
      {
        variable: 'VIGIE_DATA_DIR',
        dataDir: o.dataDir,
        file,
        code: e.code ?? null,
        err: e.message,
      },
      `${problem}. The board runs live without a saved history (kept in memory until restart); fix or move the file and restart.`,
    );
    return { store: new MemoryStore(), problem };
  }
}
