// The settings in the board's SQLite file (tables of migration 3), rows keyed by account like the history.
import type { Database as Db } from 'better-sqlite3';
import type { AuditEntry, SettingsKind } from '@vigie/contract';
import {
  actionOf,
  ChangeFeed,
  conflict,
  kindsOf,
  type AuditQuery,
  type DocWrite,
  type SettingsChange,
  type SettingsStore,
  type StoredDoc,
} from './settings-store';

interface DocRow {
  kind: SettingsKind;
  id: string;
  version: number;
  updated_at: string;
  updated_by: string;
  value: string;
  audit: string;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  kind: SettingsKind;
  id: string;
  action: AuditEntry['action'];
  before: string | null;
  after: string | null;
}

const toDoc = (r: DocRow): StoredDoc => ({
  kind: r.kind,
  id: r.id,
  version: r.version,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  value: JSON.parse(r.value) as unknown,
});

const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export class SqliteSettingsStore implements SettingsStore {
  readonly kind = 'sqlite' as const;
  private readonly feed = new ChangeFeed();

  /** `db` is already migrated (the history store opened it). */
  constructor(
    private readonly db: Db,
    private readonly account: string,
  ) {}

  async list(kind: SettingsKind) {
    const rows = this.db
      .prepare('SELECT * FROM settings_docs WHERE account = ? AND kind = ? ORDER BY id')
      .all(this.account, kind) as DocRow[];
    return rows.map(toDoc);
  }

  async get(kind: SettingsKind, id: string) {
    const row = this.row(kind, id);
    return row ? toDoc(row) : null;
  }

  private row(kind: SettingsKind, id: string): DocRow | undefined {
    return this.db
      .prepare('SELECT * FROM settings_docs WHERE account = ? AND kind = ? AND id = ?')
      .get(this.account, kind, id) as DocRow | undefined;
  }

  async write(writes: readonly DocWrite[], actor: string, at: number, action?: 'import') {
    const iso = new Date(at).toISOString();
    const put = this.db.prepare(
      'INSERT OR REPLACE INTO settings_docs (account, kind, id, version, updated_at, updated_by, value, audit) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const del = this.db.prepare(
      'DELETE FROM settings_docs WHERE account = ? AND kind = ? AND id = ?',
    );
    const log = this.db.prepare(
      'INSERT INTO settings_audit (account, at, actor, kind, id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // One transaction: the version checks and every write, so a conflict anywhere writes nothing.
    const out = this.db.transaction(() => {
      const docs: StoredDoc[] = [];
      for (const w of writes) {
        const cur = this.row(w.kind, w.id);
        if (w.expected !== 'any' && (cur?.version ?? null) !== w.expected)
          throw conflict(w, cur?.version ?? null);
      }
      for (const w of writes) {
        const before = this.row(w.kind, w.id);
        const version = (before?.version ?? 0) + 1;
        const auditText = w.value === null ? null : JSON.stringify(w.audit ?? w.value);
        if (w.value === null) del.run(this.account, w.kind, w.id);
        else
          put.run(
            this.account,
            w.kind,
            w.id,
            version,
            iso,
            actor,
            JSON.stringify(w.value),
            auditText,
          );
        log.run(
          this.account,
          iso,
          actor,
          w.kind,
          w.id,
          actionOf(before ? toDoc(before) : null, w.value, action),
          before ? before.audit : null,
          auditText,
        );
        docs.push({
          kind: w.kind,
          id: w.id,
          version,
          updatedAt: iso,
          updatedBy: actor,
          value: w.value,
        });
      }
      return docs;
    })();
    if (writes.length > 0) this.feed.emit({ kinds: kindsOf(writes) });
    return out;
  }

  async audit(q: AuditQuery) {
    const rows = this.db
      .prepare(
        `SELECT seq, at, actor, kind, id, action, before, after FROM settings_audit
         WHERE account = ? AND seq < ? AND (? IS NULL OR kind = ?) ORDER BY seq DESC LIMIT ?`,
      )
      .all(
        this.account,
        q.beforeSeq ?? Number.MAX_SAFE_INTEGER,
        q.kind ?? null,
        q.kind ?? null,
        q.limit,
      ) as AuditRow[];
    return rows.map((r) => ({ ...r, before: parsed(r.before), after: parsed(r.after) }));
  }

  onChange(listener: (c: SettingsChange) => void) {
    return this.feed.on(listener);
  }

  async close() {
    // The connection is the history store's: it closes it.
  }
}
