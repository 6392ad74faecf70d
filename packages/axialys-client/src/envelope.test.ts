import { describe, expect, it } from 'vitest';
import { formatPath, locateList, locateRecord } from './envelope';
import { NormaliseError } from './normalise';

describe('locateList', () => {
  it('finds records in every list envelope of docs/axialys-wire.md, with their paths', () => {
    expect(locateList([{ id: 1 }])).toEqual([{ value: { id: 1 }, path: [0] }]);
    expect(locateList({ '7': { id: 7 } })).toEqual([{ value: { id: 7 }, path: ['7'], key: '7' }]);
    for (const key of ['data', 'result', 'results', 'items']) {
      expect(locateList({ echoed: 'x', [key]: [{ id: 1 }] })).toEqual([
        { value: { id: 1 }, path: [key, 0] },
      ]);
    }
    expect(locateList({ data: { '7': { id: 7 } } })[0]?.path).toEqual(['data', '7']);
  });

  it('takes a bare record as a list of one when asked to recognise it', () => {
    const isStats = (v: Record<string, unknown>) => 'nbr_global' in v;
    expect(locateList({ group_id: 3, nbr_global: 1 }, isStats)).toHaveLength(1);
    expect(locateList({ data: { nbr_global: 1 } }, isStats)[0]?.path).toEqual(['data']);
  });

  it('refuses a reply that holds no list', () => {
    expect(() => locateList({ api_version: '1' })).toThrow(NormaliseError);
    expect(() => locateList('text')).toThrow(NormaliseError);
  });

  it('refuses {} and a blank data as the list missing, with its path; an empty list is one', () => {
    expect(() => locateList({})).toThrow(/no list/);
    for (const data of [null, '']) {
      const error = (() => {
        try {
          locateList({ api_version: '1', data });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(NormaliseError);
      expect((error as NormaliseError).path).toEqual(['data']);
    }
    expect(locateList([])).toEqual([]);
    expect(locateList({ data: [] })).toEqual([]);
    expect(locateList({ data: {} })).toEqual([]);
  });
});

describe('locateRecord', () => {
  it('finds a record at the top level, under data or result, or as a list of one', () => {
    expect(locateRecord({ id: 1 }).path).toEqual([]);
    expect(locateRecord({ data: { id: 1 } }).path).toEqual(['data']);
    expect(locateRecord({ result: [{ id: 1 }] }).path).toEqual(['result', 0]);
    expect(() => locateRecord([{ id: 1 }, { id: 2 }])).toThrow(/one record, found 2/);
  });

  it('refuses {}, [] and a blank or empty data as the record missing', () => {
    for (const body of [{}, [], { data: null }, { data: '' }, { data: {} }, { result: null }])
      expect(() => locateRecord(body)).toThrow(/record is missing/);
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and keys with dots', () => {
    expect(formatPath(['data', 3, 'etat'])).toBe('data[3].etat');
    expect(formatPath([0, 'groups', 1])).toBe('[0].groups[1]');
    expect(formatPath([])).toBe('');
  });
});
