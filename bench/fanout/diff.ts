// Would a patch event pay for itself? A keyed diff of two snapshots, and what it costs and saves.
import { gzipSync } from 'node:zlib';
import type { Snapshot, SnapshotGroup, SnapshotOperator } from '@vigie/contract';
import { median } from '../lib/report';

/** Changed or new rows by id, removed ids, and the small top-level fields when they changed. */
interface SnapshotDiff {
  seq: number;
  baseSeq: number;
  takenAt: string;
  upstream?: Snapshot['upstream'];
  config?: Snapshot['config'];
  buildId?: string;
  operators: { upsert: SnapshotOperator[]; remove: number[] };
  groups: { upsert: SnapshotGroup[]; remove: number[] };
}

function sameRow(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k in ra) {
    const va = ra[k];
    const vb = rb[k];
    if (va === vb) continue;
    if (typeof va === 'object' && va !== null && typeof vb === 'object' && vb !== null) {
      if (!sameRow(va, vb)) return false;
      continue;
    }
    return false;
  }
  return Object.keys(ra).length === Object.keys(rb).length;
}

function diffRows<T extends { id: number }>(
  prev: readonly T[],
  next: readonly T[],
): { upsert: T[]; remove: number[] } {
  const before = new Map(prev.map((r) => [r.id, r]));
  const upsert: T[] = [];
  for (const row of next) {
    const old = before.get(row.id);
    before.delete(row.id);
    if (!old || !sameRow(old, row)) upsert.push(row);
  }
  return { upsert, remove: [...before.keys()] };
}

function diffSnapshots(prev: Snapshot, next: Snapshot): SnapshotDiff {
  const d: SnapshotDiff = {
    seq: next.seq,
    baseSeq: prev.seq,
    takenAt: next.takenAt,
    operators: diffRows(prev.operators, next.operators),
    groups: diffRows(prev.groups, next.groups),
  };
  if (!sameRow(prev.upstream, next.upstream)) d.upstream = next.upstream;
  if (!sameRow(prev.config, next.config)) d.config = next.config;
  if (prev.buildId !== next.buildId) d.buildId = next.buildId;
  return d;
}

function timeMs(fn: () => unknown, reps: number): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export interface DiffFigures {
  pairs: number;
  operators: number;
  fullBytes: number;
  fullGzipBytes: number;
  diffBytes: number;
  diffGzipBytes: number;
  changedOperators: number;
  serialiseMs: number;
  diffMs: number;
}

/** Per consecutive pair; each timing is the median of `reps` runs. */
export function measureDiffs(snapshots: readonly Snapshot[], reps = 15): DiffFigures[] {
  const rows: DiffFigures[] = [];
  for (let i = 1; i < snapshots.length; i++) {
    const prev = snapshots[i - 1];
    const next = snapshots[i];
    if (!prev || !next) continue;
    const full = JSON.stringify(next);
    const patch = diffSnapshots(prev, next);
    const diff = JSON.stringify(patch);
    rows.push({
      pairs: 1,
      operators: next.operators.length,
      fullBytes: Buffer.byteLength(full),
      fullGzipBytes: gzipSync(full).length,
      diffBytes: Buffer.byteLength(diff),
      diffGzipBytes: gzipSync(diff).length,
      changedOperators: patch.operators.upsert.length,
      serialiseMs: timeMs(() => JSON.stringify(next), reps),
      diffMs: timeMs(() => JSON.stringify(diffSnapshots(prev, next)), reps),
    });
  }
  return rows;
}

/** Medians of a set of pairs. */
export function summarise(rows: readonly DiffFigures[]): DiffFigures {
  const m = (k: keyof DiffFigures) => median(rows.map((r) => r[k]));
  return {
    pairs: rows.length,
    operators: m('operators'),
    fullBytes: m('fullBytes'),
    fullGzipBytes: m('fullGzipBytes'),
    diffBytes: m('diffBytes'),
    diffGzipBytes: m('diffGzipBytes'),
    changedOperators: m('changedOperators'),
    serialiseMs: m('serialiseMs'),
    diffMs: m('diffMs'),
  };
}
