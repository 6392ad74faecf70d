// The page's "now" is the board's: the browser's clock plus the snapshot's config.clockShiftMs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boardNow, onTick, setClockShift, tickNow } from './use-now';

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

describe('onTick', () => {
  afterEach(() => {
    setClockShift(0);
    vi.useRealTimers();
  });

  it("hands the shared clock's reading to every listener on one timer, and stops with the last", () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-02T10:00:00Z') });
    const a: number[] = [];
    const b: number[] = [];
    const stopA = onTick(250, (now) => a.push(now));
    const stopB = onTick(250, (now) => b.push(now));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(500);
    expect(a).toEqual([
      Date.parse('2026-12-02T10:00:00.250Z'),
      Date.parse('2026-12-02T10:00:00.500Z'),
    ]);
    expect(b).toEqual(a);
    expect(tickNow(250)).toBe(a.at(-1));
    // The demo's shift moves every listener at once, not at the next tick.
    setClockShift(60_000);
    expect(a.at(-1)).toBe(Date.parse('2026-12-02T10:01:00.500Z'));
    stopA();
    stopB();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(a).toHaveLength(3);
  });
});
