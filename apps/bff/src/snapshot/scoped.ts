// One serialised snapshot per scope per seq: every client of a scope gets the same bytes (REST and SSE).
// Likewise one `patch` frame per scope per seq for the clients that asked for patches.
import type { Snapshot } from '@vigie/contract';
import { diffSnapshot } from '@vigie/contract/patch';
import { filterSnapshot, scopeKey } from '../auth/principal';
import { sseFrame, type PublishedSnapshot } from './publisher';

/** A patch from `base` to `from`, as one SSE frame for every client of a scope. */
interface ScopedPatch {
  readonly base: PublishedSnapshot;
  readonly from: PublishedSnapshot;
  /** `from` as this scope sees it: the base of the next patch. */
  readonly view: Snapshot;
  readonly frame: Buffer;
}

export interface ScopedBytes {
  readonly seq: number;
  /** What it was made from: a stale re-mark (cluster mode) keeps the seq but is another snapshot. */
  readonly from?: PublishedSnapshot;
  readonly json: string;
  readonly frame: Buffer;
}

/**
 * What a screen is told of who made the snapshot: a wall in a hall needs no host name or pid
 * (people signed in keep the real ids, to tell instances apart).
 */
const NEUTRAL_INSTANCE_ID = 'board';

function neutral(s: Snapshot): Snapshot {
  const { cluster } = s;
  return {
    ...s,
    cluster: {
      ...cluster,
      instanceId: NEUTRAL_INSTANCE_ID,
      leader: cluster.leader === null ? null : NEUTRAL_INSTANCE_ID,
    },
  };
}

/** Streams and REST replies of one key see the same bytes (the SSE hub groups its clients by it). */
export function viewKey(groups: readonly number[] | null, display: boolean): string {
  return `${display ? 'd:' : ''}${scopeKey(groups)}`;
}

/** A scope's key and view: the groups in scope, and whether a screen (neutral ids) sees it. */
function viewOf(groups: readonly number[] | null, display: boolean) {
  const key = viewKey(groups, display);
  const view = (s: Snapshot): Snapshot => {
    const scoped = groups === null ? s : filterSnapshot(s, groups);
    return display ? neutral(scoped) : scoped;
  };
  return { key, view };
}

export class ScopedSnapshots {
  private readonly byScope = new Map<string, ScopedBytes>();
  private readonly patches = new Map<string, ScopedPatch>();

  /** `groups` null: the whole snapshot, as the store serialised it (unless for a screen). */
  bytesFor(p: PublishedSnapshot, groups: readonly number[] | null, display = false): ScopedBytes {
    const seq = p.snapshot.seq;
    if (groups === null && !display) return { seq, json: p.json, frame: p.frame };
    const { key, view } = viewOf(groups, display);
    const cached = this.byScope.get(key);
    if (cached && cached.seq === seq && cached.from === p) return cached;
    // Entries of older seqs are dropped as scopes are asked for again: the map holds one per scope.
    const json = JSON.stringify(view(p.snapshot));
    const bytes = { seq, json, frame: sseFrame(p.eventId, json), from: p };
    this.byScope.set(key, bytes);
    return bytes;
  }

  /**
   * The `patch` frame taking a client of this scope from `base` to `p` (both with an SSE id),
   * computed and serialised once per scope and seq. Every instance of a cluster computes it from
   * the same consecutive snapshots, so gives the same bytes.
   */
  patchFor(
    base: PublishedSnapshot,
    p: PublishedSnapshot,
    groups: readonly number[] | null,
    display = false,
  ): Buffer {
    if (base.eventId === null || p.eventId === null)
      throw new Error('a patch joins two snapshots with an SSE id');
    const { key, view } = viewOf(groups, display);
    const cached = this.patches.get(key);
    if (cached && cached.from === p && cached.base === base) return cached.frame;
    // The previous patch's target is this one's base: no need to filter it again.
    const baseView = cached?.from === base ? cached.view : view(base.snapshot);
    const nextView = view(p.snapshot);
    const json = JSON.stringify(diffSnapshot(baseView, nextView));
    const frame = Buffer.from(`id: ${p.eventId}\nevent: patch\ndata: ${json}\n\n`);
    this.patches.set(key, { base, from: p, view: nextView, frame });
    return frame;
  }

  /** Scopes nobody asked for at the latest seq are forgotten (a removed team lead's, say). */
  prune(latestSeq: number): void {
    for (const [key, b] of this.byScope) if (b.seq < latestSeq - 1) this.byScope.delete(key);
    for (const [key, b] of this.patches)
      if (b.from.snapshot.seq < latestSeq - 1) this.patches.delete(key);
  }

  get size(): number {
    return this.byScope.size;
  }
}
