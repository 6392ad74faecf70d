// Green / amber / red from the thresholds in snapshot.config (with defaults before the first one).
import type { BoardConfig, Threshold } from '@vigie/contract';
import { DEFAULT_THRESHOLDS } from '@vigie/contract/thresholds';

export type Level = 'ok' | 'warning' | 'critical';
export type Thresholds = BoardConfig['thresholds'];

/** Before the first snapshot: the contract's defaults, the BFF's own. */
export { DEFAULT_THRESHOLDS };

/** For figures where more is worse (waits, callers waiting). */
export function levelAbove(value: number, t: Threshold): Level {
  if (value > t.critical) return 'critical';
  if (value > t.warning) return 'warning';
  return 'ok';
}

/** For figures where less is worse (service level, answered %). null (no call yet) is ok. */
export function levelBelow(value: number | null, t: Threshold): Level {
  if (value === null) return 'ok';
  if (value < t.critical) return 'critical';
  if (value < t.warning) return 'warning';
  return 'ok';
}

export const LEVEL_COLOUR: Record<Level, string> = {
  ok: '#4ade80',
  warning: '#fbbf24',
  critical: '#f87171',
};

const worst = (...levels: Level[]): Level =>
  levels.includes('critical') ? 'critical' : levels.includes('warning') ? 'warning' : 'ok';

export interface GroupFigures {
  waiting: number;
  longestWaitSeconds: number;
  serviceLevelPercent: number | null;
  answeredPercent: number;
}

/** Level per figure of a group, and whether the group is in breach (any figure critical). */
export function groupLevels(g: GroupFigures, t: Thresholds = DEFAULT_THRESHOLDS) {
  const levels = {
    waiting: levelAbove(g.waiting, t.waiting),
    // The API's longest wait is the day's maximum: it alarms only while someone is waiting.
    longestWait: g.waiting > 0 ? levelAbove(g.longestWaitSeconds, t.longestWaitSeconds) : 'ok',
    serviceLevel: levelBelow(g.serviceLevelPercent, t.serviceLevelPercent),
    // answered % means little before the first call: the BFF reports 0 then.
    answered: levelBelow(g.answeredPercent, t.answeredPercent),
  };
  const overall = worst(...Object.values(levels));
  return { ...levels, overall, breach: overall === 'critical' };
}
