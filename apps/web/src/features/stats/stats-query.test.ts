import { describe, expect, it } from 'vitest';
import { defaultQuery, parseStatsParams, parseTypedNumbers, toStatsParams } from './stats-query';

describe('stats query in the URL', () => {
  it('defaults to the last seven days by group', () => {
    expect(defaultQuery(new Date(2026, 2, 2, 15))).toEqual({
      by: 'groups',
      from: '2026-02-24',
      to: '2026-03-02',
      groups: [],
      numbers: [],
    });
  });

  it('round-trips a question and keeps only the chosen kind', () => {
    const q = {
      by: 'groups' as const,
      from: '2026-03-01',
      to: '2026-03-02',
      groups: [1, 3],
      numbers: ['33145420000'],
    };
    expect(toStatsParams(q).toString()).toBe(
      'by=groups&from=2026-03-01&to=2026-03-02&group=1&group=3',
    );
    expect(parseStatsParams(toStatsParams(q))).toEqual({ ...q, numbers: [] });
    const n = { ...q, by: 'numbers' as const };
    expect(parseStatsParams(toStatsParams(n))).toEqual({ ...n, groups: [] });
  });

  it('says nothing was asked without a start date, and drops malformed ids', () => {
    expect(parseStatsParams(new URLSearchParams('by=numbers'))).toBeNull();
    expect(
      parseStatsParams(new URLSearchParams('from=2026-03-01&group=x&group=2&group=2&number=12')),
    ).toEqual({ by: 'groups', from: '2026-03-01', to: '', groups: [2], numbers: [] });
  });

  it('reads typed numbers in international forms and refuses the rest', () => {
    expect(parseTypedNumbers('+33 1 45 42 00 00, 0033612345678;\n442079460000')).toEqual({
      numbers: ['33145420000', '33612345678', '442079460000'],
      bad: [],
    });
    expect(parseTypedNumbers('01 45 42 00 00, abc, , 33145420000')).toEqual({
      numbers: ['33145420000'],
      bad: ['01 45 42 00 00', 'abc'],
    });
  });
});
