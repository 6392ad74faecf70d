import { describe, expect, it } from 'vitest';
import { checkRange, daysBefore, includesToday, localDay, parseDay } from './range';

describe('stats date range', () => {
  it('accepts a day, a week and a whole calendar month', () => {
    expect(checkRange('2026-03-02', '2026-03-02')).toEqual({ ok: true });
    expect(checkRange('2026-03-02', '2026-03-08')).toEqual({ ok: true });
    expect(checkRange('2026-01-01', '2026-01-31')).toEqual({ ok: true });
    expect(checkRange('2026-01-15', '2026-02-15')).toEqual({ ok: true });
    expect(checkRange('2026-01-31', '2026-02-28')).toEqual({ ok: true });
  });

  it('refuses more than one month, two months in particular', () => {
    expect(checkRange('2026-01-01', '2026-02-02')).toEqual({ ok: false, problem: 'tooLong' });
    expect(checkRange('2026-01-31', '2026-03-01')).toEqual({ ok: false, problem: 'tooLong' });
    expect(checkRange('2026-01-01', '2026-03-01')).toEqual({ ok: false, problem: 'tooLong' });
  });

  it('refuses missing, malformed, impossible and reversed dates', () => {
    expect(checkRange('', '2026-01-01')).toEqual({ ok: false, problem: 'missing' });
    expect(checkRange('2026-1-1', '2026-01-02')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkRange('2026-02-30', '2026-03-02')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkRange('2026-03-02', '2026-03-01')).toEqual({ ok: false, problem: 'reversed' });
  });

  it('reads and writes local days', () => {
    expect(parseDay('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(includesToday('2026-01-01', '2026-01-05', new Date(2026, 0, 5, 12))).toBe(true);
    expect(includesToday('2026-01-01', '2026-01-04', new Date(2026, 0, 5, 12))).toBe(false);
  });

  it('counts days in the account’s zone, not the browser’s', () => {
    // 02:30 UTC on 1 Dec: already 1 Dec in Paris, still 30 Nov at UTC−9.
    const at = new Date('2026-12-01T02:30:00Z');
    expect(localDay(at, 'Europe/Paris')).toBe('2026-12-01');
    expect(localDay(at, 'Etc/GMT+9')).toBe('2026-11-30');
    expect(includesToday('2026-11-25', '2026-11-30', at, 'Europe/Paris')).toBe(false);
    expect(includesToday('2026-11-25', '2026-11-30', at, 'Etc/GMT+9')).toBe(true);
    expect(daysBefore('2026-03-01', 6)).toBe('2026-02-23');
  });
});
