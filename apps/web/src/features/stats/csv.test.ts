import { describe, expect, it } from 'vitest';
import type { StatsGroupsReply } from '@vigie/contract';
import { CSV_DIALECT, csvFileName, statsCsv, toCsv } from './csv';
import { toStatsRow, totalRow } from './stats-rows';

const reply = (
  calls: number,
  answered: number,
  realtime: StatsGroupsReply['realtime'],
): StatsGroupsReply => ({
  from: '2026-03-01T00:00:00.000Z',
  to: '2026-03-02T00:00:00.000Z',
  calls,
  agentConnectedCalls: answered,
  totalDurationSeconds: answered * 100,
  fetchedAt: '2026-03-02T10:00:00.000Z',
  groups: [1],
  realtime,
});

describe('stats rows and CSV', () => {
  it('derives the answered share and the mean duration, null without calls', () => {
    const row = toStatsRow('1', 'Support', reply(8, 6, null));
    expect(row.answeredPercent).toBe(75);
    expect(row.averageSeconds).toBe(100);
    const empty = toStatsRow('2', 'Sales', reply(0, 0, null));
    expect(empty.answeredPercent).toBeNull();
    expect(empty.averageSeconds).toBeNull();
  });

  it('sums counts and keeps the oldest realtime instant in the total', () => {
    const a = toStatsRow(
      '1',
      'A',
      reply(10, 5, {
        activeCalls: 2,
        oldestCallWaitingSince: '2026-03-02T09:59:00Z',
        oldestCallConnectedSince: null,
      }),
    );
    const b = toStatsRow(
      '2',
      'B',
      reply(30, 15, {
        activeCalls: 1,
        oldestCallWaitingSince: '2026-03-02T09:50:00Z',
        oldestCallConnectedSince: null,
      }),
    );
    const total = totalRow('groups', [a, b], 'Total');
    expect(total).toMatchObject({
      key: 'total',
      calls: 40,
      answered: 20,
      answeredPercent: 50,
      totalDurationSeconds: 2000,
    });
    expect(total?.realtime).toEqual({
      activeCalls: 3,
      oldestCallWaitingSince: '2026-03-02T09:50:00Z',
      oldestCallConnectedSince: null,
    });
    expect(totalRow('groups', [], 'Total')).toBeNull();
  });

  it('quotes separators, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(toCsv([['a,b', 'say "hi"', 'x\ny', '=SUM(A1)', 1.234, null]])).toBe(
      '"a,b","say ""hi""","x\ny",\'=SUM(A1),1.23,\r\n',
    );
    expect(toCsv([['a;b', 'a,b', 1.234, null]], CSV_DIALECT.fr)).toBe('"a;b";a,b;1,23;\r\n');
  });

  const row = () =>
    toStatsRow(
      '7',
      'Ventes, Paris',
      reply(3, 2, {
        activeCalls: 0,
        oldestCallWaitingSince: '2026-03-02T09:50:00Z',
        oldestCallConnectedSince: null,
      }),
    );

  it('writes English headers, commas and dot decimals in English, times with their offset', () => {
    const a = row();
    const csv = statsCsv('groups', [a], totalRow('groups', [a], 'Total'), {
      lang: 'en',
      timeZone: 'Europe/Paris',
      header: (c) => `H:${c}`,
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'H:group,H:name,H:from,H:to,H:calls,H:answered,H:answeredPercent,H:totalDurationSeconds,H:averageDurationSeconds,H:activeCalls,H:oldestCallWaitingSince,H:oldestCallConnectedSince',
    );
    expect(lines[1]).toBe(
      '7,"Ventes, Paris",2026-03-01T01:00:00+01:00,2026-03-02T01:00:00+01:00,3,2,66.67,200,100,0,2026-03-02T10:50:00+01:00,',
    );
    expect(lines[2]?.startsWith('total,Total,')).toBe(true);
    expect(csvFileName('groups', '2026-03-01', '2026-03-02')).toBe(
      'vigie-groups-2026-03-01_2026-03-02.csv',
    );
  });

  it('writes French headers, semicolons and decimal commas in French, in the account’s zone', () => {
    const headers: Record<string, string> = { answeredPercent: 'Décroché %', name: 'Nom' };
    const csv = statsCsv('groups', [row()], null, {
      lang: 'fr',
      timeZone: 'Etc/GMT+9',
      header: (c) => headers[c] ?? c,
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]?.split(';').slice(0, 7)).toEqual([
      'group',
      'Nom',
      'from',
      'to',
      'calls',
      'answered',
      'Décroché %',
    ]);
    expect(lines[1]).toBe(
      '7;Ventes, Paris;2026-02-28T15:00:00-09:00;2026-03-01T15:00:00-09:00;3;2;66,67;200;100;0;2026-03-02T00:50:00-09:00;',
    );
    expect(lines).toHaveLength(2);
  });
});
