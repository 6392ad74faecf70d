// Reading the dates clients send (guide 2.1: ISO 8601 "and the most common variations") and the one-month rule.

import { DateTime } from 'luxon';

export class ParamError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

// YYYY-MM-DD, then optional [T or space]HH:MM[:SS[.fff]], then an optional offset. In a query string
// an unencoded "+01:00" arrives as " 01:00", so a space before the offset is read as a plus.
const DATE_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+\- ]\d{2}:?\d{2})?$/i;

interface ParsedDate {
  ms: number;
  dateOnly: boolean;
  local: DateTime; // the value in the account zone, for the calendar-month rule
}

/** Parses a date param; without an offset it is local time of the account's zone. */
function parseDate(value: unknown, field: string, timeZone: string): ParsedDate {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ParamError(
      field,
      `${field}: expected a date such as 2026-03-10, 2026-03-10 14:30 or 2026-03-10T14:30:00+01:00`,
    );
  }
  const m = DATE_RE.exec(value.trim());
  if (!m) {
    throw new ParamError(
      field,
      `${field}: "${value}" is not a date (expected ISO 8601, YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS)`,
    );
  }
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
  };
  let zone = timeZone;
  if (off) {
    if (off.toUpperCase() === 'Z') zone = 'UTC';
    else {
      const sign = off[0] === '-' ? '-' : '+';
      const digits = off.slice(1).replace(':', '');
      zone = `UTC${sign}${digits.slice(0, 2)}:${digits.slice(2)}`;
    }
  }
  const dt = DateTime.fromObject(parts, { zone });
  if (!dt.isValid || dt.day !== parts.day || dt.month !== parts.month) {
    throw new ParamError(field, `${field}: "${value}" is not a valid date`);
  }
  return { ms: dt.toMillis(), dateOnly: h === undefined, local: dt.setZone(timeZone) };
}

/**
 * A period [from, to) from two params. A date-only end covers its whole day. Guide 4.1/4.2 (and 3.4):
 * at most one calendar month, checked on the values as given (01-31 → 02-28 allowed, → 03-01 refused).
 */
export function parsePeriod(
  fromValue: unknown,
  toValue: unknown,
  names: { from: string; to: string },
  timeZone: string,
  defaults: { from: number; to: number },
): { from: number; to: number } {
  const from = fromValue === undefined ? null : parseDate(fromValue, names.from, timeZone);
  const to = toValue === undefined ? null : parseDate(toValue, names.to, timeZone);
  const fromMs = from?.ms ?? defaults.from;
  const toMs = to ? (to.dateOnly ? to.local.plus({ days: 1 }).toMillis() : to.ms) : defaults.to;
  const fromLocal = from?.local ?? DateTime.fromMillis(fromMs, { zone: timeZone });
  const toGiven = to?.local ?? DateTime.fromMillis(toMs, { zone: timeZone });
  if (toGiven.toMillis() < fromLocal.toMillis()) {
    throw new ParamError(names.to, `${names.to} is before ${names.from}`);
  }
  if (toGiven.toMillis() > fromLocal.plus({ months: 1 }).toMillis()) {
    throw new ParamError(
      names.to,
      `the period from ${names.from} to ${names.to} is longer than one month (the API refuses periods over one month)`,
    );
  }
  return { from: fromMs, to: toMs };
}
