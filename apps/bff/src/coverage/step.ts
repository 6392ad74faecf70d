// The coverage step of the snapshot's way: what each build adds to its group-hours, and the day
// counters it continues from, written to the history store. The snapshot itself passes unchanged.
import type { Snapshot } from '@vigie/contract';
import type { HistoryStore } from '../history/history-store';
import { PerTerm } from '../lib/per-term';
import type { SnapshotStep } from '../snapshot/pipeline';
import type { CoverageRecorder } from './coverage';

export interface CoverageStepOptions {
  recorder: CoverageRecorder;
  store: Pick<HistoryStore, 'loadBaseline' | 'addCoverage' | 'saveBaseline'>;
  write: (what: string, op: () => Promise<unknown>) => void;
  /** The term the counters are continued under (the lease token in a cluster; null alone). */
  term: () => string | null;
  /** True while the board has just started and its sources have not answered yet. */
  warming: (s: Snapshot, now: number) => boolean;
}

export class CoverageStep implements SnapshotStep {
  readonly name = 'coverage';
  /** The counters saved before a restart, or by the previous leader, given to the recorder. */
  private readonly resumed: PerTerm<true>;

  constructor(private readonly o: CoverageStepOptions) {
    this.resumed = new PerTerm<true>({
      term: o.term,
      load: async () => {
        o.recorder.resume(await o.store.loadBaseline().catch(() => null));
        return true;
      },
    });
  }

  /** Single process: the counters are read back before the first build. */
  async resume(): Promise<void> {
    await this.resumed.loadNow();
  }

  apply(s: Snapshot, { now }: { now: number }): Snapshot {
    if (this.resumed.current() === null || this.o.warming(s, now)) return s;
    const { store, write, recorder } = this.o;
    const { writes: cells, changedCounters } = recorder.observe(s, now);
    for (const c of cells)
      write('coverage', () => store.addCoverage(c.day, c.groupId, c.hour, c.live));
    const counters = recorder.counters;
    if (changedCounters && counters) write('counters', () => store.saveBaseline(counters));
    return s;
  }
}
