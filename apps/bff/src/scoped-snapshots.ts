// One serialised snapshot per scope per seq: every client of a scope gets the same bytes (REST and SSE).
import { filterSnapshot, scopeKey } from './auth/principal';
import { sseFrame, type PublishedSnapshot } from './snapshot-store';

export interface ScopedBytes {
  readonly seq: number;
  /** What it was made from: a stale re-mark (cluster mode) keeps the seq but is another snapshot. */
  readonly from?: PublishedSnapshot;
  readonly json: string;
  readonly frame: Buffer;
}

export class ScopedSnapshots {
  private readonly byScope = new Map<string, ScopedBytes>();

  /** `groups` null: the whole snapshot, as the store serialised it. */
  bytesFor(p: PublishedSnapshot, groups: readonly number[] | null): ScopedBytes {
    const seq = p.snapshot.seq;
    if (groups === null) return { seq, json: p.json, frame: p.frame };
    const key = scopeKey(groups);
    const cached = this.byScope.get(key);
    if (cached && cached.seq === seq && cached.from === p) return cached;
    // Entries of older seqs are dropped as scopes are asked for again: the map holds one per scope.
    const json = JSON.stringify(filterSnapshot(p.snapshot, groups));
    const bytes = { seq, json, frame: sseFrame(p.eventId, json), from: p };
    this.byScope.set(key, bytes);
    return bytes;
  }

  /** Scopes nobody asked for at the latest seq are forgotten (a removed team lead's, say). */
  prune(latestSeq: number): void {
    for (const [key, b] of this.byScope) if (b.seq < latestSeq - 1) this.byScope.delete(key);
  }

  get size(): number {
    return this.byScope.size;
  }
}
