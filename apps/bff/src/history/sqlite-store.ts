// The default store: one embedded SQLite file under VIGIE_DATA_DIR, migrated on open (better-sqlite3, synchronous).
import type { Database as Db } from 'better-sqlite3';
import {
  AlertEventSchema,
  TrendPointSchema,
  type AlertEvent,
  type TrendPoint,
} from '@vigie/contract';
import type Type from 'typebox';
import { checkedJson, checkedJsonList, type CheckLog } from '../lib/checked-json';
import { AlertStateSchema, type AlertState } from './alert-state';
import {
  CounterBaselineSchema,
  eventId,
  type CounterBaseline,
  type CoverageBackfill,
  type CoverageCell,
  type CoverageLive,
  type HistoryStore,
} from './history-store';
import { MIGRATIONS, type Migration } from './migrations';

/** Applies the migrations the file has not seen, each in its own transaction; returns those applied. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as {
    v: number | null;
  };
  const current = row.v ?? 0;
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (current > known)
    // A file written by a newer Vigie: refusing beats silently misreading it.
    throw new Error(`schema version ${current} is newer than this Vigie knows (${known})`);
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
    applied.push(m.version);
  }
  return applied;
}

interface CoverageRow {
  hour: number;
  live: number;
  calls: number;
  answered: number;
  lost: number;
  observed_s: number;
  logged_in_s: number;
  available_s: number;
  backfilled: number;
  bf_calls: number | null;
  bf_answered: number | null;
  bf_lost: number | null;
  bf_s: number;
  bf_logged_in_s: number | null;
  bf_available_s: number | null;
}

export class SqliteStore implements HistoryStore {
  readonly kind = 'sqlite' as const;
  readonly appliedMigrations: number[];

  /** `account`: the Axialys account (accountKey) whose rows this store reads and writes. */
  constructor(
    private readonly db: Db,
    readonly location: string,
    private readonly account: string,
    /** Where a row read back with another version's shape is reported (then treated as absent). */
    private readonly log: CheckLog,
  ) {
    // WAL: readers (routes) never wait for the poller's writes; NORMAL is durable enough for a board.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    this.appliedMigrations = migrate(db);
  }

  async appendTrend(day: string, points: readonly (readonly [number, TrendPoint])[]) {
    const put = this.db.prepare(
      'INSERT OR REPLACE INTO trend_points (account, day, group_id, at, point) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.transaction(() => {
      for (const [gid, p] of points) put.run(this.account, day, gid, p.at, JSON.stringify(p));
    })();
  }

  async trendOf(day: string) {
    const rows = this.db
      .prepare(
        'SELECT group_id, point FROM trend_points WHERE account = ? AND day = ? ORDER BY group_id, at',
      )
      .all(this.account, day) as { group_id: number; point: string }[];
    const byGroup = new Map<number, string[]>();
    for (const r of rows) {
      const list = byGroup.get(r.group_id) ?? [];
      list.push(r.point);
      byGroup.set(r.group_id, list);
    }
    const out = new Map<number, TrendPoint[]>();
    for (const [gid, texts] of byGroup) {
      const points = checkedJsonList(
        TrendPointSchema,
        texts,
        this.log,
        `${this.location} trend of group ${gid}`,
      );
      if (points.length > 0) out.set(gid, points);
    }
    return out;
  }

  async addAlertEvents(events: readonly AlertEvent[]) {
    const put = this.db.prepare(
      'INSERT OR IGNORE INTO alert_events (account, id, at_ms, event) VALUES (?, ?, ?, ?)',
    );
    const fresh: AlertEvent[] = [];
    this.db.transaction(() => {
      for (const e of events)
        if (put.run(this.account, eventId(e), Date.parse(e.at), JSON.stringify(e)).changes > 0)
          fresh.push(e);
    })();
    return fresh;
  }

  async alertEvents(fromMs: number, toMs: number) {
    const rows = this.db
      .prepare(
        'SELECT event FROM alert_events WHERE account = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, rowid',
      )
      .all(this.account, fromMs, toMs) as { event: string }[];
    return checkedJsonList(
      AlertEventSchema,
      rows.map((r) => r.event),
      this.log,
      `${this.location} alert events`,
    );
  }

  private getKv<S extends Type.TSchema>(key: string, schema: S): Type.Static<S> | null {
    const row = this.db
      .prepare('SELECT value FROM kv WHERE account = ? AND key = ?')
      .get(this.account, key) as { value: string } | undefined;
    return row ? checkedJson(schema, row.value, this.log, `${this.location} ${key}`) : null;
  }

  private setKv(key: string, value: unknown): void {
    this.db
      .prepare('INSERT OR REPLACE INTO kv (account, key, value) VALUES (?, ?, ?)')
      .run(this.account, key, JSON.stringify(value));
  }

  async loadAlertState() {
    return this.getKv('alert-state', AlertStateSchema);
  }

  async saveAlertState(state: AlertState) {
    this.setKv('alert-state', state);
  }

  async loadBaseline() {
    return this.getKv('counter-baseline', CounterBaselineSchema);
  }

  async saveBaseline(baseline: CounterBaseline) {
    this.setKv('counter-baseline', baseline);
  }

  async addCoverage(day: string, groupId: number, hour: number, d: CoverageLive) {
    this.db
      .prepare(
        `INSERT INTO coverage (account, day, group_id, hour, live, calls, answered, lost, observed_s, logged_in_s, available_s)
         VALUES (@account, @day, @groupId, @hour, 1, @calls, @answered, @lost, @observedSeconds, @loggedInSeconds, @availableSeconds)
         ON CONFLICT (account, day, group_id, hour) DO UPDATE SET live = 1,
           calls = calls + excluded.calls, answered = answered + excluded.answered, lost = lost + excluded.lost,
           observed_s = observed_s + excluded.observed_s, logged_in_s = logged_in_s + excluded.logged_in_s,
           available_s = available_s + excluded.available_s`,
      )
      .run({ account: this.account, day, groupId, hour, ...d });
  }

  async setBackfill(day: string, groupId: number, hour: number, b: CoverageBackfill) {
    this.db
      .prepare(
        `INSERT INTO coverage (account, day, group_id, hour, backfilled, bf_calls, bf_answered, bf_lost, bf_s, bf_logged_in_s, bf_available_s)
         VALUES (@account, @day, @groupId, @hour, 1, @calls, @answered, @lost, @seconds, @loggedInSeconds, @availableSeconds)
         ON CONFLICT (account, day, group_id, hour) DO UPDATE SET backfilled = 1,
           bf_calls = excluded.bf_calls, bf_answered = excluded.bf_answered, bf_lost = excluded.bf_lost,
           bf_s = excluded.bf_s, bf_logged_in_s = excluded.bf_logged_in_s, bf_available_s = excluded.bf_available_s`,
      )
      .run({ account: this.account, day, groupId, hour, ...b });
  }

  async coverage(day: string, groupId: number): Promise<CoverageCell[]> {
    const rows = this.db
      .prepare(
        'SELECT * FROM coverage WHERE account = ? AND day = ? AND group_id = ? ORDER BY hour',
      )
      .all(this.account, day, groupId) as CoverageRow[];
    return rows.map((r) => ({
      hour: r.hour,
      live:
        r.live === 1
          ? {
              calls: r.calls,
              answered: r.answered,
              lost: r.lost,
              observedSeconds: r.observed_s,
              loggedInSeconds: r.logged_in_s,
              availableSeconds: r.available_s,
            }
          : null,
      backfill:
        r.backfilled === 1
          ? {
              calls: r.bf_calls,
              answered: r.bf_answered,
              lost: r.bf_lost,
              seconds: r.bf_s,
              loggedInSeconds: r.bf_logged_in_s,
              availableSeconds: r.bf_available_s,
            }
          : null,
    }));
  }

  async coveredHours(day: string) {
    const rows = this.db
      .prepare('SELECT group_id, hour FROM coverage WHERE account = ? AND day = ?')
      .all(this.account, day) as {
      group_id: number;
      hour: number;
    }[];
    return new Set(rows.map((r) => `${r.group_id}:${r.hour}`));
  }

  /** Every account's rows (and those of none): retention is the file's, not an account's. */
  async prune(firstKeptDay: string, firstKeptMs: number) {
    let n = 0;
    this.db.transaction(() => {
      n += this.db.prepare('DELETE FROM trend_points WHERE day < ?').run(firstKeptDay).changes;
      n += this.db.prepare('DELETE FROM coverage WHERE day < ?').run(firstKeptDay).changes;
      n += this.db.prepare('DELETE FROM alert_events WHERE at_ms < ?').run(firstKeptMs).changes;
    })();
    return n;
  }

  async close() {
    if (this.db.open) this.db.close();
  }
}
