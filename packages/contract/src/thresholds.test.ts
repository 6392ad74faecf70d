// The default thresholds, defined once here for the BFF and the screens: valid, ordered, frozen.
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { BoardConfigSchema, DEFAULT_THRESHOLDS } from './snapshot';

describe('DEFAULT_THRESHOLDS', () => {
  it('is a valid config.thresholds of the snapshot', () => {
    expect(Value.Check(BoardConfigSchema.properties.thresholds, DEFAULT_THRESHOLDS)).toBe(true);
  });

  it('turns amber before red: above for waits and callers, below for percentages', () => {
    const t = DEFAULT_THRESHOLDS;
    for (const above of [t.longestWaitSeconds, t.waiting])
      expect(above.warning).toBeLessThan(above.critical);
    for (const below of [t.serviceLevelPercent, t.answeredPercent])
      expect(below.warning).toBeGreaterThan(below.critical);
  });

  it('cannot be changed by one of its users for the others', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS)).toBe(true);
    expect(Object.values(DEFAULT_THRESHOLDS).every((p) => Object.isFrozen(p))).toBe(true);
  });
});
