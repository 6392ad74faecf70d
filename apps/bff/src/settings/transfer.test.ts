import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env';
import { MemorySettingsStore } from '../history/settings-store';
import { builtInDefaultFields } from './boards';
import { QueueSettings } from './queues';
import { exportFile, importWrites, pathOf } from './transfer';

const known = new Set([101, 102, 103]);
// Two pairs at most: the default's (30/5 here) and one other.
const queues = new QueueSettings(
  loadConfig({ SERVICE_LEVEL_ANSWERED_WITHIN_S: '30', VIGIE_MAX_SERVICE_LEVEL_PAIRS: '2' }),
  { warn: () => undefined },
);
const file = (over: Record<string, unknown> = {}) => ({
  format: 'vigie-settings',
  version: 1,
  exportedAt: '2026-12-01T10:00:00.000Z',
  boards: [{ id: 'a', ...builtInDefaultFields(), groups: [101] }],
  queues: [{ id: 102, answeredWithinS: 20 }],
  ...over,
});

describe('settings import', () => {
  it('names a field by its path', () => {
    expect(pathOf('/boards/2/density')).toBe('boards[2].density');
    expect(pathOf('/queues/0')).toBe('queues[0]');
    expect(pathOf('')).toBe('');
    expect(pathOf('/a~1b/c~0d')).toBe('a/b.c~d');
  });

  it('turns a good file into one write per board and queue, each replacing what is there', () => {
    expect(importWrites(file(), known, queues)).toEqual([
      {
        kind: 'board',
        id: 'a',
        value: { ...builtInDefaultFields(), groups: [101] },
        expected: 'any',
      },
      { kind: 'queue', id: '102', value: { answeredWithinS: 20 }, expected: 'any' },
    ]);
  });

  it('refuses the first bad field, with its path', () => {
    const bad = (f: unknown) => {
      try {
        importWrites(f, known, queues);
      } catch (err) {
        return (err as { field: string }).field;
      }
      return null;
    };
    const board = builtInDefaultFields();
    expect(
      bad(
        file({
          boards: [
            { id: 'a', ...board },
            { id: 'b', ...board, density: 'x' },
          ],
        }),
      ),
    ).toBe('boards[1].density');
    expect(bad(file({ boards: [{ id: 'a', ...board, name: undefined }] }))).toBe('boards[0].name');
    expect(bad(file({ boards: [{ id: 'a', ...board, colour: 'red' }] }))).toBe('boards[0].colour');
    expect(
      bad(
        file({
          boards: [
            { id: 'a', ...board },
            { id: 'a', ...board },
          ],
        }),
      ),
    ).toBe('boards[1].id');
    expect(bad(file({ boards: [{ id: 'a', ...board, groups: [999] }] }))).toBe('boards[0].groups');
    expect(bad(file({ queues: [{ id: 101 }, { id: 101 }] }))).toBe('queues[1].id');
    expect(bad(file({ queues: [{ id: 999 }] }))).toBe('queues[0].id');
    expect(bad(file({ version: 2 }))).toBe('version');
    // The queue checks of PUT /api/queues/:id: each figure's order, the budget of pairs.
    expect(bad(file({ queues: [{ id: 101, waiting: [8, 3] }] }))).toBe('queues[0].waiting');
    expect(bad(file({ queues: [{ id: 101, answeredPct: [80, 90] }] }))).toBe(
      'queues[0].answeredPct',
    );
    expect(
      bad(
        file({
          queues: [
            { id: 101, answeredWithinS: 20 },
            { id: 102, answeredWithinS: 20 },
          ],
        }),
      ),
    ).toBeNull();
    expect(
      bad(
        file({
          queues: [
            { id: 101, answeredWithinS: 20 },
            { id: 103, abandonedWithinS: 9 },
          ],
        }),
      ),
    ).toBe('queues[1].abandonedWithinS');
    expect(bad(null)).toBe('body');
  });

  it('exports what is stored, skipping what no longer fits its schema', async () => {
    const store = new MemorySettingsStore();
    await store.write(
      [
        { kind: 'board', id: 'a', value: builtInDefaultFields(), expected: null },
        { kind: 'board', id: 'broken', value: { name: 1 }, expected: null },
        { kind: 'queue', id: '101', value: { targetPct: 80 }, expected: null },
      ],
      'alice',
      0,
    );
    const out = await exportFile(
      store,
      { warn: () => undefined },
      Date.parse('2026-12-02T00:00:00Z'),
    );
    expect(out).toEqual({
      format: 'vigie-settings',
      version: 1,
      exportedAt: '2026-12-02T00:00:00.000Z',
      boards: [{ id: 'a', ...builtInDefaultFields() }],
      queues: [{ id: 101, targetPct: 80 }],
    });
  });
});
