import { describe, expect, it } from 'vitest';
import { changesOf } from './diff';

describe('changesOf', () => {
  it('lists only the fields that changed, arrays compared whole', () => {
    expect(
      changesOf(
        { name: 'Support', groups: [101, 102], theme: 'dark', sound: false },
        { name: 'Support floor', groups: [101, 102], theme: 'light', sound: false },
      ),
    ).toEqual([
      { field: 'name', before: 'Support', after: 'Support floor' },
      { field: 'theme', before: 'dark', after: 'light' },
    ]);
    expect(changesOf({ groups: [101] }, { groups: [102, 101] })).toEqual([
      { field: 'groups', before: [101], after: [102, 101] },
    ]);
  });

  it('a create lists every field as new, a delete every field as gone', () => {
    expect(changesOf(null, { name: 'A', sound: true })).toEqual([
      { field: 'name', before: undefined, after: 'A' },
      { field: 'sound', before: undefined, after: true },
    ]);
    expect(changesOf({ name: 'A' }, null)).toEqual([
      { field: 'name', before: 'A', after: undefined },
    ]);
  });

  it('documents that are not objects are one change, or none when equal', () => {
    expect(changesOf('a', 'b')).toEqual([{ field: '', before: 'a', after: 'b' }]);
    expect(changesOf(3, 3)).toEqual([]);
    expect(changesOf({ a: 1 }, { a: 1 })).toEqual([]);
  });
});
