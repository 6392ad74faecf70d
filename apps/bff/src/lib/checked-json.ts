// Data read back from outside this process (Redis, SQLite, files, cookies) checked against its TypeBox schema where it comes in.
//
// A record of another version's shape (a rolling upgrade) or a damaged one is refused: logged with
// what failed (paths and messages, never the value, which may be secret) and treated as absent.
import type Type from 'typebox';
import { Compile, type Validator } from 'typebox/compile';

export interface CheckLog {
  warn(obj: object, msg: string): void;
}

/** At most this many problems per line: the first ones say enough. */
const MAX_PROBLEMS = 3;

const validators = new WeakMap<Type.TSchema, Validator>();

function validatorOf(schema: Type.TSchema): Validator {
  let v = validators.get(schema);
  if (!v) {
    v = Compile(schema);
    validators.set(schema, v);
  }
  return v;
}

/** What is wrong with `value` for `schema` (`/path: message`), empty when it fits. */
function schemaProblems(schema: Type.TSchema, value: unknown): string[] {
  const v = validatorOf(schema);
  if (v.Check(value)) return [];
  return v
    .Errors(value)
    .slice(0, MAX_PROBLEMS)
    .map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

type Parsed = { ok: true; value: unknown } | { ok: false; problems: string[] };

function parse(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, problems: [`not JSON: ${(err as Error).message}`] };
  }
}

function refuse(log: CheckLog, what: string, problems: string[], count = 1): void {
  log.warn(
    { record: what, problems, ...(count > 1 ? { count } : {}) },
    `${what}: ${count > 1 ? `${count} records` : 'a record'} not of this version's shape, ignored (${problems[0] ?? 'invalid'})`,
  );
}

/** `value` if it fits `schema`; else one warning naming `what` and what failed, and null. */
export function checked<S extends Type.TSchema>(
  schema: S,
  value: unknown,
  log: CheckLog,
  what: string,
): Type.Static<S> | null {
  const problems = schemaProblems(schema, value);
  if (problems.length === 0) return value as Type.Static<S>;
  refuse(log, what, problems);
  return null;
}

/** JSON text parsed and checked against `schema`; null (with one warning) if either fails. */
export function checkedJson<S extends Type.TSchema>(
  schema: S,
  text: string,
  log: CheckLog,
  what: string,
): Type.Static<S> | null {
  const p = parse(text);
  if (!p.ok) {
    refuse(log, what, p.problems);
    return null;
  }
  return checked(schema, p.value, log, what);
}

/** Each JSON text that fits `schema`, in order; those that do not are skipped with one warning in all. */
export function checkedJsonList<S extends Type.TSchema>(
  schema: S,
  texts: readonly string[],
  log: CheckLog,
  what: string,
): Type.Static<S>[] {
  const out: Type.Static<S>[] = [];
  let bad = 0;
  let first: string[] = [];
  for (const text of texts) {
    const p = parse(text);
    const problems = p.ok ? schemaProblems(schema, p.value) : p.problems;
    if (p.ok && problems.length === 0) out.push(p.value as Type.Static<S>);
    else if (bad++ === 0) first = problems;
  }
  if (bad > 0) refuse(log, what, first, bad);
  return out;
}
