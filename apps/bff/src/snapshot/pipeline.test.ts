// The snapshot pipeline: its steps run in the order given, each on what the one before returned,
// on every build the publisher makes (here, or handed to the cluster's relay).
import type { Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { BOARD_CONFIG } from '../../test/support/fixtures';
import type { SnapshotSource, SourceEvent } from '../upstream/source';
import { SnapshotPipeline, type SnapshotStep, type StepContext } from './pipeline';
import { SnapshotStore, type SnapshotStoreOptions } from './publisher';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const never = { lastAttemptAt: null, lastSuccessAt: null, error: null, unauthorized: false };

/** A source that says what the test tells it to, and a publisher fed by it. */
function publisher(o: Partial<SnapshotStoreOptions> = {}) {
  const listeners: ((e: SourceEvent) => void)[] = [];
  const source = {
    health: {
      operators: { ...never, pollMs: 30_000 },
      groups: { ...never, pollMs: 15_000 },
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
    clock: { now: () => NOW, setTimeout: () => 0, clearTimeout: () => {} },
    buildId: 'build',
    demo: false,
    config: { ...BOARD_CONFIG, heartbeatMs: 1000 },
    ...o,
  });
  const emit = (e: SourceEvent) => listeners.forEach((l) => l(e));
  return { store, emit };
}

/** A step that leaves its name in the snapshot's buildId and notes what it was given. */
function marking(name: string, seen: { name: string; buildId: string; ctx: StepContext }[]) {
  return {
    name,
    apply: (s: Snapshot, ctx: StepContext) => {
      seen.push({ name, buildId: s.buildId, ctx });
      return { ...s, buildId: `${s.buildId}>${name}` };
    },
  } satisfies SnapshotStep;
}

describe('SnapshotPipeline', () => {
  it('runs its steps in the order given, each on what the previous one returned', () => {
    const seen: { name: string; buildId: string; ctx: StepContext }[] = [];
    const pipeline = new SnapshotPipeline([
      marking('staffing', seen),
      marking('coverage', seen),
      marking('alerts', seen),
    ]);
    expect(pipeline.steps.map((s) => s.name)).toEqual(['staffing', 'coverage', 'alerts']);
    const { store } = publisher({ pipeline });

    const first = store.publish();
    expect(first.snapshot.buildId).toBe('build>staffing>coverage>alerts');
    expect(JSON.parse(first.json)).toMatchObject({ buildId: 'build>staffing>coverage>alerts' });
    expect(seen.map((x) => [x.name, x.buildId])).toEqual([
      ['staffing', 'build'],
      ['coverage', 'build>staffing'],
      ['alerts', 'build>staffing>coverage'],
    ]);
    // Every step of a build sees the same context: its time, and nothing published before it.
    expect(seen.map((x) => x.ctx)).toEqual([
      { now: NOW, latest: null },
      { now: NOW, latest: null },
      { now: NOW, latest: null },
    ]);

    seen.length = 0;
    const second = store.publish();
    expect(second.snapshot.seq).toBe(first.snapshot.seq + 1);
    expect(seen.map((x) => x.name)).toEqual(['staffing', 'coverage', 'alerts']);
    // The next build's steps see the snapshot published last (the alerts step shows its alerts
    // while a new leader reads its state back).
    expect(seen.every((x) => x.ctx.latest === first.snapshot)).toBe(true);
  });

  it('runs another order just as given', () => {
    const seen: { name: string; buildId: string; ctx: StepContext }[] = [];
    const { store } = publisher({
      pipeline: new SnapshotPipeline([marking('alerts', seen), marking('staffing', seen)]),
    });
    expect(store.publish().snapshot.buildId).toBe('build>alerts>staffing');
    expect(seen.map((x) => x.name)).toEqual(['alerts', 'staffing']);
  });

  it('refuses a step listed twice', () => {
    const seen: { name: string; buildId: string; ctx: StepContext }[] = [];
    expect(() => new SnapshotPipeline([marking('alerts', seen), marking('alerts', seen)])).toThrow(
      /alerts is listed twice/,
    );
  });

  it('with a relay given at construction, hands each build to it instead of publishing', () => {
    const seen: { name: string; buildId: string; ctx: StepContext }[] = [];
    const relayed: { build: (seq: number) => Snapshot; hasOperators: boolean }[] = [];
    const { store, emit } = publisher({
      pipeline: new SnapshotPipeline([marking('staffing', seen), marking('alerts', seen)]),
      relay: (r) => relayed.push(r),
    });
    emit({ kind: 'health' });
    expect(store.latest).toBeNull();
    expect(relayed).toHaveLength(1);
    expect(relayed[0]?.hasOperators).toBe(false);
    expect(seen).toEqual([]); // built only once the cluster gives it its seq
    const built = relayed[0]!.build(41);
    expect(built.seq).toBe(41);
    expect(built.buildId).toBe('build>staffing>alerts');
    // What the cluster gives back is published as is, not through the steps a second time.
    const back = store.accept(41, JSON.stringify(built));
    expect(back?.snapshot.buildId).toBe('build>staffing>alerts');
    expect(seen.map((x) => x.name)).toEqual(['staffing', 'alerts']);
  });
});
