// A readable before→after of one audit entry: the fields that changed, each as two short texts.
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields whose value differs, in the order the documents list them (a create: every field of
 * `after`; a delete: every field of `before`). A document that is not an object is one change.
 */
export function changesOf(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after))
    return same(before, after) ? [] : [{ field: '', before, after }];
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => !same(b[f], a[f]))
    .map((f) => ({ field: f, before: b[f], after: a[f] }));
}
