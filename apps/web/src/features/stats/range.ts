// The stats page's date range: checked here, before any request, with the contract's one-month rule.
import { exceedsOneMonth } from '@vigie/contract/period';
import { dayIn } from '../../shared/i18n/format';

export type RangeProblem = 'missing' | 'invalid' | 'reversed' | 'tooLong';
export type RangeCheck = { ok: true } | { ok: false; problem: RangeProblem };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as midnight UTC (the wall-clock frame `exceedsOneMonth` expects), or null. */
export function parseDay(s: string): Date | null {
  const m = DAY.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().startsWith(s) ? d : null;
}

/**
 * Both are whole local days. Like the BFF, the rule compares the dates themselves, so
 * "1 Jan → 1 Feb" and "31 Jan → 28 Feb" are one month and "1 Jan → 2 Feb" is not.
 */
export function checkRange(from: string, to: string): RangeCheck {
  if (from === '' || to === '') return { ok: false, problem: 'missing' };
  const f = parseDay(from);
  const t = parseDay(to);
  if (!f || !t) return { ok: false, problem: 'invalid' };
  if (t.getTime() < f.getTime()) return { ok: false, problem: 'reversed' };
  if (exceedsOneMonth(f, t)) return { ok: false, problem: 'tooLong' };
  return { ok: true };
}

/**
 * `YYYY-MM-DD` of an instant in the account's zone (the BFF's days start at its midnight), or
 * the browser's when no zone is known yet.
 */
export function localDay(d: Date, timeZone?: string): string {
  return dayIn(d, timeZone);
}

/** Days before `day` (calendar arithmetic, no zone involved). */
export function daysBefore(day: string, n: number): string {
  const d = parseDay(day);
  if (!d) return day;
  return new Date(d.getTime() - n * 86_400_000).toISOString().slice(0, 10);
}

/** True when today's date (in the account's zone) lies in the range: only then do realtime figures mean anything. */
export function includesToday(from: string, to: string, now: Date, timeZone?: string): boolean {
  const today = localDay(now, timeZone);
  return from <= today && today <= to;
}
