// The demo's shift into business hours: none by day, whole hours to about 10:30 otherwise, same local day.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BUSINESS_HOURS, demoClockShiftMs, shiftedClock } from './demo-clock';
import type { Clock } from './clock';

const H = 3_600_000;
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone });

describe('demoClockShiftMs', () => {
  it('is 0 within business hours (08:00 to 19:00 local)', () => {
    for (const t of ['08:00', '10:30', '12:00', '18:59'])
      expect(demoClockShiftMs(at(`2026-12-02T${t}`, 'Europe/Paris'), 'Europe/Paris'), t).toBe(0);
    expect(BUSINESS_HOURS).toEqual({ from: 8, to: 19 });
  });

  it('brings 22:00 in Paris to 11:00 the same day (−11 h), and 22:47 to 10:47 (−12 h)', () => {
    const zone = 'Europe/Paris';
    const ten = at('2026-12-02T22:00', zone);
    expect(demoClockShiftMs(ten, zone)).toBe(-11 * H);
    const late = at('2026-12-02T22:47', zone);
    expect(demoClockShiftMs(late, zone)).toBe(-12 * H);
    expect(local(late + demoClockShiftMs(late, zone), zone).toFormat('yyyy-MM-dd HH:mm')).toBe(
      '2026-12-02 10:47',
    );
  });

  it('moves the early morning forward: 03:10 → 10:10 (+7 h), 00:05 → 10:05 (+10 h)', () => {
    const zone = 'Europe/Paris';
    expect(demoClockShiftMs(at('2026-12-02T03:10', zone), zone)).toBe(7 * H);
    expect(demoClockShiftMs(at('2026-12-02T00:05', zone), zone)).toBe(10 * H);
  });

  it('always lands between 10:00 and 11:00 on the same local day, in any zone, at any minute', () => {
    for (const zone of ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT-14']) {
      for (let m = 0; m < 24 * 60; m += 7) {
        const now = DateTime.fromObject({ year: 2026, month: 12, day: 2 }, { zone })
          .plus({ minutes: m })
          .toMillis();
        const shift = demoClockShiftMs(now, zone);
        expect(Number.isInteger(shift / H)).toBe(true);
        const before = local(now, zone);
        const after = local(now + shift, zone);
        if (shift === 0) {
          expect(before.hour).toBeGreaterThanOrEqual(8);
          expect(before.hour).toBeLessThan(19);
          continue;
        }
        expect(after.toISODate(), `${zone} ${before.toISO()}`).toBe(before.toISODate());
        expect(after.hour * 60 + after.minute).toBeGreaterThanOrEqual(10 * 60);
        expect(after.hour * 60 + after.minute).toBeLessThanOrEqual(11 * 60);
      }
    }
  });

  it('a summer night in Paris too (UTC+2)', () => {
    const now = at('2026-07-14T23:30', 'Europe/Paris');
    const shift = demoClockShiftMs(now, 'Europe/Paris');
    expect(local(now + shift, 'Europe/Paris').toFormat('HH:mm')).toBe('10:30');
  });
});

describe('shiftedClock', () => {
  it('moves the time, keeps the base timers, and is the base itself for no shift', () => {
    const calls: string[] = [];
    const base: Clock = {
      now: () => 1_000,
      setTimeout: (_fn, ms) => calls.push(`set ${ms}`),
      clearTimeout: () => calls.push('clear'),
    };
    expect(shiftedClock(base, 0)).toBe(base);
    const c = shiftedClock(base, -11 * H);
    expect(c.now()).toBe(1_000 - 11 * H);
    c.clearTimeout(c.setTimeout(() => undefined, 50));
    expect(calls).toEqual(['set 50', 'clear']);
  });
});
