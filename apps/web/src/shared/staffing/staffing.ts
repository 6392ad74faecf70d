// Reading a group's staffing figures: how many short, and why a figure is missing.
import type { Staffing, StaffingReason } from '@vigie/contract';

export interface StaffingView {
  needed: number | null;
  staffed: number;
  /** Operators missing to hold the target; 0 when enough or when the need is unknown. */
  short: number;
  /** Why the need is unknown (or, over capacity, why the prediction is); null when all is known. */
  reason: StaffingReason | null;
}

/** Tolerates a group without the field (an older BFF): nothing is known then. */
export function staffingView(staffing: Staffing | null | undefined): StaffingView | null {
  if (!staffing) return null;
  const needed = staffing.agentsNeeded;
  const staffed = staffing.agentsStaffed;
  return {
    needed,
    staffed,
    short: needed !== null && staffed < needed ? needed - staffed : 0,
    reason: staffing.basis.reason,
  };
}
