// Query periods (from/to) read in the account's zone, with the guide's one-month limit (3.4, 4.1, 4.2).
import { exceedsOneMonth } from '@vigie/contract';
import { DateTime } from 'luxon';
import { BadParamError } from './errors';

export interface Period {
  from: Date;
  to: Date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A UTC offset at the end of a date-time (`+02:00`, `-0530`). */
const OFFSET = /[T ][0-9:.]+([+-])(\d{2}):?(\d{2})$/;
/** Real offsets run from -12:00 to +14:00; ±14:00 either way is the bound (ISO 8601 allows no more). */
const MAX_OFFSET_MINUTES = 14 * 60;
/** Before the account's records could exist, or after next year: a typo, never sent upstream. */
const MIN_YEAR = 2000;

/** `YYYY-MM-DD` is a local day in the zone; an ISO date-time without offset is local too. */
function parse(
  field: 'from' | 'to',
  value: string,
  zone: string,
  maxYear: number,
): { at: DateTime; day: boolean } {
  const day = DAY.test(value);
  const off = OFFSET.exec(value);
  if (off) {
    const [h, m] = [Number(off[2]), Number(off[3])];
    if (m > 59 || h * 60 + m > MAX_OFFSET_MINUTES)
      throw new BadParamError(field, `${field} has a UTC offset beyond ±14:00: ${value}`);
  }
  const at = DateTime.fromISO(value.replace(' ', 'T'), { zone, setZone: false });
  if (!at.isValid) throw new BadParamError(field, `${field} is not a valid date: ${value}`);
  if (at.year < MIN_YEAR || at.year > maxYear)
    throw new BadParamError(
      field,
      `${field} must fall in the years ${MIN_YEAR} to ${maxYear}: ${value}`,
    );
  return { at: day && field === 'to' ? at.endOf('day').set({ millisecond: 0 }) : at, day };
}

/** Wall-clock fields as a UTC Date, so the month arithmetic happens on the account's calendar. */
const wall = (d: DateTime): Date =>
  new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second, d.millisecond));

/**
 * Default: today from local midnight to `now`. Refuses offsets beyond ±14:00 and years outside
 * MIN_YEAR..next year (naming the field), `to` before `from` and periods over one calendar month,
 * naming `to` (the field to change).
 */
export function readPeriod(
  q: { from?: string | undefined; to?: string | undefined },
  zone: string,
  now: number,
): Period {
  const nowLocal = DateTime.fromMillis(now, { zone });
  const maxYear = nowLocal.year + 1;
  const from =
    q.from === undefined ? nowLocal.startOf('day') : parse('from', q.from, zone, maxYear).at;
  const toParsed = q.to === undefined ? null : parse('to', q.to, zone, maxYear);
  const to = toParsed?.at ?? nowLocal;
  if (to < from) throw new BadParamError('to', '`to` is before `from`');
  // A whole day as `to` counts by its date: 2026-01-31 → 2026-02-28 is one month (axialys-wire).
  const toForRule = toParsed?.day ? to.startOf('day') : to;
  if (exceedsOneMonth(wall(from), wall(toForRule))) {
    throw new BadParamError('to', 'the period is longer than one month (guide: at most one month)');
  }
  // Upstream checks the instants (to ≤ from + 1 month): a whole last day is cut at that limit.
  const limit = from.plus({ months: 1 });
  return { from: from.toJSDate(), to: (to > limit ? limit : to).toJSDate() };
}
