// Opens the board's store: Redis in cluster mode (namespaced by account), else the SQLite file in VIGIE_DATA_DIR (rows keyed by account), else memory (said loudly).
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { CheckLog } from '../lib/checked-json';
import type { HistoryStore } from './history-store';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis-store';
import { RedisSettingsStore } from './settings-redis';
import { MemorySettingsStore, type SettingsStore } from './settings-store';

export const DB_FILE = 'vigie.sqlite';

export interface OpenStoreOptions {
  dataDir: string;
  retentionDays: number;
  /** The Axialys account (accountKey: URL + user) whose records the SQLite file gives back. */
  account: string;
  /**
   * Cluster mode: the cluster's connection and namespace, a subscriber connection for the
   * settings' change channel (the store closes it) and this instance's id.
   */
  redis: { redis: Redis; namespace: string; subscriber: Redis; instanceId: string } | null;
  log: CheckLog & {
    error(obj: object, msg: string): void;
    info(obj: object, msg: string): void;
  };
}

export interface OpenedStore {
  store: HistoryStore;
  /** What supervisors shape in the browser (issue 13), beside the history in the same place. */
  settings: SettingsStore;
  /** Why the store fell back to memory; null when it is the one asked for. */
  problem: string | null;
}

/** Opens (creating the directory and file, then migrating) the SQLite store; throws on any problem. */
export async function openSqlite(
  dataDir: string,
  account: string,
  log: CheckLog,
): Promise<HistoryStore> {
  return (await openSqliteWithSettings(dataDir, account, log)).store;
}

/** The same, with the settings store on the same connection (closed with the history store). */
export async function openSqliteWithSettings(
  dataDir: string,
  account: string,
  log: CheckLog,
): Promise<{ store: HistoryStore; settings: SettingsStore }> {
  mkdirSync(dataDir, { recursive: true });
  // An unwritable directory is found now, not at the first write in the middle of the day.
  accessSync(dataDir, constants.W_OK);
  const file = join(dataDir, DB_FILE);
  const { default: Database } = await import('better-sqlite3');
  const { SqliteStore } = await import('./sqlite-store');
  const { SqliteSettingsStore } = await import('./settings-sqlite');
  const db = new Database(file);
  try {
    // The history store migrates the file first; the settings share its connection.
    const store = new SqliteStore(db, file, account, log);
    return { store, settings: new SqliteSettingsStore(db, account) };
  } catch (err) {
    db.close();
    throw err;
  }
}

export async function openStore(o: OpenStoreOptions): Promise<OpenedStore> {
  if (o.redis)
    return {
      store: new RedisStore({ ...o.redis, retentionDays: o.retentionDays, log: o.log }),
      settings: new RedisSettingsStore({
        ...o.redis,
        onError: (err) => o.log.error({ err: err.message }, 'settings: change channel'),
      }),
      problem: null,
    };
  const file = join(o.dataDir, DB_FILE);
  try {
    const { store, settings } = await openSqliteWithSettings(o.dataDir, o.account, o.log);
    o.log.info({ file }, 'history store opened');
    return { store, settings, problem: null };
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
    return { store: new MemoryStore(), settings: new MemorySettingsStore(), problem };
  }
}
