// The store of what supervisors shape in the browser (issue 13): versioned documents by kind and
// id, written all-or-nothing with one audit entry per change, and a change feed for the stream.
// SQLite beside the history by default, Redis in a cluster (every instance hears a change), memory
// as the last resort. What a document means and who may write it is the settings service's.
import type { AuditEntry, SettingsKind } from '@vigie/contract';
import { ConflictError } from '../lib/errors';

export interface StoredDoc {
  readonly kind: SettingsKind;
  readonly id: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** The document as the service gave it (checked against its schema by the service on read). */
  readonly value: unknown;
}

export interface DocWrite {
  readonly kind: SettingsKind;
  readonly id: string;
  /** The new document; null deletes it. */
  readonly value: unknown;
  /**
   * The version the writer read: null when it must not exist yet (a create), `'any'` for a write
   * that does not race anyone's edit (an import replaces, the server's own bookkeeping).
   */
  readonly expected: number | null | 'any';
  /** What the audit keeps of it (defaults to `value`); secrets never go in. */
  readonly audit?: unknown;
}

export interface AuditQuery {
  /** Entries with a smaller seq (paging back); default: the newest. */
  readonly beforeSeq?: number;
  readonly limit: number;
  readonly kind?: SettingsKind;
}

/** What changed, told to every listener (on every instance, in a cluster). */
export interface SettingsChange {
  readonly kinds: readonly SettingsKind[];
}

export interface SettingsStore {
  readonly kind: 'sqlite' | 'redis' | 'memory';
  list(kind: SettingsKind): Promise<StoredDoc[]>;
  get(kind: SettingsKind, id: string): Promise<StoredDoc | null>;
  /**
   * Every write or none: a write whose `expected` is not the stored version throws ConflictError
   * (409) and nothing is written. Each change appends one audit entry (`action`: create, update or
   * delete from the versions, or `import` for all of them). Returns the stored documents (a delete:
   * its last version) in the order given, then tells the listeners.
   */
  write(
    writes: readonly DocWrite[],
    actor: string,
    at: number,
    action?: 'import',
  ): Promise<StoredDoc[]>;
  /** Newest first. */
  audit(q: AuditQuery): Promise<AuditEntry[]>;
  /** Called after each write here, and (Redis) after each write by another instance. */
  onChange(listener: (c: SettingsChange) => void): () => void;
  close(): Promise<void>;
}

/** The 409 of a write that does not match the stored version. */
export function conflict(w: DocWrite, current: number | null): ConflictError {
  if (w.expected === null)
    return new ConflictError(`${w.kind} "${w.id}" already exists (version ${current})`, current);
  if (current === null) return new ConflictError(`${w.kind} "${w.id}" was deleted meanwhile`, null);
  return new ConflictError(
    `${w.kind} "${w.id}" was changed meanwhile: version ${current}, not ${String(w.expected)}; reload it and try again`,
    current,
  );
}

/** The audit action of one write, from what was there. */
export function actionOf(
  before: StoredDoc | null,
  value: unknown,
  action?: 'import',
): AuditEntry['action'] {
  if (action) return action;
  if (value === null) return 'delete';
  return before ? 'update' : 'create';
}

/** Tells listeners, each guarded: one that throws must not stop the others or the write. */
export class ChangeFeed {
  private readonly listeners = new Set<(c: SettingsChange) => void>();

  on(listener: (c: SettingsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(c: SettingsChange): void {
    for (const l of this.listeners) {
      try {
        l(c);
      } catch {
        // a listener's own problem; the write stands
      }
    }
  }
}

export const kindsOf = (writes: readonly DocWrite[]): SettingsKind[] => [
  ...new Set(writes.map((w) => w.kind)),
];

/** The store of last resort (and of unit tests): the same rules in this process's memory. */
export class MemorySettingsStore implements SettingsStore {
  readonly kind = 'memory' as const;
  private readonly docs = new Map<string, StoredDoc>();
  private readonly entries: AuditEntry[] = [];
  private readonly feed = new ChangeFeed();

  async list(kind: SettingsKind) {
    return [...this.docs.values()]
      .filter((d) => d.kind === kind)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  async get(kind: SettingsKind, id: string) {
    return this.docs.get(`${kind}\u0000${id}`) ?? null;
  }

  async write(writes: readonly DocWrite[], actor: string, at: number, action?: 'import') {
    for (const w of writes) {
      const cur = this.docs.get(`${w.kind}\u0000${w.id}`) ?? null;
      if (w.expected !== 'any' && (cur?.version ?? null) !== w.expected)
        throw conflict(w, cur?.version ?? null);
    }
    const iso = new Date(at).toISOString();
    const out: StoredDoc[] = [];
    for (const w of writes) {
      const key = `${w.kind}\u0000${w.id}`;
      const before = this.docs.get(key) ?? null;
      const doc: StoredDoc = {
        kind: w.kind,
        id: w.id,
        version: (before?.version ?? 0) + 1,
        updatedAt: iso,
        updatedBy: actor,
        value: w.value,
      };
      if (w.value === null) this.docs.delete(key);
      else this.docs.set(key, doc);
      this.entries.push({
        seq: this.entries.length + 1,
        at: iso,
        actor,
        kind: w.kind,
        id: w.id,
        action: actionOf(before, w.value, action),
        before: before ? (this.audited.get(key) ?? before.value) : null,
        after: w.value === null ? null : (w.audit ?? w.value),
      });
      if (w.value === null) this.audited.delete(key);
      else this.audited.set(key, w.audit ?? w.value);
      out.push(doc);
    }
    if (writes.length > 0) this.feed.emit({ kinds: kindsOf(writes) });
    return out;
  }

  /** What the audit showed of each document last (its `audit` form), for the next entry's before. */
  private readonly audited = new Map<string, unknown>();

  async audit(q: AuditQuery) {
    return this.entries
      .filter(
        (e) => (q.beforeSeq === undefined || e.seq < q.beforeSeq) && (!q.kind || e.kind === q.kind),
      )
      .reverse()
      .slice(0, q.limit);
  }

  onChange(listener: (c: SettingsChange) => void) {
    return this.feed.on(listener);
  }

  async close() {}
}
