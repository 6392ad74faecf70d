// The history retention on a manual clock: a day passes in no time.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { startRetention } from './retention';

const DAY_MS = 86_400_000;

function retention(removed: number) {
  const clock = new ManualClock();
  clock.t = Date.parse('2026-03-10T22:30:00.000Z'); // 23:30 in Paris
  const prunes: [string, number][] = [];
  const pruned: [number, string][] = [];
  const stop = startRetention({
    store: {
      prune: async (firstKeptDay, firstKeptMs) => {
        prunes.push([firstKeptDay, firstKeptMs]);
        return removed;
      },
    },
    clock,
    timeZone: 'Europe/Paris',
    retentionDays: 3,
    run: (prune) => void prune(),
    onPruned: (n, firstKeptDay) => pruned.push([n, firstKeptDay]),
  });
  return { clock, prunes, pruned, stop };
}

describe('history retention', () => {
  it('prunes at start, then once a day on its clock, keeping the last retentionDays local days', async () => {
    const { clock, prunes, pruned, stop } = retention(4);
    const t0 = clock.t;
    await clock.advance(0);
    expect(prunes).toEqual([['2026-03-08', t0 - 3 * DAY_MS]]);
    expect(pruned).toEqual([[4, '2026-03-08']]);
    await clock.advance(DAY_MS - 1);
    expect(prunes).toHaveLength(1);
    await clock.advance(1);
    await clock.advance(DAY_MS);
    expect(prunes).toEqual([
      ['2026-03-08', t0 - 3 * DAY_MS],
      ['2026-03-09', t0 - 2 * DAY_MS],
      ['2026-03-10', t0 - DAY_MS],
    ]);
    stop();
    expect(clock.pending).toBe(0);
    await clock.advance(5 * DAY_MS);
    expect(prunes).toHaveLength(3);
  });

  it('says nothing when nothing was old enough to go', async () => {
    const { clock, prunes, pruned, stop } = retention(0);
    await clock.advance(DAY_MS);
    expect(prunes).toHaveLength(2);
    expect(pruned).toEqual([]);
    stop();
  });
});
