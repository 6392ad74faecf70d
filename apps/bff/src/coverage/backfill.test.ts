// The start-up backfill stores no 4.2 figures that cannot be true (issue 10): the hour stays blank.
import type { GroupCallStats } from '@vigie/axialys-client';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../history/memory-store';
import { backfillToday } from './backfill';

const ZONE = 'Europe/Paris';
const STARTED = DateTime.fromISO('2026-03-10T03:30:00', { zone: ZONE }).toMillis();

/** The 4.2 figures upstream gives per hour (it stands for api.axialys.com here). */
function upstreamWith(byHour: Record<number, { calls: number; answered: number }>) {
  return {
    async callsByGroup(p?: { from?: unknown }) {
      const hour = DateTime.fromJSDate(p?.from as Date, { zone: ZONE }).hour;
      const f = byHour[hour] ?? { calls: 0, answered: 0 };
      return { calls: f.calls, agentConnectedCalls: f.answered } as unknown as GroupCallStats;
    },
  };
}

async function run(
  byHour: Record<number, { calls: number; answered: number }>,
  dayCalls?: Map<number, number>,
) {
  const store = new MemoryStore();
  const warnings: string[] = [];
  await backfillToday({
    client: upstreamWith(byHour),
    store,
    timeZone: ZONE,
    startedAt: STARTED,
    covered: new Set(),
    groupIds: [7],
    membership: new Map(),
    history: null,
    maxCalls: 10,
    ...(dayCalls ? { dayCalls } : {}),
    log: { warn: (_o, msg) => warnings.push(msg), info: () => undefined },
  });
  const cells = await store.coverage('2026-03-10', 7);
  return {
    byHour: Object.fromEntries(cells.map((c) => [c.hour, c.backfill?.calls ?? null])),
    cells,
    warnings,
  };
}

describe('backfill of inconsistent 4.2 figures', () => {
  it('stores consistent hours and leaves out answered > calls and an hour above the day counter', async () => {
    const { byHour, cells, warnings } = await run(
      {
        0: { calls: 3, answered: 2 },
        1: { calls: 2, answered: 5 }, // more answered than calls
        2: { calls: 40, answered: 30 }, // more than the day's 10
        3: { calls: 1, answered: 1 },
      },
      new Map([[7, 10]]),
    );
    expect(byHour).toEqual({ 0: 3, 3: 1 });
    expect(cells.every((c) => (c.backfill?.lost ?? 0) >= 0)).toBe(true);
    expect(warnings.filter((w) => /inconsistent/.test(w))).toHaveLength(2);
  });

  it('without a day counter known, only the record itself is checked', async () => {
    const { byHour } = await run({
      0: { calls: 40, answered: 30 },
      1: { calls: 1.5, answered: 0 },
    });
    expect(byHour).toEqual({ 0: 40, 2: 0, 3: 0 });
  });
});
