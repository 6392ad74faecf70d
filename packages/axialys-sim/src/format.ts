// The wire shapes of values (docs/axialys-wire.md "Values"): mixed date formats, times as seconds or
// strings, counts sometimes as strings, lists as arrays or objects keyed by id. Chosen per field or per
// id, never at random, so tests and clients can rely on them.

import { DateTime } from 'luxon';

export type DateStyle = 'sql' | 'iso' | 'short';

/** A date in local time of the account's zone; `empty` is what an unknown date looks like. */
export function fmtDate(
  ms: number | null,
  style: DateStyle,
  timeZone: string,
  empty: null | '' = null,
): string | null {
  if (ms === null) return empty;
  const dt = DateTime.fromMillis(ms, { zone: timeZone });
  switch (style) {
    case 'iso':
      return dt.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? empty;
    case 'short':
      return dt.toFormat('yyyy-LL-dd HH:mm');
    default:
      return dt.toFormat('yyyy-LL-dd HH:mm:ss');
  }
}

/** guide 4.3 "Time": seconds for groups whose id is a multiple of 3, `HH:MM:SS` for id ≡ 1, `MM:SS` for id ≡ 2 (mod 3). */
export function fmtTime(seconds: number, groupId: number): number | string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  switch (groupId % 3) {
    case 0:
      return s;
    case 1:
      return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
    default:
      return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
  }
}

/** Counts as numeric strings for even ids, numbers otherwise. */
export function fmtCount(n: number, id: number): number | string {
  return id % 2 === 0 ? String(n) : n;
}

/** An operator's groups: object keyed by id (value: the group's name) when id ≡ 0, numbers when ≡ 1, numeric strings when ≡ 2 (mod 3). */
export function fmtGroups(
  ids: number[],
  operatorId: number,
  names: (id: number) => string,
): unknown {
  switch (operatorId % 3) {
    case 0:
      return Object.fromEntries(ids.map((g) => [String(g), names(g)]));
    case 1:
      return ids;
    default:
      return ids.map(String);
  }
}

/** A list of records, either as an array or as an object keyed by `id`. */
export function fmtList<T extends Record<string, unknown>>(
  records: T[],
  keyed: boolean,
  key = 'id',
): unknown {
  if (!keyed) return records;
  return Object.fromEntries(records.map((r) => [String(r[key]), r]));
}
