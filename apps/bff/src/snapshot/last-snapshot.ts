// Issue 10.4: the last snapshot published, kept in VIGIE_DATA_DIR per account, served at start with its real age.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SnapshotSchema, type Snapshot, type Upstream } from '@vigie/contract';
import { Value } from 'typebox/value';
import { writeFileAtomic } from '../lib/atomic-write';
import { agedSources } from './stale';

type Log = { warn(obj: object, msg: string): void };

/** One file per account (URL + user), named by a hash: the account itself is inside. */
function lastSnapshotFile(account: string): string {
  return `last-snapshot-${createHash('sha256').update(account).digest('hex').slice(0, 16)}.json`;
}

/** A board saving 1,000 operators every poll would write for nothing: at most this often. */
const SAVE_EVERY_MS = 5_000;

export interface LastSnapshot {
  /** What the file held for this account, checked against the contract; null if nothing usable. */
  readonly restored: Snapshot | null;
  /** Keeps `s` (written now, or within SAVE_EVERY_MS of the last write). */
  save(s: Snapshot): void;
  /** Writes what is pending now (on close). */
  flush(): void;
}

export function openLastSnapshot(
  dataDir: string,
  account: string,
  log: Log,
  now: () => number = Date.now,
): LastSnapshot {
  const file = join(dataDir, lastSnapshotFile(account));
  const warn = (err: unknown, what: string): void => {
    const e = err as NodeJS.ErrnoException;
    log.warn(
      { variable: 'VIGIE_DATA_DIR', dataDir, file, code: e.code ?? null, err: e.message },
      `VIGIE_DATA_DIR (${dataDir}): cannot ${what} ${file}: the board starts without its last figures`,
    );
  };
  let restored: Snapshot | null = null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
      account?: unknown;
      snapshot?: unknown;
    };
    if (parsed?.account !== account) throw new Error('written for another account');
    // An older-shaped or damaged file is worse than none: a board that shows wrong figures.
    if (!Value.Check(SnapshotSchema, parsed.snapshot))
      throw new Error('not a snapshot of this version');
    restored = parsed.snapshot;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warn(err, 'use');
  }

  let pending: Snapshot | null = null;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | null = null;
  let failing = false;
  const write = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    try {
      mkdirSync(dataDir, { recursive: true });
      writeFileAtomic(file, JSON.stringify({ account, snapshot: pending }));
      failing = false;
    } catch (err) {
      if (!failing) warn(err, 'write');
      failing = true;
    }
    pending = null;
    lastWrite = now();
  };
  return {
    restored,
    save(s) {
      pending = s;
      const wait = lastWrite + SAVE_EVERY_MS - now();
      if (wait <= 0) write();
      else if (!timer) {
        timer = setTimeout(write, wait);
        timer.unref();
      }
    },
    flush: write,
  };
}

/**
 * The upstream block of a snapshot kept from before the restart: its own success times, ages
 * counted to `now`, 'degraded' or 'down' by age as any old figures (an 'unauthorized' answer since
 * the start wins), never 'ok' until a fresh poll.
 */
export function restoredUpstream(saved: Snapshot, now: number, current: Upstream): Upstream {
  const { sources, status, oldest } = agedSources(saved, now, current.status);
  return {
    status,
    lastSuccessAt: saved.upstream.lastSuccessAt,
    error:
      current.error ??
      `Restarted: showing the figures kept from before the restart (${Math.round(oldest)} s old) until the first fresh poll`,
    sources,
  };
}
