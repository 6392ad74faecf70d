import { describe, expect, it } from 'vitest';
import { applyPatch, diffSnapshot, PatchMismatchError } from './patch';
import type { Snapshot, SnapshotOperator } from './snapshot';
import { OPERATOR_STATES, UPSTREAM_STATUSES } from './snapshot';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;
const iso = (r: Rand) => new Date(Date.UTC(2026, 10, 27, 8, 0, int(r, 36_000))).toISOString();

function operator(r: Rand, id: number): SnapshotOperator {
  const state = pick(r, OPERATOR_STATES);
  return {
    id,
    name: `Op ${int(r, 50)}`,
    state,
    breakName: state === 'unavailable' && r() < 0.5 ? pick(r, ['Lunch', 'Training']) : null,
    stateSince: r() < 0.9 ? iso(r) : null,
    stateSincePrecision: pick(r, ['exact', 'poll', 'lower-bound'] as const),
    loggedInSince: r() < 0.8 ? iso(r) : null,
    groups: Array.from({ length: int(r, 4) }, () => 1 + int(r, 6)),
  };
}

function snapshot(r: Rand, seq: number, operators: SnapshotOperator[]): Snapshot {
  return {
    seq,
    takenAt: iso(r),
    buildId: pick(r, ['b1', 'b2']),
    demo: r() < 0.5,
    upstream: {
      status: pick(r, UPSTREAM_STATUSES),
      lastSuccessAt: iso(r),
      error: r() < 0.2 ? 'upstream timed out' : null,
      sources: {
        operators: { lastSuccessAt: iso(r), ageSeconds: int(r, 40), pollMs: 30_000 },
        groups: { lastSuccessAt: null, ageSeconds: null, pollMs: 15_000 },
      },
    },
    config: {
      serviceLevel: { answeredWithinSeconds: 45, abandonedWithinSeconds: 5 },
      thresholds: {
        longestWaitSeconds: { warning: 60, critical: 180 },
        serviceLevelPercent: { warning: 80, critical: 60 },
        answeredPercent: { warning: 90, critical: 80 },
        waiting: { warning: 3, critical: 8 },
      },
      heartbeatMs: 15_000,
      timeZone: 'Europe/Paris',
      clockShiftMs: 0,
    },
    operators,
    // A few queues, keyed by id like the operators; their figures do not matter to the diff.
    groups: groupsOf(r),
    cluster: { mode: 'single', instanceId: 'local', leader: 'local', redis: null },
    alerts: [],
  } as Snapshot;
}

/** Queues 1..n with a figure or two: some boards have the same as the one before, some not. */
function groupsOf(r: Rand): Snapshot['groups'] {
  const n = int(r, 4);
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `Q${i + 1}`, waiting: int(r, 2) }))
    .filter(() => r() > 0.1)
    .sort(() => (r() < 0.1 ? -1 : 0)) as unknown as Snapshot['groups'];
}

/** The next board: some operators changed, some gone, some new, sometimes reordered. */
function evolve(r: Rand, prev: Snapshot, nextId: { v: number }): Snapshot {
  let ops = prev.operators.filter(() => r() > 0.05);
  ops = ops.map((o) => {
    const roll = r();
    if (roll < 0.15) return operator(r, o.id); // everything may change
    if (roll < 0.3) return { ...o, state: pick(r, OPERATOR_STATES), stateSince: iso(r) };
    if (roll < 0.35) return { ...o, groups: [...o.groups, 7] };
    if (roll < 0.5) return { ...o }; // a new object with the same content
    return o;
  });
  const fresh = int(r, 4);
  for (let i = 0; i < fresh; i++) {
    const at = int(r, ops.length + 1);
    ops.splice(at, 0, operator(r, nextId.v++));
  }
  if (r() < 0.2 && ops.length > 1) {
    const i = int(r, ops.length);
    const j = int(r, ops.length);
    const a = ops[i] as SnapshotOperator;
    ops[i] = ops[j] as SnapshotOperator;
    ops[j] = a;
  }
  if (r() < 0.05) ops = [];
  return snapshot(r, prev.seq + 1 + int(r, 3), ops);
}

