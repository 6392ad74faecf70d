// Green / amber / red from the thresholds in snapshot.config (with defaults before the first one).
import type { BoardConfig, GaugeMarks, LiveWait, Threshold } from '@vigie/contract';
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
  /** The wait buckets of the callers waiting now (guide 4.3), when known. */
  waitingUnder1m?: number;
  waiting1to3m?: number;
  waitingOver3m?: number;
  /** The live oldest wait (guide 4.2), when the board has one: it rules the wait's level. */
  liveWait?: LiveWait | null;
  /** This group's own marks (the alert rules'); the board's thresholds otherwise. */
  gaugeMarks?: GaugeMarks;
}

/**
 * The longest wait that can be true *now*: the API's figure is the day's maximum, and the wait
 * buckets bound the current one (nobody over a minute waiting: at most 60 s), as the BFF's
 * longest-wait rule reads them. A day's maximum is no red panel for one caller waiting 20 s.
 */
function currentWaitBound(g: GroupFigures): number {
  if (g.waiting <= 0) return 0;
  if (g.waitingOver3m === undefined || g.waiting1to3m === undefined) return g.longestWaitSeconds;
  if (g.waitingOver3m > 0) return g.longestWaitSeconds;
  if (g.waiting1to3m > 0) return Math.min(g.longestWaitSeconds, 180);
  return Math.min(g.longestWaitSeconds, 60);
}

/** Seconds the oldest caller has waited at `now` (ms); null when nobody waits or no figure. */
export function liveWaitSeconds(w: LiveWait | null | undefined, now: number): number | null {
  if (!w?.oldestSince) return null;
  const since = Date.parse(w.oldestSince);
  return Number.isNaN(since) ? null : Math.max(0, (now - since) / 1000);
}

/** Level per figure of a group, and whether the group is in breach (any figure critical). */
export function groupLevels(g: GroupFigures, board: Thresholds = DEFAULT_THRESHOLDS) {
  const t = g.gaugeMarks ?? board;
  const live = g.liveWait ? liveWaitSeconds(g.liveWait, Date.parse(g.liveWait.at)) : undefined;
  const levels = {
    waiting: levelAbove(g.waiting, t.waiting),
    // The live oldest wait when there is one (as seen at its `at`); else the API's longest wait,
    // the day's maximum, which alarms only as far as a wait now can be long.
    longestWait:
      live !== undefined
        ? live === null
          ? ('ok' as const)
          : levelAbove(live, t.longestWaitSeconds)
        : levelAbove(currentWaitBound(g), t.longestWaitSeconds),
    serviceLevel: levelBelow(g.serviceLevelPercent, t.serviceLevelPercent),
    // answered % means little before the first call: the BFF reports 0 then.
    answered: levelBelow(g.answeredPercent, t.answeredPercent),
  };
  const overall = worst(...Object.values(levels));
  return { ...levels, overall, breach: overall === 'critical' };
}
