import { describe, expect, it } from 'vitest';
import type { StatsGroupsReply } from '@vigie/contract';
import { csvFileName, statsCsv, toCsv } from './csv';
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

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(toCsv([['a,b', 'say "hi"', 'x\ny', '=SUM(A1)', 1.234, null]])).toBe(
      '"a,b","say ""hi""","x\ny",\'=SUM(A1),1.23,\r\n',
    );
  });

  it('writes a header and dot decimals whatever the locale', () => {
    const a = toStatsRow(
      '7',
      'Ventes, Paris',
      reply(3, 2, { activeCalls: 0, oldestCallWaitingSince: null, oldestCallConnectedSince: null }),
    );
    const csv = statsCsv('groups', [a], totalRow('groups', [a], 'Total'));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'group_id,name,from,to,calls,answered_calls,answered_percent,total_duration_seconds,average_duration_seconds,active_calls,oldest_call_waiting_since,oldest_call_connected_since',
    );
    expect(lines[1]).toBe(
      '7,"Ventes, Paris",2026-03-01T00:00:00.000Z,2026-03-02T00:00:00.000Z,3,2,66.67,200,100,0,,',
    );
    expect(lines[2]?.startsWith('total,Total,')).toBe(true);
    expect(csvFileName('groups', '2026-03-01', '2026-03-02')).toBe(
      'vigie-groups-2026-03-01_2026-03-02.csv',
    );
  });
});
