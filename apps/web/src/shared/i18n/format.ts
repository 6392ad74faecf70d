// Locale-aware formatting of numbers, percents, times, dates and durations (pure: locale passed in).

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function memo<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

export function formatNumber(locale: string, value: number, maximumFractionDigits = 0): string {
  return memo(
    `n|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { maximumFractionDigits }),
  ).format(value);
}

/** `value` is 0–100. */
export function formatPercent(locale: string, value: number, maximumFractionDigits = 0): string {
  return memo(
    `p|${locale}|${maximumFractionDigits}`,
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits }),
  ).format(value / 100);
}

/** 14:02 (or 2:02 PM), in the browser's time zone unless one is given. */
export function formatTime(locale: string, date: Date, timeZone?: string, seconds = false): string {
  return memo(
    `t|${locale}|${timeZone ?? ''}|${seconds}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
        ...(timeZone ? { timeZone } : {}),
      }),
  ).format(date);
}

export function formatDate(locale: string, date: Date, timeZone?: string): string {
  return memo(
    `d|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }),
  ).format(date);
}

export function formatDateTime(locale: string, date: Date, timeZone?: string): string {
  return memo(
    `dt|${locale}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        ...(timeZone ? { timeZone } : {}),
      }),
  ).format(date);
}

/** One piece of a duration: a number, or the unit after it (drawn smaller on the wall). */
export interface DurationPart {
  text: string;
  unit: boolean;
}

/**
 * Elapsed time, in pieces. English reads it as a counter: `0:07`, `1:05`, `12:03`, then `1 h 05`.
 * French spells the units (`7 s`, `18 min 08 s`, `1 h 05 min`): "depuis 18:08" reads as a clock
 * time in French (issue 12.5). Pieces are joined by no-break spaces: a duration never wraps.
 */
export function durationParts(totalSeconds: number, locale = 'en-GB'): DurationPart[] {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const n = (v: number | string): DurationPart => ({ text: String(v), unit: false });
  // French typography: a narrow no-break space between a number and its unit.
  const u = (text: string): DurationPart => ({ text: `\u202f${text}`, unit: true });
  const gap = (v: string): DurationPart => ({ text: `\u00a0${v}`, unit: false });
  if (locale.startsWith('fr')) {
    if (h > 0) return [n(h), u('h'), gap(pad(m)), u('min')];
    if (m > 0) return [n(m), u('min'), gap(pad(sec)), u('s')];
    return [n(sec), u('s')];
  }
  if (h > 0) return [n(h), { text: ' h', unit: true }, { text: ` ${pad(m)}`, unit: false }];
  return [n(`${m}:${pad(sec)}`)];
}

/** The duration as one string (see durationParts). */
export function formatDuration(totalSeconds: number, locale = 'en-GB'): string {
  return durationParts(totalSeconds, locale)
    .map((p) => p.text)
    .join('');
}

/** A calendar day (`YYYY-MM-DD`) as people write it; the same in every zone (it is no instant). */
export function formatDay(locale: string, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const utcNoon = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return formatDate(locale, utcNoon, 'UTC');
}

/** `YYYY-MM-DD` of an instant in `timeZone` (the browser's when not given). */
export function dayIn(date: Date, timeZone?: string): string {
  return memo(
    `ymd|${timeZone ?? ''}`,
    () => new Intl.DateTimeFormat('en-CA', timeZone ? { timeZone } : {}),
  ).format(date);
}

/** `date` as the wall clock of `timeZone` shows it (the browser's zone when undefined), to the second. */
function wallClockParts(timeZone: string | undefined, date: Date): Intl.DateTimeFormatPart[] {
  return memo(
    `parts|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        ...(timeZone ? { timeZone } : {}),
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(date);
}

/** The zone's offset from UTC at `date`, in minutes (Paris in winter: 60). */
export function zoneOffsetMinutes(timeZone: string | undefined, date: Date): number {
  const parts = wallClockParts(timeZone, date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** `UTC+01:00`, `UTC−09:00`, `UTC` (ISO 8601's form, the one a CSV and a person both read). */
export function formatOffset(offsetMinutes: number, iso = false): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(offsetMinutes);
  const hm = `${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  if (iso) return offsetMinutes === 0 ? 'Z' : `${sign}${hm}`;
  return offsetMinutes === 0 ? 'UTC' : `UTC${sign === '-' ? '\u2212' : '+'}${hm}`;
}

/** An instant as local time with its offset, `2026-11-25T14:02:09+01:00`, in `timeZone`. */
export function formatLocalIso(date: Date, timeZone: string): string {
  const parts = wallClockParts(timeZone, date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const off = formatOffset(zoneOffsetMinutes(timeZone, date), true);
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${off}`;
}

/** A coarse age for people: `12 s`, `3 min`, `2 h`, `4 d` (both languages use these units). */
export function formatAge(locale: string, totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const n = (v: number) => formatNumber(locale, v);
  if (s < 60) return `${n(s)} s`;
  if (s < 3600) return `${n(Math.floor(s / 60))} min`;
  if (s < 86_400) return `${n(Math.floor(s / 3600))} h`;
  return `${n(Math.floor(s / 86_400))} ${locale.startsWith('fr') ? 'j' : 'd'}`;
}
