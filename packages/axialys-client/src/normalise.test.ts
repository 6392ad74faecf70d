import { describe, expect, it } from 'vitest';
import {
  NormaliseError,
  formatApiDate,
  parseApiDate,
  parseIdList,
  parseNumber,
  parseSeconds,
  parseText,
  parseVars,
} from './normalise';

const PARIS = 'Europe/Paris';

describe('parseApiDate', () => {
  it('reads every variant the guide accepts as an instant with offset in the account zone', () => {
    expect(parseApiDate('2026-11-27', PARIS)).toBe('2026-11-27T00:00:00.000+01:00');
    expect(parseApiDate('2026-11-27 13:02', PARIS)).toBe('2026-11-27T13:02:00.000+01:00');
    expect(parseApiDate('2026-11-27 13:02:09', PARIS)).toBe('2026-11-27T13:02:09.000+01:00');
    expect(parseApiDate('2026-11-27T13:02:09', PARIS)).toBe('2026-11-27T13:02:09.000+01:00');
    expect(parseApiDate('2026-11-27T13:02:09+01:00', PARIS)).toBe('2026-11-27T13:02:09.000+01:00');
  });

  it('converts a date with another offset or Z to the same instant in the account zone', () => {
    expect(parseApiDate('2026-11-27T12:02:09Z', PARIS)).toBe('2026-11-27T13:02:09.000+01:00');
    expect(parseApiDate('2026-11-27T07:02:09-0500', PARIS)).toBe('2026-11-27T13:02:09.000+01:00');
    expect(parseApiDate('2026-11-27 13:02:09.250+01', PARIS)).toBe('2026-11-27T13:02:09.250+01:00');
  });

  it('applies summer time for dates without offset (DST-correct)', () => {
    expect(parseApiDate('2026-07-15 10:00:00', PARIS)).toBe('2026-07-15T10:00:00.000+02:00');
    expect(parseApiDate('2026-03-29 01:59:59', PARIS)).toBe('2026-03-29T01:59:59.000+01:00');
    expect(parseApiDate('2026-03-29 03:00:00', PARIS)).toBe('2026-03-29T03:00:00.000+02:00');
    expect(parseApiDate('2026-10-25 03:30:00', PARIS)).toBe('2026-10-25T03:30:00.000+01:00');
  });

  it('uses the zone given for the account', () => {
    expect(parseApiDate('2026-11-27 13:02', 'America/Martinique')).toBe(
      '2026-11-27T13:02:00.000-04:00',
    );
  });

  it('reads null, empty strings and the zero date as no date', () => {
    expect(parseApiDate(null, PARIS)).toBeUndefined();
    expect(parseApiDate('', PARIS)).toBeUndefined();
    expect(parseApiDate(undefined, PARIS)).toBeUndefined();
    expect(parseApiDate('0000-00-00 00:00:00', PARIS)).toBeUndefined();
  });

  it('refuses what is not a date', () => {
    expect(() => parseApiDate('yesterday', PARIS)).toThrow(NormaliseError);
    expect(() => parseApiDate('2026-13-45 10:00', PARIS)).toThrow(NormaliseError);
    expect(() => parseApiDate(1764244929, PARIS)).toThrow(NormaliseError);
  });
});

describe('parseSeconds', () => {
  it('reads seconds as numbers, numeric strings, HH:MM:SS and MM:SS', () => {
    expect(parseSeconds(75)).toBe(75);
    expect(parseSeconds('75')).toBe(75);
    expect(parseSeconds('12.5')).toBe(12.5);
    expect(parseSeconds('01:02:03')).toBe(3723);
    expect(parseSeconds('02:03')).toBe(123);
    expect(parseSeconds('125:00:01')).toBe(450001);
    expect(parseSeconds(null)).toBeUndefined();
    expect(parseSeconds('')).toBeUndefined();
  });

  it('refuses what is not a duration', () => {
    expect(() => parseSeconds('two minutes')).toThrow(NormaliseError);
    expect(() => parseSeconds({})).toThrow(NormaliseError);
  });
});

describe('parseNumber', () => {
  it('reads numbers in strings, with a decimal comma or a percent sign', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber(' 87.5 ')).toBe(87.5);
    expect(parseNumber('87,5')).toBe(87.5);
    expect(parseNumber('92 %')).toBe(92);
    expect(parseNumber(3)).toBe(3);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber(null)).toBeUndefined();
  });

  it('refuses words, booleans and infinities', () => {
    expect(() => parseNumber('twelve')).toThrow(NormaliseError);
    expect(() => parseNumber(true)).toThrow(NormaliseError);
    expect(() => parseNumber(Infinity)).toThrow(NormaliseError);
  });
});

describe('parseIdList', () => {
  it('reads ids as an array, an object keyed by id, or a comma-separated string', () => {
    expect(parseIdList([3, '5'])).toEqual([3, 5]);
    expect(parseIdList({ '3': 'Support', '5': { name: 'Sales' } })).toEqual([3, 5]);
    expect(parseIdList('3,5')).toEqual([3, 5]);
    expect(parseIdList(null)).toEqual([]);
    expect(parseIdList([])).toEqual([]);
  });

  it('refuses ids that are not integers', () => {
    expect(() => parseIdList(['abc'])).toThrow(NormaliseError);
  });
});

describe('parseVars and parseText', () => {
  it('reads service variables from an object, and [] or null as none', () => {
    expect(parseVars({ client: 'ACME', priority: 2, empty: '' })).toEqual({
      client: 'ACME',
      priority: '2',
    });
    expect(parseVars([])).toEqual({});
    expect(parseVars(null)).toEqual({});
  });

  it('reads empty strings as absent and numbers as text', () => {
    expect(parseText('')).toBeUndefined();
    expect(parseText('  Déjeuner ')).toBe('Déjeuner');
    expect(parseText(123456)).toBe('123456');
  });
});

describe('formatApiDate', () => {
  it('writes a Date as the account local YYYY-MM-DD HH:MM:SS, DST included', () => {
    expect(formatApiDate(new Date('2026-11-27T12:00:00Z'), PARIS)).toBe('2026-11-27 13:00:00');
    expect(formatApiDate(new Date('2026-07-01T12:00:00Z'), PARIS)).toBe('2026-07-01 14:00:00');
  });

  it('passes a bare YYYY-MM-DD through and completes local times', () => {
    expect(formatApiDate('2026-11-27', PARIS)).toBe('2026-11-27');
    expect(formatApiDate('2026-11-27 08:30', PARIS)).toBe('2026-11-27 08:30:00');
    expect(formatApiDate('2026-11-27T08:30:15', PARIS)).toBe('2026-11-27 08:30:15');
  });

  it('converts an ISO string with an offset to local time', () => {
    expect(formatApiDate('2026-11-27T07:00:00Z', PARIS)).toBe('2026-11-27 08:00:00');
    expect(formatApiDate('2026-11-27T08:00:00.000+01:00', PARIS)).toBe('2026-11-27 08:00:00');
  });

  it('refuses what is not a date', () => {
    expect(() => formatApiDate('next monday', PARIS)).toThrow(NormaliseError);
    expect(() => formatApiDate('2026-02-30', PARIS)).toThrow(NormaliseError);
    expect(() => formatApiDate(new Date(NaN), PARIS)).toThrow(NormaliseError);
  });
});
