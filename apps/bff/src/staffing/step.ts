// The staffing step of the snapshot's way: each group's arrivals over the window (counted from
// each new group poll) and, through Erlang C, the operators it needs to meet the service level.
import type { Snapshot, TrendPoint } from '@vigie/contract';
import { localDay } from '../lib/local-time';
import type { SnapshotStep } from '../snapshot/pipeline';
import { ArrivalsWindow } from './arrivals';
import { groupStaffing, type StaffingTarget } from './group-staffing';

export interface StaffingStepOptions {
  timeZone: string;
  /** VIGIE_STAFFING_WINDOW_MIN: the arrivals counted are those of this many last minutes. */
  windowMinutes: number;
  target: StaffingTarget;
}

export interface StaffingStep extends SnapshotStep {
  /** The day's stored trend, replayed into the arrivals window at start (ArrivalsWindow.seed). */
  seed(day: string, series: ReadonlyMap<number, readonly TrendPoint[]>, now: number): void;
}

export function staffingStep(o: StaffingStepOptions): StaffingStep {
  const arrivals = new ArrivalsWindow(o.windowMinutes * 60_000);
  let lastGroupsAt: string | null = null;
  return {
    name: 'staffing',
    seed: (day, series, now) => arrivals.seed(day, series, now),
    apply(s: Snapshot): Snapshot {
      const groupsAt = s.upstream.sources.groups.lastSuccessAt;
      if (groupsAt !== null && groupsAt !== lastGroupsAt) {
        lastGroupsAt = groupsAt;
        const at = Date.parse(groupsAt);
        arrivals.observe(at, localDay(at, o.timeZone), s.groups);
      }
      const groups = s.groups.map((g) => ({
        ...g,
        // Issue 13 §3: the queue's own answered-within and target.
        staffing: groupStaffing(g, s.operators, arrivals, {
          ...o.target,
          targetSeconds: g.serviceLevel.answeredWithinS,
          targetPercent: g.serviceLevel.targetPct,
        }),
      }));
      return { ...s, groups };
    },
  };
}
