import type { CoverageHour } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { callsAxisTop, coverageChartData, dayIn, hourIn } from './coverage';

const row = (hour: number, over: Partial<CoverageHour> = {}): CoverageHour => ({
  hour,
  calls: null,
  answered: null,
  lost: null,
  operatorsLoggedIn: null,
  operatorsAvailable: null,
  recorded: 0,
  backfilled: false,
  ...over,
});

describe('coverage chart data', () => {
  it('keeps unseen figures null, never zero, and marks unseen hours for the band', () => {
    const data = coverageChartData(
      [
        row(8, {
          calls: 12,
          answered: 11,
          lost: 1,
          operatorsLoggedIn: 4.5,
          operatorsAvailable: null,
          recorded: 1,
        }),
        row(9),
        row(10, {
          calls: 0,
          answered: 0,
          lost: 0,
          operatorsLoggedIn: 3,
          operatorsAvailable: 2.25,
          recorded: 0.5,
        }),
      ],
      null,
    );
    expect(data).toHaveLength(24);
    expect(data.map((d) => d.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(data[8]).toMatchObject({
      status: 'recorded',
      calls: 12,
      loggedIn: 4.5,
      available: null,
      band: null,
    });
    expect(data[9]).toMatchObject({
      status: 'unrecorded',
      calls: null,
      loggedIn: null,
      available: null,
    });
    expect(data[9]?.band).toBe(callsAxisTop([row(8, { calls: 12 })]));
    // A real zero stays a zero, and a half-seen hour says so.
    expect(data[10]).toMatchObject({
      status: 'partial',
      calls: 0,
      available: 2.25,
      recordedPercent: 50,
    });
    // Rows the reply left out are unseen hours too.
    expect(data[23]).toMatchObject({ status: 'unrecorded', calls: null });
  });

  it('puts backfilled calls in their own series and leaves hours after now as the future', () => {
    const data = coverageChartData(
      [
        row(7, { calls: 5, answered: 5, lost: 0, operatorsLoggedIn: 2, backfilled: true }),
        row(11, { calls: 3, recorded: 0.2 }),
        row(12),
      ],
      11,
    );
    expect(data[7]).toMatchObject({
      status: 'backfilled',
      calls: null,
      callsBackfilled: 5,
      band: null,
    });
    expect(data[11]).toMatchObject({ status: 'partial', calls: 3, callsBackfilled: null });
    expect(data[12]).toMatchObject({ status: 'future', calls: null, band: null });
    expect(data[6]).toMatchObject({ status: 'unrecorded' });
  });

  it('rounds the calls axis up and reads hours and days in the account zone', () => {
    expect(callsAxisTop([])).toBe(4);
    expect(callsAxisTop([row(1, { calls: 17 })])).toBe(20);
    expect(callsAxisTop([row(1, { calls: 230 })])).toBe(250);
    const at = new Date('2026-03-02T23:30:00Z');
    expect(hourIn('Europe/Paris', at)).toBe(0);
    expect(dayIn('Europe/Paris', at)).toBe('2026-03-03');
    expect(hourIn('Etc/UTC', at)).toBe(23);
  });
});
