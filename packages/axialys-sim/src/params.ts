// Request params as the guide's endpoints take them: query string, JSON body (even on a GET, guide 4.3) or form body.

import { ParamError } from './dates';

export type Params = Record<string, unknown>;

/** Merges the query string and the body; a repeated key (or `key[]`) becomes a list. Body values win. */
export function collectParams(search: URLSearchParams, body: string, contentType: string): Params {
  const out: Params = {};
  const add = (rawKey: string, value: unknown): void => {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const prev = out[key];
    if (prev === undefined) out[key] = rawKey.endsWith('[]') ? [value] : value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  };
  for (const [k, v] of search) add(k, v);
  const text = body.trim();
  if (text === '') return out;
  if (contentType.includes('application/x-www-form-urlencoded') && !text.startsWith('{')) {
    for (const [k, v] of new URLSearchParams(text)) add(k, v);
    return out;
  }
  // curl -d sends JSON as a form by default: look at the text, not only at the content type.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ParamError('body', 'the request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ParamError('body', 'the request body must be a JSON object');
  }
  for (const [k, v] of Object.entries(parsed)) out[k] = v;
  return out;
}

/** The input params as echoed in a reply: everything but the credentials (never echoed). */
export function echo(params: Params): Params {
  const { user: _u, password: _p, ...rest } = params;
  return rest;
}

/** One value of a param (the first when repeated), as a string; undefined when absent. */
export function scalar(params: Params, name: string): string | undefined {
  const v = params[name];
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined || first === null) return undefined;
  return typeof first === 'string' ? first : String(first);
}

/** All values of a repeatable param (guide 4.1 dest_number, 4.2 group_id); commas also separate. */
export function list(params: Params, name: string): string[] {
  const v = params[name];
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  return items
    .flatMap((x) => String(x).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A non-negative integer param, or undefined when absent; refused with a 400 naming it otherwise. */
export function integer(params: Params, name: string): number | undefined {
  const s = scalar(params, name);
  if (s === undefined || s === '') return undefined;
  if (!/^\d+$/.test(s.trim()))
    throw new ParamError(name, `${name}: expected a whole number, got "${s}"`);
  return Number(s);
}

/** docs/axialys-wire.md: a flag is set when present with any value but 0/false. */
export function flag(params: Params, name: string): boolean {
  if (!(name in params)) return false;
  const s = scalar(params, name);
  return s === undefined ? true : !['0', 'false'].includes(s.trim().toLowerCase());
}
