// The `patch` event of /api/stream: one implementation for the BFF (diff) and the SPA (apply).
// Pure, and type-only imports: the SPA imports it as `@vigie/contract/patch` without TypeBox.
import type { Snapshot, SnapshotPatch } from './snapshot';

/**
 * Top-level fields a patch leaves out when they are the same as its base's (issue 14 §2). Here,
 * not beside the schema: the SPA imports this module, and ./snapshot would bring TypeBox with it.
 */
export const PATCH_OPTIONAL_FIELDS = [
  'buildId',
  'demo',
  'upstream',
  'config',
  'groups',
  'cluster',
  'alerts',
] as const satisfies readonly (keyof Snapshot)[];

/** Equality of JSON values (what JSON.stringify would tell apart, key order aside). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (ra[k] === undefined) continue;
    if (!sameJson(ra[k], rb[k])) return false;
    n++;
  }
  let m = 0;
  for (const k in rb) if (rb[k] !== undefined) m++;
  return n === m;
}

/** The order `applyPatch` gives when the patch has no `order`: the base's, less the removed, new ones appended. */
function impliedOrder(
  prevIds: readonly number[],
  removed: ReadonlySet<number>,
  added: readonly number[],
): number[] {
  const ids: number[] = [];
  for (const id of prevIds) if (!removed.has(id)) ids.push(id);
  for (const id of added) ids.push(id);
  return ids;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A keyed list's change: new items and items whose fields came or went in full (`upsert`), the
 * other changed items as their id and changed fields only (`change`), the ids gone, and the order
 * when it is not implied.
 */
export interface ListPatch<T> {
  upsert: T[];
  change?: (Partial<T> & { id: number })[];
  remove: number[];
  order?: number[];
}

/** `next`'s fields that differ from `old`'s, with its id; null when a field came, went or moved. */
function changedFields<T extends { id: number }>(
  old: T,
  next: T,
): (Partial<T> & { id: number }) | null {
  const a = old as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  const keys = Object.keys(b);
  const oldKeys = Object.keys(a);
  if (keys.length !== oldKeys.length || keys.some((k, i) => oldKeys[i] !== k)) return null;
  const out: Record<string, unknown> = { id: next.id };
  for (const k of keys) if (!sameJson(a[k], b[k])) out[k] = b[k];
  return out as Partial<T> & { id: number };
}

function diffById<T extends { id: number }>(prev: readonly T[], next: readonly T[]): ListPatch<T> {
  const before = new Map<number, T>();
  for (const o of prev) before.set(o.id, o);
  const upsert: T[] = [];
  const change: (Partial<T> & { id: number })[] = [];
  const added: number[] = [];
  const nextIds: number[] = [];
  const seen = new Set<number>();
  for (const o of next) {
    nextIds.push(o.id);
    seen.add(o.id);
    const old = before.get(o.id);
    if (old === undefined) added.push(o.id);
    if (old !== undefined && sameJson(old, o)) continue;
    const fields = old === undefined ? null : changedFields(old, o);
    if (fields) change.push(fields);
    else upsert.push(o);
  }
  const remove: number[] = [];
  for (const o of prev) if (!seen.has(o.id)) remove.push(o.id);
  const implied = impliedOrder(
    prev.map((o) => o.id),
    new Set(remove),
    added,
  );
  const out: ListPatch<T> = change.length > 0 ? { upsert, change, remove } : { upsert, remove };
  if (!sameIds(implied, nextIds)) out.order = nextIds;
  return out;
}

/**
 * What changed from `prev` to `next`: `seq`, `takenAt`, each other top-level field of `next` in
 * full where it differs from `prev`'s, and for `operators` (always) and `groups` (when one changed)
 * only the changed or new items (in `next`'s order), removed ids, and the id order when applying
 * would not give it by itself. `applyPatch(prev, diffSnapshot(prev, next))` deep-equals `next`.
 */
export function diffSnapshot(prev: Snapshot, next: Snapshot): SnapshotPatch {
  const base = prev as unknown as Record<string, unknown>;
  // `next`'s key order (operators stays in its place), less what the base has the same; baseSeq last.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (k === 'operators') out[k] = diffById(prev.operators, next.operators);
    else if (!OPTIONAL.has(k)) out[k] = v;
    else if (sameJson(v, base[k])) continue;
    else out[k] = k === 'groups' ? diffById(prev.groups, next.groups) : v;
  }
  out['baseSeq'] = prev.seq;
  return out as unknown as SnapshotPatch;
}

const OPTIONAL: ReadonlySet<string> = new Set(PATCH_OPTIONAL_FIELDS);

/** A patch that does not fit the snapshot it is applied to. */
export class PatchMismatchError extends Error {
  override readonly name = 'PatchMismatchError';
}

/**
 * `prev` moved on by `patch`. Operators not in `upsert` are `prev`'s own objects (same identity,
 * which memoised views rely on). Throws PatchMismatchError when `patch.baseSeq` is not `prev.seq`
 * or the patch names an operator neither `prev` nor `upsert` has: the caller asks for a full
 * snapshot instead.
 */
export function applyPatch(prev: Snapshot, patch: SnapshotPatch): Snapshot {
  if (patch.baseSeq !== prev.seq)
    throw new PatchMismatchError(`patch is based on seq ${patch.baseSeq}, not ${prev.seq}`);
  const operators = applyById(prev.operators, patch.operators, 'operator');
  const groups = patch.groups ? applyById(prev.groups, patch.groups, 'group') : prev.groups;
  // The base's fields in its key order, each the patch's where it has one (the base's own object
  // where it has none: unchanged thresholds or queues keep their identity), then any new field.
  const given = patch as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(prev))
    out[k] = k === 'operators' ? operators : k === 'groups' ? groups : (given[k] ?? v);
  for (const [k, v] of Object.entries(given)) if (k !== 'baseSeq' && !(k in out)) out[k] = v;
  return out as unknown as Snapshot;
}

/** `prev` (a keyed list) moved on by `patch`: unchanged items are `prev`'s own objects. */
function applyById<T extends { id: number }>(
  prev: readonly T[],
  patch: ListPatch<T>,
  what: string,
): T[] {
  const { upsert, change, remove, order } = patch;
  const byId = new Map<number, T>();
  for (const o of prev) byId.set(o.id, o);
  const removed = new Set(remove);
  for (const id of removed) byId.delete(id);
  for (const c of change ?? []) {
    const old = byId.get(c.id);
    if (old === undefined) throw new PatchMismatchError(`patch changes ${what} ${c.id} unknown`);
    byId.set(c.id, { ...old, ...c });
  }
  const added: number[] = [];
  for (const o of upsert) {
    if (!byId.has(o.id)) added.push(o.id);
    byId.set(o.id, o);
  }
  const ids =
    order ??
    impliedOrder(
      prev.map((o) => o.id),
      removed,
      added,
    );
  if (ids.length !== byId.size)
    throw new PatchMismatchError(`patch gives ${byId.size} ${what}s but orders ${ids.length}`);
  const out: T[] = [];
  const placed = new Set<number>();
  for (const id of ids) {
    const o = byId.get(id);
    if (o === undefined || placed.has(id))
      throw new PatchMismatchError(`patch orders ${what} ${id} unknown or twice`);
    placed.add(id);
    out.push(o);
  }
  return out;
}
