// VIGIE_FAST_STATES in the snapshot (issue 14.1): an op_details read after the last poll is applied
// at once and marked `fast` with when it was read; the next operators_init wins.
import type { OperatorDetails, OperatorStatus } from '@vigie/axialys-client';
import { diffSnapshot } from '@vigie/contract/patch';
import { describe, expect, it } from 'vitest';
import { BOARD_CONFIG } from '../../test/support/fixtures';
import type { SnapshotSource, SourceEvent } from '../upstream/source';
import { SnapshotStore } from './publisher';

const T0 = Date.parse('2026-12-02T09:00:00Z');
const never = { lastAttemptAt: null, lastSuccessAt: null, error: null, unauthorized: false };

function setUp() {
  let now = T0;
  const listeners: ((e: SourceEvent) => void)[] = [];
  const source = {
    health: {
      operators: { ...never, lastSuccessAt: T0, pollMs: 30_000 },
      groups: { ...never, lastSuccessAt: T0, pollMs: 15_000 },
      directory: { ...never, pollMs: 600_000 },
    },
    directory: { operators: new Map(), groups: new Map() },
    onEvent: (l: (e: SourceEvent) => void) => listeners.push(l),
    requestDirectoryRefresh() {},
    start() {},
    stop: async () => {},
  } as unknown as SnapshotSource;
  const store = new SnapshotStore({
    source,
    clock: { now: () => now, setTimeout: () => 0, clearTimeout: () => {} },
    buildId: 'build',
    demo: false,
    config: BOARD_CONFIG,
  });
  const emit = (e: SourceEvent) => listeners.forEach((l) => l(e));
  return {
    store,
    emit,
    at: (t: number) => (now = t),
    op: (id: number) => store.latest?.snapshot.operators.find((o) => o.id === id),
  };
}

const polled = (id: number, state: NonNullable<OperatorStatus['state']>): OperatorStatus => ({
  id,
  state,
  groupIds: [7],
  lastLoginAt: new Date(T0 - 3_600_000).toISOString(),
});
const details = (id: number, d: Partial<OperatorDetails>): OperatorDetails => ({
  id,
  vars: {},
  groupIds: [],
  ...d,
});

describe('fast states in the snapshot', () => {
  it('applies an op_details read after the poll at once, exact from the 3.4 period start, and the next poll wins', () => {
    const s = setUp();
    s.emit({
      kind: 'operators',
      observation: { at: T0, statuses: [polled(1, 'available'), polled(2, 'available')] },
    });
    expect(s.op(1)?.stateSource).toBeUndefined();
    const seq = s.store.latest!.snapshot.seq;

    s.at(T0 + 6_000);
    const breakAt = T0 + 4_000;
    s.emit({
      kind: 'fast-states',
      updates: [
        {
          id: 1,
          details: details(1, {
            state: 'unavailable',
            breakName: 'Lunch',
            lastBreakAt: new Date(breakAt).toISOString(),
          }),
          fetchedAt: T0 + 5_000,
          periodStart: breakAt,
        },
      ],
    });
    const snap = s.store.latest!.snapshot;
    expect(snap.seq).toBe(seq + 1);
    expect(s.op(1)).toMatchObject({
      state: 'unavailable',
      breakName: 'Lunch',
      stateSource: 'fast',
      stateAt: new Date(T0 + 5_000).toISOString(),
      stateSince: new Date(breakAt).toISOString(),
      stateSincePrecision: 'exact',
      groups: [7],
    });
    // The poll's own marks are untouched for the others.
    expect(s.op(2)?.stateSource).toBeUndefined();
    expect(s.op(2)?.stateAt).toBeUndefined();

    // The next operators_init reconciles: its answer wins over every earlier read.
    s.at(T0 + 31_000);
    s.emit({
      kind: 'operators',
      observation: { at: T0 + 30_500, statuses: [polled(1, 'available'), polled(2, 'available')] },
    });
    expect(s.op(1)).toMatchObject({ state: 'available', breakName: null });
    expect(s.op(1)?.stateSource).toBeUndefined();
  });

  it('ignores a read older than the poll, and keeps a read newer than it through the poll', () => {
    const s = setUp();
    s.emit({ kind: 'operators', observation: { at: T0, statuses: [polled(1, 'available')] } });
    const seq = s.store.latest!.snapshot.seq;
    s.emit({
      kind: 'fast-states',
      updates: [
        { id: 1, details: details(1, { state: 'ringing' }), fetchedAt: T0 - 1, periodStart: null },
      ],
    });
    expect(s.store.latest!.snapshot.seq).toBe(seq);
    expect(s.op(1)?.state).toBe('available');

    s.emit({
      kind: 'fast-states',
      updates: [
        {
          id: 1,
          details: details(1, {
            state: 'connected',
            callAnsweredAt: new Date(T0 + 29_000).toISOString(),
          }),
          fetchedAt: T0 + 31_000,
          periodStart: T0 + 20_000,
        },
      ],
    });
    expect(s.op(1)).toMatchObject({
      state: 'connected',
      stateSince: new Date(T0 + 29_000).toISOString(),
      stateSincePrecision: 'exact',
    });
    // A poll answered before that read does not undo it.
    s.emit({
      kind: 'operators',
      observation: { at: T0 + 30_000, statuses: [polled(1, 'ringing')] },
    });
    expect(s.op(1)).toMatchObject({ state: 'connected', stateSource: 'fast' });
  });

  it('keeps patches small: a poll that changes nothing changes no operator', () => {
    const s = setUp();
    const statuses = Array.from({ length: 50 }, (_, i) => polled(i + 1, 'available'));
    s.emit({ kind: 'operators', observation: { at: T0, statuses } });
    const a = s.store.latest!.snapshot;
    s.emit({
      kind: 'fast-states',
      updates: [
        {
          id: 3,
          details: details(3, { state: 'ringing' }),
          fetchedAt: T0 + 2_000,
          periodStart: T0 + 1_000,
        },
      ],
    });
    const b = s.store.latest!.snapshot;
    expect(diffSnapshot(a, b).operators.upsert.map((o) => o.id)).toEqual([3]);
    s.at(T0 + 30_000);
    s.emit({ kind: 'operators', observation: { at: T0 + 30_000, statuses } });
    const c = s.store.latest!.snapshot;
    // Only the operator whose fast state the poll replaced; the 49 others are byte for byte the same.
    expect(diffSnapshot(b, c).operators.upsert.map((o) => o.id)).toEqual([3]);
  });
});
