// The stats page's date range: checked here, before any request, with the contract's one-month rule.
import { exceedsOneMonth } from '@vigie/contract/period';

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

/** `YYYY-MM-DD` of a date in the browser's zone (what `<input type="date">` speaks). */
export function localDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** True when today's date lies in the range: only then do realtime figures mean anything. */
export function includesToday(from: string, to: string, now: Date): boolean {
  const today = localDay(now);
  return from <= today && today <= to;
}
