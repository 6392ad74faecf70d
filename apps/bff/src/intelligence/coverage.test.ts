// The coverage recorder at midnight: a poll asked before it and answered after it still carries yesterday's counters.
import type { Snapshot } from '@vigie/contract';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CoverageRecorder } from './coverage';

const ZONE = 'Europe/Paris';
const POLL_MS = 2000;
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

/** Just what the recorder reads: the groups' daily counters, taken at `takenAt`. */
const snap = (takenAt: number, calls: number, lost: number) =>
  ({
    upstream: {
      status: 'ok',
      sources: {
        operators: { lastSuccessAt: null },
        groups: { lastSuccessAt: new Date(takenAt).toISOString() },
      },
    },
    groups: [
      { id: 1, calls, answeredPercent: calls === 0 ? 0 : (100 * (calls - lost)) / calls, lost },
    ],
    operators: [],
  }) as unknown as Snapshot;

function callsByHour(steps: [string, number, number][]) {
  const r = new CoverageRecorder({ timeZone: ZONE, maxGapMs: 2 * POLL_MS + 1000 });
  const out = new Map<string, { calls: number; lost: number }>();
  for (const [iso, calls, lost] of steps)
    for (const w of r.observe(snap(at(iso), calls, lost), at(iso)).writes) {
      const k = `${w.day} ${w.hour}`;
      const o = out.get(k) ?? { calls: 0, lost: 0 };
      out.set(k, { calls: o.calls + w.live.calls, lost: o.lost + w.live.lost });
    }
  return Object.fromEntries(out);
}

describe('coverage at midnight', () => {
  it('puts the figures of a poll answered just after midnight, before the counters restarted, in the last hour of yesterday', () => {
    expect(
      callsByHour([
        ['2026-03-10T23:59:56', 890, 40],
        ['2026-03-10T23:59:58', 891, 40],
        // Asked before midnight, answered after it: yesterday's counters, one more call.
        ['2026-03-11T00:00:00.500', 892, 41],
        // The counters restarted.
        ['2026-03-11T00:00:02.500', 1, 0],
        ['2026-03-11T00:00:04.500', 3, 1],
      ]),
    ).toEqual({
      '2026-03-10 23': { calls: 2, lost: 1 },
      '2026-03-11 0': { calls: 3, lost: 1 },
    });
  });

  it('counts a poll after midnight as today once the counters went down, or once past the polls just after midnight', () => {
    // Restarted at once: the first poll of the day is the whole of its count.
    expect(
      callsByHour([
        ['2026-03-10T23:59:59', 890, 40],
        ['2026-03-11T00:00:01', 2, 0],
      ]),
    ).toEqual({ '2026-03-11 0': { calls: 2, lost: 0 } });
    // Nothing yesterday: today's first calls are today's.
    expect(
      callsByHour([
        ['2026-03-10T23:59:59', 0, 0],
        ['2026-03-11T00:00:01', 1, 0],
      ]),
    ).toEqual({ '2026-03-11 0': { calls: 1, lost: 0 } });
  });
});
