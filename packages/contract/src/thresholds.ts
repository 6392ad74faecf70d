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

/** Figures where a lower value is worse (below `warning` is amber): percentages. */
const LOWER_IS_WORSE: ReadonlySet<keyof BoardConfig['thresholds']> = new Set([
  'serviceLevelPercent',
  'answeredPercent',
]);

/**
 * What is wrong with a `warning,critical` pair, or null: the critical mark lies beyond the warning
 * one (above it for waits and callers, below it for percentages), else amber or red never shows.
 * One rule for THRESHOLD_* at start-up, the per-queue settings and the settings page.
 */
export function thresholdOrderProblem(
  figure: keyof BoardConfig['thresholds'],
  t: Threshold,
): string | null {
  if (LOWER_IS_WORSE.has(figure))
    return t.warning > t.critical
      ? null
      : `warning (${t.warning}) must be above critical (${t.critical}): below is a breach`;
  return t.warning < t.critical
    ? null
    : `warning (${t.warning}) must be below critical (${t.critical})`;
}
