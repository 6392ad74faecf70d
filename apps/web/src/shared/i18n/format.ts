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

/** A counter: `0:07`, `1:05`, `12:03`, then `1 h 05` from one hour on. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')}`;
  return `${m}:${String(sec).padStart(2, '0')}`;
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
