import { describe, expect, it } from 'vitest';
import { addOneMonth, exceedsOneMonth } from './period';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('one-month period', () => {
  it('adds a calendar month and clamps to the last day of a shorter month', () => {
    expect(addOneMonth(d('2026-01-31')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(addOneMonth(d('2028-01-31')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(addOneMonth(d('2026-12-15')).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('accepts exactly one month and refuses one day more', () => {
    expect(exceedsOneMonth(d('2026-01-31'), d('2026-02-28'))).toBe(false);
    expect(exceedsOneMonth(d('2026-01-31'), d('2026-03-01'))).toBe(true);
    expect(exceedsOneMonth(d('2026-10-01'), d('2026-11-01'))).toBe(false);
    expect(exceedsOneMonth(d('2026-10-01'), d('2026-12-01'))).toBe(true);
  });
});
