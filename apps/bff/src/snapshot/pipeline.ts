// The snapshot's way, as an ordered list of steps given at construction: build (builder.ts) → the
// steps (staffing, coverage, alerts) → publish (publisher.ts: here, or through the cluster) →
// scope (scoped.ts) → stream (stream/sse-hub.ts). This file owns the middle: the steps, in order.
import type { Snapshot } from '@vigie/contract';

/** What every step of one build sees besides the snapshot. */
export interface StepContext {
  /** The build's time (the clock's). */
  readonly now: number;
  /** The latest snapshot published (in a cluster, the cluster's last one); null before any. */
  readonly latest: Snapshot | null;
}

/** One step: takes the snapshot as the step before left it, returns what the next one gets. */
export interface SnapshotStep {
  /** Its service (logs, tests and the order as written in app.ts). */
  readonly name: string;
  apply(snapshot: Snapshot, context: StepContext): Snapshot;
}

export class SnapshotPipeline {
  readonly steps: readonly SnapshotStep[];

  constructor(steps: readonly SnapshotStep[]) {
    const names = steps.map((s) => s.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new Error(`snapshot pipeline: step ${twice} is listed twice`);
    this.steps = Object.freeze([...steps]);
  }

  /** Every step in the order given, each on what the previous one returned. */
  run(built: Snapshot, context: StepContext): Snapshot {
    let out = built;
    for (const step of this.steps) out = step.apply(out, context);
    return out;
  }
}