describe('diffSnapshot / applyPatch', () => {
  it('gives back the next snapshot exactly, over many generated boards (property)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const nextId = { v: 1 };
      const first = Array.from({ length: int(r, 60) }, () => operator(r, nextId.v++));
      let prev = snapshot(r, 1 + int(r, 1000), first);
      for (let step = 0; step < 15; step++) {
        const next = evolve(r, prev, nextId);
        const patch = diffSnapshot(prev, next);
        const applied = applyPatch(prev, patch);
        expect(applied, `seed ${seed} step ${step}`).toStrictEqual(next);
        expect(JSON.stringify(applied)).toBe(JSON.stringify(next));
        // What went over the wire (JSON) applies the same.
        const wire = JSON.parse(JSON.stringify(patch)) as typeof patch;
        expect(applyPatch(prev, wire)).toStrictEqual(next);
        // Only the changed or new operators travel.
        const before = new Map(prev.operators.map((o) => [o.id, JSON.stringify(o)]));
        const changed = next.operators.filter((o) => before.get(o.id) !== JSON.stringify(o));
        const sent = new Set(
          [...patch.operators.upsert, ...(patch.operators.change ?? [])].map((o) => o.id),
        );
        expect([...sent].sort()).toEqual(changed.map((o) => o.id).sort());
        // A change carries the fields that differ, no more.
        for (const c of patch.operators.change ?? []) {
          const was = prev.operators.find((o) => o.id === c.id) as unknown as Record<
            string,
            unknown
          >;
          for (const [k, v] of Object.entries(c))
            if (k !== 'id') expect(JSON.stringify(v)).not.toBe(JSON.stringify(was[k]));
        }
        // Unchanged operators keep their identity (memoised rows do not re-render).
        for (const o of applied.operators) if (!sent.has(o.id)) expect(prev.operators).toContain(o);
        // So do unchanged queues; only the changed ones travel.
        for (const g of applied.groups)
          if (
            ![...(patch.groups?.upsert ?? []), ...(patch.groups?.change ?? [])].some(
              (u) => u.id === g.id,
            )
          )
            expect(prev.groups).toContain(g);
        if (JSON.stringify(prev.groups) === JSON.stringify(next.groups))
          expect(patch.groups).toBeUndefined();
        prev = next;
      }
    }
  }, 60_000); // 200 generated boards: seconds on a loaded 2-core machine

  it("leaves out the top-level fields that are the base's, which keep their identity once applied", () => {
    const r = rng(11);
    const a = snapshot(
      r,
      10,
      [1, 2].map((id) => operator(r, id)),
    );
    const upstream = { ...a.upstream, status: 'degraded' as const };
    // The same content in new objects (as JSON.parse gives them) is the same.
    const next = { ...a, seq: 11, upstream, config: structuredClone(a.config) };
    const patch = diffSnapshot(a, next);
    expect(Object.keys(patch).sort()).toEqual(
      ['baseSeq', 'operators', 'seq', 'takenAt', 'upstream'].sort(),
    );
    const wire = JSON.parse(JSON.stringify(patch)) as typeof patch;
    const applied = applyPatch(a, wire);
    expect(applied).toStrictEqual(next);
    expect(applied.config).toBe(a.config);
    expect(applied.groups).toBe(a.groups);
    expect(applied.upstream).toEqual(upstream);
  });

  it('sends a changed operator as its changed fields, one whose fields came or went in full', () => {
    const r = rng(5);
    const ops = [1, 2, 3].map((id) => ({ ...operator(r, id), state: 'available' as const }));
    const a = snapshot(r, 10, ops);
    const moved = {
      ...ops[0]!,
      state: 'connected' as const,
      stateSince: '2026-11-27T09:00:00.000Z',
    };
    const fast = { ...ops[1]!, stateSource: 'fast' as const };
    const patch = diffSnapshot(a, { ...a, seq: 11, operators: [moved, fast, ops[2]!] });
    expect(patch.operators.change).toEqual([
      { id: 1, state: 'connected', stateSince: '2026-11-27T09:00:00.000Z' },
    ]);
    expect(patch.operators.upsert).toEqual([fast]);
    const applied = applyPatch(a, JSON.parse(JSON.stringify(patch)) as typeof patch);
    expect(applied.operators).toStrictEqual([moved, fast, ops[2]]);
    expect(JSON.stringify(applied.operators[0])).toBe(JSON.stringify(moved));
    // A change naming an operator the base does not have does not fit it.
    const stray = {
      ...patch,
      operators: { upsert: [], change: [{ id: 99, state: 'ringing' }], remove: [] },
    };
    expect(() => applyPatch(a, stray as typeof patch)).toThrow(PatchMismatchError);
  });

  it('sends no order while the order is the implied one, and the order when it changed', () => {
    const r = rng(7);
    const ops = [1, 2, 3, 4].map((id) => operator(r, id));
    const a = snapshot(r, 10, ops);
    const same = diffSnapshot(a, { ...a, seq: 11 });
    expect(same.operators).toEqual({ upsert: [], remove: [] });
    const appended = diffSnapshot(a, { ...a, seq: 11, operators: [...ops, operator(r, 5)] });
    expect(appended.operators.order).toBeUndefined();
    const gone = diffSnapshot(a, { ...a, seq: 11, operators: ops.slice(1) });
    expect(gone.operators).toEqual({ upsert: [], remove: [1] });
    const moved = diffSnapshot(a, { ...a, seq: 11, operators: [...ops].reverse() });
    expect(moved.operators.order).toEqual([4, 3, 2, 1]);
    expect(moved.operators.upsert).toEqual([]);
  });

  it('refuses a patch made for another base or naming unknown operators', () => {
    const r = rng(3);
    const a = snapshot(r, 10, [operator(r, 1), operator(r, 2)]);
    const b = snapshot(r, 11, [operator(r, 2), operator(r, 1)]);
    const patch = diffSnapshot(a, b);
    expect(() => applyPatch({ ...a, seq: 9 }, patch)).toThrow(PatchMismatchError);
    expect(() =>
      applyPatch(a, { ...patch, operators: { upsert: [], remove: [], order: [1, 2, 3] } }),
    ).toThrow(PatchMismatchError);
    expect(() =>
      applyPatch(a, { ...patch, operators: { upsert: [], remove: [], order: [1, 1] } }),
    ).toThrow(PatchMismatchError);
    expect(() =>
      applyPatch({ ...a, operators: [] }, { ...patch, operators: { upsert: [], remove: [] } }),
    ).not.toThrow();
  });
});
