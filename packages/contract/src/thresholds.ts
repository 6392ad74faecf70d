// The default thresholds. No TypeBox here (type-only imports): the SPA imports them as
// `@vigie/contract/thresholds` and keeps the schemas out of its bundle (issue 12 §7: the wall's bytes).
import type { BoardConfig, Threshold } from './snapshot';

/**
 * The one definition of the default thresholds: the BFF's when THRESHOLD_* is unset (and so its
 * default alert rules'), the screens' before the first snapshot brings config.thresholds.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<keyof BoardConfig['thresholds'], Threshold>> =
  Object.freeze({
    longestWaitSeconds: Object.freeze({ warning: 60, critical: 180 }),
    serviceLevelPercent: Object.freeze({ warning: 80, critical: 60 }),
    answeredPercent: Object.freeze({ warning: 90, critical: 80 }),
    waiting: Object.freeze({ warning: 3, critical: 8 }),
  });
