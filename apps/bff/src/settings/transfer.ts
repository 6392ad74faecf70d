// Export and import of boards and per-queue settings (issue 13, "for a second site or a backup"):
// the file's shape, and an import checked whole (the first bad field named with its path) before
// anything is written.
import {
  BoardFieldsSchema,
  QueueSettingsFieldsSchema,
  SettingsExportSchema,
  type BoardFields,
  type ExportedBoard,
  type ExportedQueue,
  type QueueSettingsFields,
  type SettingsExport,
} from '@vigie/contract';
import { Compile } from 'typebox/compile';
import { checked, type CheckLog } from '../lib/checked-json';
import { BadParamError } from '../lib/errors';
import type { DocWrite, SettingsStore } from '../history/settings-store';
import { mustKnowGroups } from './boards';
import type { QueueSettings } from './queues';

const exportCheck = Compile(SettingsExportSchema);

/** `/boards/2/density` → `boards[2].density`. */
export function pathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, seg) => (/^\d+$/.test(seg) ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** The first problem of `value` as an export file: the field's path and what is wrong. */
function firstProblem(value: unknown): { field: string; message: string } | null {
  if (exportCheck.Check(value)) return null;
  const errors = exportCheck.Errors(value);
  const first = errors[0];
  if (!first) return { field: 'body', message: 'is not a Vigie settings file' };
  const path = pathOf(first.instancePath);
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'required') {
    const names = params['requiredProperties'];
    const name = Array.isArray(names) ? String(names[0]) : '?';
    return { field: join(path, name), message: 'is missing' };
  }
  if (first.keyword === 'additionalProperties') {
    const names = params['additionalProperties'];
    const name = Array.isArray(names) ? String(names[0]) : String(names);
    return { field: join(path, name), message: 'is not a field of this file' };
  }
  // A union fails once per choice: say the choices.
  const allowed = errors
    .filter((e) => e.instancePath === first.instancePath && e.keyword === 'const')
    .map((e) => JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue));
  const message = allowed.length > 1 ? `must be one of ${allowed.join(', ')}` : first.message;
  return { field: path || 'body', message };
}

function firstDuplicate<T>(items: readonly T[], key: (t: T) => string | number): number {
  const seen = new Set<string | number>();
  for (const [i, item] of items.entries()) {
    if (seen.has(key(item))) return i;
    seen.add(key(item));
  }
  return -1;
}

/**
 * The writes of an import (every board and queue it lists, replacing what is stored under those
 * ids; the rest stays), or a 400 naming the first bad field, e.g. `boards[2].density`.
 */
export function importWrites(
  body: unknown,
  knownGroups: ReadonlySet<number>,
  queues: Pick<QueueSettings, 'check'>,
): DocWrite[] {
  const problem = firstProblem(body);
  if (problem) throw new BadParamError(problem.field, `${problem.field} ${problem.message}`);
  const file = body as SettingsExport;
  const dupBoard = firstDuplicate(file.boards, (b) => b.id);
  if (dupBoard >= 0)
    throw new BadParamError(`boards[${dupBoard}].id`, `boards[${dupBoard}].id is listed twice`);
  const dupQueue = firstDuplicate(file.queues, (q) => q.id);
  if (dupQueue >= 0)
    throw new BadParamError(`queues[${dupQueue}].id`, `queues[${dupQueue}].id is listed twice`);
  for (const [i, b] of file.boards.entries())
    mustKnowGroups(b.groups, knownGroups, `boards[${i}].groups`);
  for (const [i, q] of file.queues.entries())
    mustKnowGroups([q.id], knownGroups, `queues[${i}].id`);
  // The checks PUT /api/queues/:id makes (threshold order, the budget of pairs), on the whole file.
  queues.check(file.queues.map(({ id, ...fields }, i) => ({ id, fields, path: `queues[${i}]` })));
  return [
    ...file.boards.map(({ id, ...fields }): DocWrite => ({
      kind: 'board',
      id,
      value: fields satisfies BoardFields,
      expected: 'any',
    })),
    ...file.queues.map(({ id, ...fields }): DocWrite => ({
      kind: 'queue',
      id: String(id),
      value: fields satisfies QueueSettingsFields,
      expected: 'any',
    })),
  ];
}

/** Every stored board and queue setting (those that still fit their schema), as a file. */
export async function exportFile(
  store: SettingsStore,
  log: CheckLog,
  at: number,
): Promise<SettingsExport> {
  const boards: ExportedBoard[] = [];
  for (const d of await store.list('board')) {
    const fields = checked(BoardFieldsSchema, d.value, log, `board "${d.id}"`);
    if (fields) boards.push({ id: d.id, ...fields });
  }
  const queues: ExportedQueue[] = [];
  for (const d of await store.list('queue')) {
    const id = Number(d.id);
    const fields = checked(QueueSettingsFieldsSchema, d.value, log, `queue "${d.id}"`);
    if (fields && Number.isSafeInteger(id) && id >= 1) queues.push({ id, ...fields });
  }
  queues.sort((a, b) => a.id - b.id);
  return {
    format: 'vigie-settings',
    version: 1,
    exportedAt: new Date(at).toISOString(),
    boards,
    queues,
  };
}
