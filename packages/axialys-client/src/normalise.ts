// Pure conversions from the API's loose values (guide 2.1, API-NOTES "Rules") to the model's forms.
import { DateTime } from 'luxon';

/** Thrown by the converters below; the schema layer turns it into a zod issue with a path. */
export class NormaliseError extends Error {
  /** Where in the reply the value sits, when known (e.g. `['data']` for a missing list). */
  constructor(
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
  }
}

/** null, undefined, '' and whitespace mean "no value" on this API (e.g. `pause` when no break). */
export function isBlank(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || (typeof value === 'string' && !value.trim());
}

// guide 2.1: ISO 8601 "and the most common variations, including YYYY-MM-DD HH:MM".
const DATE_RE =
  /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// MySQL-style "unknown date" placeholder, seen on PHP back-ends: treated as no date.
const ZERO_DATE_RE = /^0000-00-00(?:[ T]00:00(?::00)?)?$/;

/**
 * A date of the API as an ISO instant with offset, expressed in the account's zone. Strings
 * without an offset are local time of `zone` (API-NOTES); luxon resolves DST per date.
 */
export function parseApiDate(value: unknown, zone: string): string | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value !== 'string')
    throw new NormaliseError(`expected a date string, got ${describe(value)}`);
  const text = value.trim();
  if (ZERO_DATE_RE.test(text)) return undefined;
  const m = DATE_RE.exec(text);
  if (!m) throw new NormaliseError(`unrecognised date ${JSON.stringify(text)}`);
  const [, day, time, offset] = m;
  let iso = `${day}T${(time ?? '00:00').replace(',', '.')}`;
  if (offset) iso += offset.toUpperCase() === 'Z' ? 'Z' : normaliseOffset(offset);
  const dt = DateTime.fromISO(iso, { zone, setZone: false });
  if (!dt.isValid) throw new NormaliseError(`invalid date ${JSON.stringify(text)}`);
  const out = dt.setZone(zone).toISO();
  if (out === null) throw new NormaliseError(`invalid date ${JSON.stringify(text)}`);
  return out;
}

function normaliseOffset(offset: string): string {
  const digits = offset.slice(1).replace(':', '');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

const NUMBER_RE = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;

/** A number that may arrive as a JSON string (`"12"`, `"87,5"`, `"87.5 %"`). */
export function parseNumber(value: unknown): number | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NormaliseError(`expected a finite number, got ${value}`);
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim().replace(/\s*%$/, '');
    if (NUMBER_RE.test(text)) return Number(text.replace(',', '.'));
  }
  throw new NormaliseError(`expected a number, got ${describe(value)}`);
}

/** An integer id, as a number or numeric string. */
export function parseId(value: unknown): number | undefined {
  const n = parseNumber(value);
  if (n === undefined) return undefined;
  if (!Number.isSafeInteger(n))
    throw new NormaliseError(`expected an integer id, got ${describe(value)}`);
  return n;
}

const CLOCK_RE = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d+))?$/;

/** A duration ("Time" in the guide, `tps_*`): seconds as number/string, or `HH:MM:SS` / `MM:SS`. */
export function parseSeconds(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const m = CLOCK_RE.exec(value.trim());
    if (m) {
      const [, h, mi, s, frac] = m;
      const seconds = Number(h ?? 0) * 3600 + Number(mi) * 60 + Number(s);
      return frac ? seconds + Number(`0.${frac}`) : seconds;
    }
  }
  try {
    return parseNumber(value);
  } catch {
    throw new NormaliseError(`expected seconds or [HH:]MM:SS, got ${describe(value)}`);
  }
}

/** Free text; numbers are accepted and kept as their decimal form (ids of calls, phone numbers). */
export function parseText(value: unknown): string | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new NormaliseError(`expected a string, got ${describe(value)}`);
}

/** A phone number in E.164 without the plus (guide 2.1); a leading `+` is dropped. */
export function parsePhone(value: unknown): string | undefined {
  return parseText(value)?.replace(/^\+/, '');
}

/**
 * A list of ids (an operator's `groups`): an array of ids, an object keyed by id (API-NOTES),
 * or a comma-separated string (guide 3.5 types `groups` "Alphanumeric").
 */
export function parseIdList(value: unknown): number[] {
  if (isBlank(value)) return [];
  if (Array.isArray(value)) return value.map((v) => idOrThrow(isRecord(v) ? v['id'] : v));
  if (isRecord(value)) return Object.keys(value).map(idOrThrow);
  if (typeof value === 'string')
    return value
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(idOrThrow);
  if (typeof value === 'number') return [idOrThrow(value)];
  throw new NormaliseError(`expected a list of ids, got ${describe(value)}`);
}

function idOrThrow(value: unknown): number {
  const id = parseId(value);
  if (id === undefined) throw new NormaliseError('empty id in a list');
  return id;
}

/** Service variables (guide 3.5 `vars`): an object of strings; `{}`, `[]` or null when none. */
export function parseVars(value: unknown): Record<string, string> {
  if (isBlank(value) || (Array.isArray(value) && value.length === 0)) return {};
  if (!isRecord(value))
    throw new NormaliseError(`expected an object of variables, got ${describe(value)}`);
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (isBlank(v)) continue;
    out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date sent to the API, as the account's local `YYYY-MM-DD HH:MM:SS` (guide 2.1 accepts it; the
 * guide's own curl sends a bare `YYYY-MM-DD`, which passes through). A Date or a string with an
 * offset is converted to the zone; a local string without offset is taken as already local.
 */
export function formatApiDate(input: Date | string, zone: string): string {
  if (input instanceof Date) {
    const dt = DateTime.fromJSDate(input);
    if (!dt.isValid) throw new NormaliseError('invalid Date');
    return dt.setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss');
  }
  const text = input.trim();
  const local = LOCAL_RE.exec(text);
  if (local) {
    const [, day, h, mi, s] = local;
    if (h === undefined) {
      if (!DateTime.fromISO(text).isValid)
        throw new NormaliseError(`invalid date ${JSON.stringify(text)}`);
      return text;
    }
    const out = `${day} ${h}:${mi}:${s ?? '00'}`;
    if (!DateTime.fromFormat(out, 'yyyy-MM-dd HH:mm:ss', { zone }).isValid) {
      throw new NormaliseError(`invalid date ${JSON.stringify(text)}`);
    }
    return out;
  }
  const iso = parseApiDate(text, zone);
  if (iso === undefined) throw new NormaliseError('empty date');
  return DateTime.fromISO(iso, { zone }).toFormat('yyyy-MM-dd HH:mm:ss');
}
