// The demo badge's clock shift: signed hours with a true minus, minutes only when there are some.
import { describe, expect, it } from 'vitest';
import { formatShift } from './demo-badge';

describe('formatShift', () => {
  it('says whole hours with their sign', () => {
    expect(formatShift(7 * 3_600_000)).toBe('+7 h');
    expect(formatShift(-11 * 3_600_000)).toBe('\u221211 h');
  });
  it('adds minutes when the shift has some', () => {
    expect(formatShift(90 * 60_000)).toBe('+1 h 30');
    expect(formatShift(-(5 * 60 + 5) * 60_000)).toBe('\u22125 h 05');
  });
});
