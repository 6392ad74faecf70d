// The demo's working day (issue 12 §8): with no AXIALYS_URL, the embedded simulator, the BFF and
// the screens share one clock, shifted into business hours when the account's local time is not.
import { DateTime } from 'luxon';
import type { Clock } from './clock';

/** Local hours in which the demo runs on the real clock: [from, to). */
export const BUSINESS_HOURS = Object.freeze({ from: 8, to: 19 });
/** Where a shifted demo lands: about 10:30, local. */
const TARGET = { hour: 10, minute: 30 } as const;
const HOUR_MS = 3_600_000;

/**
 * The shift (ms, a whole number of hours, so minutes read as they do on a watch) that brings
 * `nowMs` to about 10:30 on the same local day in `timeZone`; 0 within business hours.
 */
export function demoClockShiftMs(nowMs: number, timeZone: string): number {
  const local = DateTime.fromMillis(nowMs, { zone: timeZone });
  if (local.hour >= BUSINESS_HOURS.from && local.hour < BUSINESS_HOURS.to) return 0;
  const target = local.set({ ...TARGET, second: 0, millisecond: 0 });
  // Same local day, so "today" is the same date for the simulator, the BFF and the browser.
  return Math.round((target.toMillis() - nowMs) / HOUR_MS) * HOUR_MS;
}

/** `base` moved by `shiftMs`; its timers are the base's (a shift changes the time, not the ticks). */
export function shiftedClock(base: Clock, shiftMs: number): Clock {
  if (shiftMs === 0) return base;
  return {
    now: () => base.now() + shiftMs,
    setTimeout: (fn, ms) => base.setTimeout(fn, ms),
    clearTimeout: (h) => base.clearTimeout(h),
  };
}
