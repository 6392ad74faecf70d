// A group's `staffing` in the snapshot: the board's own arrivals and handle time, through Erlang C.
import type { SnapshotGroup, SnapshotOperator, Staffing } from '@vigie/contract';
import type { ArrivalsWindow } from './arrivals';
import { agentsStaffedIn, staffing } from './erlang-c';

export interface StaffingTarget {
  /** SERVICE_LEVEL_ANSWERED_WITHIN_S */
  targetSeconds: number;
  /** VIGIE_SERVICE_LEVEL_TARGET_PCT */
  targetPercent: number;
  /** No need figured before the board has watched this many minutes (a third of the window). */
  minWindowMinutes: number;
}

export function groupStaffing(
  g: Pick<SnapshotGroup, 'id' | 'averageTalkSeconds'> & { averageCatchupSeconds?: number },
  operators: readonly SnapshotOperator[],
  arrivals: ArrivalsWindow,
  target: StaffingTarget,
): Staffing {
  const { arrivals: n, windowMinutes } = arrivals.of(g.id);
  // Handle time = talk + wrap-up: an operator in catch-up cannot take the next call either.
  const handle = g.averageTalkSeconds + (g.averageCatchupSeconds ?? 0);
  return staffing({
    windowMinutes,
    arrivals: n,
    handleSeconds: handle > 0 ? handle : null,
    agentsStaffed: agentsStaffedIn(operators, g.id),
    targetSeconds: target.targetSeconds,
    targetPercent: target.targetPercent,
    minWindowMinutes: target.minWindowMinutes,
  });
}
