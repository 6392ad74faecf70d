// Days and hours in the account's time zone: where midnight falls, which hour an instant belongs to.
import { DateTime } from 'luxon';

export interface LocalHour {
  /** YYYY-MM-DD */
  day: string;
  hour: number;
  /** Start and end of this wall-clock hour, in ms. */
  startMs: number;
  endMs: number;
}

export function localHour(ms: number, zone: string): LocalHour {
  const t = DateTime.fromMillis(ms, { zone });
  const start = t.startOf('hour');
  return {
    day: t.toISODate() ?? '',
    hour: t.hour,
    startMs: start.toMillis(),
    endMs: start.plus({ hours: 1 }).toMillis(),
  };
}

export const localDay = (ms: number, zone: string): string =>
  DateTime.fromMillis(ms, { zone }).toISODate() ?? '';

/** Local midnight starting `day` (YYYY-MM-DD), in ms. */
export const dayStartMs = (day: string, zone: string): number =>
  DateTime.fromISO(day, { zone }).startOf('day').toMillis();

/** The day `days` before `day`. */
export const daysBefore = (day: string, days: number): string =>
  DateTime.fromISO(day, { zone: 'UTC' }).minus({ days }).toISODate() ?? day;

/**
 * Splits [from, to) at local hour boundaries: the seconds that fall in each hour, so a poll
 * interval across 10:00 counts partly in 9 and partly in 10.
 */
export function splitByHour(
  from: number,
  to: number,
  zone: string,
): { day: string; hour: number; seconds: number }[] {
  const out: { day: string; hour: number; seconds: number }[] = [];
  let t = from;
  while (t < to) {
    const h = localHour(t, zone);
    const end = Math.min(to, h.endMs);
    out.push({ day: h.day, hour: h.hour, seconds: (end - t) / 1000 });
    t = end;
  }
  return out;
}
