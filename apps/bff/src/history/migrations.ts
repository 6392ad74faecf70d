// The SQLite schema as ordered migrations: each runs once, recorded in `schema_version`.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Append only: a shipped migration is never edited, a change is a new one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'trend, alert events, coverage, key-values',
    sql: `
CREATE TABLE trend_points (
  day TEXT NOT NULL, group_id INTEGER NOT NULL, at TEXT NOT NULL, point TEXT NOT NULL,
  PRIMARY KEY (day, group_id, at)
) WITHOUT ROWID;
CREATE TABLE alert_events (
  id TEXT PRIMARY KEY, at_ms INTEGER NOT NULL, event TEXT NOT NULL
);
CREATE INDEX alert_events_at ON alert_events (at_ms);
CREATE TABLE coverage (
  day TEXT NOT NULL, group_id INTEGER NOT NULL, hour INTEGER NOT NULL,
  live INTEGER NOT NULL DEFAULT 0,
  calls INTEGER NOT NULL DEFAULT 0, answered INTEGER NOT NULL DEFAULT 0, lost INTEGER NOT NULL DEFAULT 0,
  observed_s REAL NOT NULL DEFAULT 0, logged_in_s REAL NOT NULL DEFAULT 0, available_s REAL NOT NULL DEFAULT 0,
  backfilled INTEGER NOT NULL DEFAULT 0,
  bf_calls INTEGER, bf_answered INTEGER, bf_lost INTEGER,
  bf_s REAL NOT NULL DEFAULT 0, bf_logged_in_s REAL, bf_available_s REAL,
  PRIMARY KEY (day, group_id, hour)
) WITHOUT ROWID;
CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  {
    version: 2,
    name: 'records keyed by account (URL + user)',
    // Rows from before have no account: kept under '' (nobody's, never shown) until retention.
    sql: `
CREATE TABLE trend_points_v2 (
  account TEXT NOT NULL, day TEXT NOT NULL, group_id INTEGER NOT NULL, at TEXT NOT NULL, point TEXT NOT NULL,
  PRIMARY KEY (account, day, group_id, at)
) WITHOUT ROWID;
INSERT INTO trend_points_v2 SELECT '', day, group_id, at, point FROM trend_points;
DROP TABLE trend_points;
ALTER TABLE trend_points_v2 RENAME TO trend_points;
CREATE TABLE alert_events_v2 (
  account TEXT NOT NULL, id TEXT NOT NULL, at_ms INTEGER NOT NULL, event TEXT NOT NULL,
  PRIMARY KEY (account, id)
);
INSERT INTO alert_events_v2 SELECT '', id, at_ms, event FROM alert_events ORDER BY rowid;
DROP TABLE alert_events;
ALTER TABLE alert_events_v2 RENAME TO alert_events;
CREATE INDEX alert_events_at ON alert_events (account, at_ms);
CREATE TABLE coverage_v2 (
  account TEXT NOT NULL, day TEXT NOT NULL, group_id INTEGER NOT NULL, hour INTEGER NOT NULL,
  live INTEGER NOT NULL DEFAULT 0,
  calls INTEGER NOT NULL DEFAULT 0, answered INTEGER NOT NULL DEFAULT 0, lost INTEGER NOT NULL DEFAULT 0,
  observed_s REAL NOT NULL DEFAULT 0, logged_in_s REAL NOT NULL DEFAULT 0, available_s REAL NOT NULL DEFAULT 0,
  backfilled INTEGER NOT NULL DEFAULT 0,
  bf_calls INTEGER, bf_answered INTEGER, bf_lost INTEGER,
  bf_s REAL NOT NULL DEFAULT 0, bf_logged_in_s REAL, bf_available_s REAL,
  PRIMARY KEY (account, day, group_id, hour)
) WITHOUT ROWID;
INSERT INTO coverage_v2 SELECT '', * FROM coverage;
DROP TABLE coverage;
ALTER TABLE coverage_v2 RENAME TO coverage;
CREATE TABLE kv_v2 (account TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (account, key));
INSERT INTO kv_v2 SELECT '', key, value FROM kv;
DROP TABLE kv;
ALTER TABLE kv_v2 RENAME TO kv;
`,
  },
  {
    version: 3,
    name: 'settings shaped in the browser (boards, screens, queues, ticker, acks) and their audit',
    sql: `
CREATE TABLE settings_docs (
  account TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
  updated_at TEXT NOT NULL, updated_by TEXT NOT NULL, value TEXT NOT NULL, audit TEXT NOT NULL,
  PRIMARY KEY (account, kind, id)
) WITHOUT ROWID;
CREATE TABLE settings_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
  kind TEXT NOT NULL, id TEXT NOT NULL, action TEXT NOT NULL, before TEXT, after TEXT
);
CREATE INDEX settings_audit_account ON settings_audit (account, seq);
`,
  },
];
