// The page's "now" is the board's: the browser's clock plus the snapshot's config.clockShiftMs.
import { afterEach, describe, expect, it } from 'vitest';
import { boardNow, setClockShift } from './use-now';

describe('boardNow', () => {
  afterEach(() => setClockShift(0));

  it('is the browser clock until a snapshot says otherwise', () => {
    expect(Math.abs(boardNow() - Date.now())).toBeLessThan(50);
  });

  it('adds the demo shift, and ignores a value that is not a number', () => {
    setClockShift(-11 * 3_600_000);
    expect(Math.abs(boardNow() - (Date.now() - 11 * 3_600_000))).toBeLessThan(50);
    setClockShift(Number.NaN);
    expect(Math.abs(boardNow() - (Date.now() - 11 * 3_600_000))).toBeLessThan(50);
    setClockShift(0);
    expect(Math.abs(boardNow() - Date.now())).toBeLessThan(50);
  });
});
