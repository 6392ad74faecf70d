// Finds the records in a reply, whatever envelope the service uses (docs/axialys-wire.md "Envelope").
import { NormaliseError, isRecord } from './normalise';

/** One record found in a reply, with the path it sits at (for error messages) and its key. */
export interface Located {
  value: unknown;
  path: (string | number)[];
  /** The id it was keyed by, when the list came as an object keyed by id. */
  key?: string;
}

const LIST_KEYS = ['data', 'result', 'results', 'items'] as const;
const RECORD_KEYS = ['data', 'result'] as const;

/**
 * The records of a list reply: a top-level array, an object keyed by id, or an object holding
 * either under `data`/`result`/`results`/`items` (guide 2.2: replies also echo the input params).
 * `looksLikeRecord` lets a single bare record (e.g. one group's stats) count as a list of one.
 */
export function locateList(
  body: unknown,
  looksLikeRecord?: (v: Record<string, unknown>) => boolean,
): Located[] {
  if (Array.isArray(body)) return fromArray(body, []);
  if (!isRecord(body)) throw new NormaliseError('expected a JSON object or array');
  for (const key of LIST_KEYS) {
    const inner = body[key];
    if (Array.isArray(inner)) return fromArray(inner, [key]);
    if (isRecord(inner)) {
      if (looksLikeRecord?.(inner)) return [{ value: inner, path: [key] }];
      if (isKeyedList(inner)) return fromKeyed(inner, [key]);
    }
  }
  if (looksLikeRecord?.(body)) return [{ value: body, path: [] }];
  // A bare `{}` holds no list at all: it is not an empty one (issue 10).
  if (Object.keys(body).length > 0 && isKeyedList(body)) return fromKeyed(body, []);
  // `data: null` or `data: ""` is the promised list missing, never "no records" (issue 10).
  for (const key of LIST_KEYS)
    if (key in body)
      throw new NormaliseError(`the list is missing: ${key} is ${describe(body[key])}`, [key]);
  throw new NormaliseError(
    'no list of records found (expected an array, or an object keyed by id, possibly under data)',
  );
}

/** The record of a single-record reply: top-level, wrapped in `data`/`result`, or a list of one. */
export function locateRecord(body: unknown): Located {
  if (Array.isArray(body)) return single(fromArray(body, []));
  if (!isRecord(body)) throw new NormaliseError('expected a JSON object');
  for (const key of RECORD_KEYS) {
    const inner = body[key];
    if (Array.isArray(inner)) return single(fromArray(inner, [key]));
    if (isRecord(inner)) {
      if (Object.keys(inner).length === 0)
        throw new NormaliseError(`the record is missing: ${key} is {}`, [key]);
      if (isKeyedList(inner) && Object.keys(inner).length === 1)
        return single(fromKeyed(inner, [key]));
      return { value: inner, path: [key] };
    }
    // No record of the guide has a `data`/`result` field: a blank one is the record missing.
    if (key in body && (inner === null || inner === ''))
      throw new NormaliseError(`the record is missing: ${key} is ${describe(inner)}`, [key]);
  }
  if (Object.keys(body).length === 0) throw new NormaliseError('the record is missing: {}');
  return { value: body, path: [] };
}

function describe(v: unknown): string {
  return v === null ? 'null' : v === '' ? '""' : Array.isArray(v) ? 'a list' : typeof v;
}

function single(found: Located[]): Located {
  const [first] = found;
  if (found.length !== 1 || first === undefined) {
    const what = found.length === 0 ? 'the record is missing' : 'expected one record';
    throw new NormaliseError(`${what}, found ${found.length}`);
  }
  return first;
}

function fromArray(items: unknown[], path: (string | number)[]): Located[] {
  return items.map((value, i) => ({ value, path: [...path, i] }));
}

function fromKeyed(items: Record<string, unknown>, path: (string | number)[]): Located[] {
  return Object.entries(items).map(([key, value]) => ({ value, path: [...path, key], key }));
}

/** An object whose keys are all ids and whose values are all records (an empty object counts). */
function isKeyedList(value: Record<string, unknown>): boolean {
  return Object.entries(value).every(([k, v]) => /^\d+$/.test(k) && isRecord(v));
}

/** `['data', 3, 'etat']` → `data[3].etat`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
