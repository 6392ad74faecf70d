import { BOARD_PANELS, BoardFieldsSchema, BoardIdSchema, type Principal } from '@vigie/contract';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { MemorySettingsStore } from '../history/settings-store';
import {
  Boards,
  builtInDefaultBoard,
  builtInDefaultFields,
  mayEdit,
  maySee,
  slugOf,
} from './boards';

const lead: Principal = { kind: 'user', name: 'bob', role: 'teamlead', groups: [101, 102] };
const boss: Principal = { kind: 'user', name: 'alice', role: 'supervisor', groups: null };
const tv: Principal = { kind: 'display', name: 'tv', role: 'display', groups: null };
const log = { warn: () => undefined };

describe('board ids', () => {
  it('slugs a name into an address: accents dropped, words dashed, at most 48 characters', () => {
    expect(slugOf('Support floor — Niveau 2')).toBe('support-floor-niveau-2');
    expect(slugOf('Équipe Sud (copie)')).toBe('equipe-sud-copie');
    expect(slugOf('  ★★  ')).toBe('board');
    const long = slugOf(`${'a'.repeat(47)} b`);
    expect(long).toBe('a'.repeat(47));
    for (const name of ['Support floor', 'x'.repeat(80), '-a-', 'Ça va ?', `${'a'.repeat(47)} b`])
      expect(Value.Check(BoardIdSchema, slugOf(name)), name).toBe(true);
  });

  it('gives a free id: the slug, then -2, -3…, never the default’s', async () => {
    const store = new MemorySettingsStore();
    const boards = new Boards(store, log);
    expect(await boards.newId('Default', undefined)).toBe('default-2');
    expect(await boards.newId('Support', undefined)).toBe('support');
    await store.write(
      [{ kind: 'board', id: 'support', value: builtInDefaultFields(), expected: null }],
      'a',
      0,
    );
    expect(await boards.newId('Support', undefined)).toBe('support-2');
    await expect(boards.newId('x', 'support')).rejects.toMatchObject({
      statusCode: 409,
      field: 'id',
    });
    await expect(boards.newId('x', 'default')).rejects.toMatchObject({ field: 'id' });
  });
});

describe('the default board', () => {
  it('is built from today’s settings, valid, with no stamp until stored; a damaged stored one reads as built in', async () => {
    const fields = builtInDefaultFields();
    expect(Value.Check(BoardFieldsSchema, fields)).toBe(true);
    expect(fields.panels).toEqual(BOARD_PANELS);
    const store = new MemorySettingsStore();
    const boards = new Boards(store, log);
    expect(await boards.find('default')).toMatchObject({
      id: 'default',
      version: null,
      updatedBy: null,
    });
    // What an empty store reads is the built-in record the bench's stand-in serves.
    expect(await boards.find('default')).toEqual(builtInDefaultBoard());
    expect(await boards.find('nope')).toBeNull();
    await store.write(
      [{ kind: 'board', id: 'default', value: { name: 5 }, expected: null }],
      'a',
      0,
    );
    // Its version is kept so that a PUT at that version repairs it.
    expect(await boards.find('default')).toMatchObject({ name: 'Default', version: 1 });
    expect((await boards.list()).map((b) => b.id)).toEqual(['default']);
  });
});

describe('who may see and change a board', () => {
  const b = (groups: number[], id = 'x') => ({ id, groups });
  it('a supervisor every board; a team lead those of a non-empty subset of their groups; a display none', () => {
    expect(mayEdit(boss, b([]))).toBe(true);
    expect(mayEdit(boss, b([], 'default'))).toBe(true);
    expect(mayEdit(lead, b([101]))).toBe(true);
    expect(mayEdit(lead, b([101, 102]))).toBe(true);
    expect(mayEdit(lead, b([101, 103]))).toBe(false);
    expect(mayEdit(lead, b([]))).toBe(false);
    expect(mayEdit(lead, b([101], 'default'))).toBe(false);
    expect(mayEdit(tv, b([101]))).toBe(false);
  });
  it('a team lead sees the default read-only', () => {
    const board = {
      ...builtInDefaultFields(),
      id: 'default',
      version: null,
      updatedAt: null,
      updatedBy: null,
    };
    expect(maySee(lead, board)).toBe(true);
    expect(mayEdit(lead, board)).toBe(false);
    expect(maySee(lead, { ...board, id: 'other', groups: [103] })).toBe(false);
  });
});
