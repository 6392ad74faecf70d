// A snapshot read from the wire is checked for the fields the screens rely on before it replaces
// the last good one: a garbled message must never blank the board.
import type { Snapshot, SnapshotPatch } from '@vigie/contract';

function parseObject(data: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** The fields every screen relies on, operators aside (a patch carries only their changes). */
function hasBoardFields(s: Partial<Snapshot>): boolean {
  return (
    typeof s.seq === 'number' &&
    typeof s.takenAt === 'string' &&
    typeof s.buildId === 'string' &&
    Array.isArray(s.groups) &&
    typeof s.upstream === 'object' &&
    s.upstream !== null &&
    typeof s.config === 'object' &&
    s.config !== null
  );
}

export function parseSnapshot(data: string): Snapshot | null {
  const s = parseObject(data) as Partial<Snapshot> | null;
  return s && hasBoardFields(s) && Array.isArray(s.operators) ? (s as Snapshot) : null;
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

/**
 * A `patch` event (`/api/stream?patch=1`); whether it fits the board is `applyPatch`'s to say.
 * A field it leaves out is the base's; one it carries must be of the board's shape.
 */
/** A keyed list's change (operators, queues): its arrays where it has them. */
function isListPatch(v: unknown): boolean {
  const l = v as Record<string, unknown> | null;
  return (
    isObject(l) &&
    Array.isArray(l?.['upsert']) &&
    Array.isArray(l?.['remove']) &&
    (l?.['change'] === undefined || Array.isArray(l['change'])) &&
    (l?.['order'] === undefined || Array.isArray(l['order']))
  );
}

export function parsePatch(data: string): SnapshotPatch | null {
  const p = parseObject(data) as Partial<SnapshotPatch> | null;
  if (!p || typeof p.baseSeq !== 'number') return null;
  const ok =
    typeof p.seq === 'number' &&
    typeof p.takenAt === 'string' &&
    (p.buildId === undefined || typeof p.buildId === 'string') &&
    (p.groups === undefined || isListPatch(p.groups)) &&
    (p.upstream === undefined || isObject(p.upstream)) &&
    (p.config === undefined || isObject(p.config)) &&
    isListPatch(p.operators);
  return ok ? (p as SnapshotPatch) : null;
}
