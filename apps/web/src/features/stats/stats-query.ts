// The stats page's question (kind, period, groups or numbers) as URL parameters, so it can be shared.
import { daysBefore, localDay } from './range';
import type { StatsKind } from './stats-rows';

export interface StatsQuery {
  by: StatsKind;
  from: string;
  to: string;
  groups: number[];
  numbers: string[];
}

/** The last seven days, today included, as days of the account's zone. */
export function defaultQuery(now: Date, timeZone?: string): StatsQuery {
  const today = localDay(now, timeZone);
  return { by: 'groups', from: daysBefore(today, 6), to: today, groups: [], numbers: [] };
}

const unique = <T>(xs: T[]) => [...new Set(xs)];

/** Null when nothing was asked yet (no `from` in the URL). */
export function parseStatsParams(params: URLSearchParams): StatsQuery | null {
  const from = params.get('from');
  if (from === null) return null;
  return {
    by: params.get('by') === 'numbers' ? 'numbers' : 'groups',
    from,
    to: params.get('to') ?? '',
    groups: unique(
      params
        .getAll('group')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0),
    ),
    numbers: unique(params.getAll('number').filter((n) => /^\d{6,15}$/.test(n))),
  };
}

/** Only the selection of the chosen kind goes into the URL. */
export function toStatsParams(q: StatsQuery): URLSearchParams {
  const p = new URLSearchParams({ by: q.by, from: q.from, to: q.to });
  if (q.by === 'groups') for (const g of q.groups) p.append('group', String(g));
  else for (const n of q.numbers) p.append('number', n);
  return p;
}

/**
 * Numbers typed by people: "+33 1 45 42 00 00, 33612345678" → E.164 without plus. A national
 * form (leading 0) is refused rather than guessed.
 */
export function parseTypedNumbers(text: string): { numbers: string[]; bad: string[] } {
  const numbers: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[,;\n]+/)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const digits = trimmed
      .replace(/[\s.()-]/g, '')
      .replace(/^\+/, '')
      .replace(/^00/, '');
    if (/^[1-9]\d{5,14}$/.test(digits)) numbers.push(digits);
    else bad.push(trimmed);
  }
  return { numbers: unique(numbers), bad };
}
