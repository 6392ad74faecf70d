// The coverage recorder at midnight: a poll asked before it and answered after it still carries yesterday's counters.
import type { Snapshot } from '@vigie/contract';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { CounterBaseline } from '../history/history-store';
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

/** Runs snapshots through one recorder (or a new one per restart) and sums the writes per hour. */
function record(
  steps: (
    | {
        iso: string;
        groups: { id: number; calls: number; lost: number; answeredPercent?: number }[];
      }
    | 'restart'
  )[],
  resumeFrom: CounterBaseline | null = null,
) {
  const make = () => new CoverageRecorder({ timeZone: ZONE, maxGapMs: 2 * POLL_MS + 1000 });
  let r = make();
  r.resume(resumeFrom);
  const out = new Map<string, { calls: number; answered: number; lost: number }>();
  for (const step of steps) {
    if (step === 'restart') {
      const saved = r.counters;
      r = make();
      r.resume(saved === null ? null : structuredClone(saved));
      continue;
    }
    const t = at(step.iso);
    const s = {
      upstream: {
        status: 'ok',
        sources: {
          operators: { lastSuccessAt: null },
          groups: { lastSuccessAt: new Date(t).toISOString() },
        },
      },
      groups: step.groups.map((g) => ({
        answeredPercent: g.calls === 0 ? 0 : (100 * (g.calls - g.lost)) / g.calls,
        ...g,
      })),
      operators: [],
    } as unknown as Snapshot;
    for (const w of r.observe(s, t).writes) {
      const k = `${w.groupId} ${w.day} ${w.hour}`;
      const o = out.get(k) ?? { calls: 0, answered: 0, lost: 0 };
      out.set(k, {
        calls: o.calls + w.live.calls,
        answered: o.answered + w.live.answered,
        lost: o.lost + w.live.lost,
      });
    }
  }
  return { cells: Object.fromEntries(out), counters: r.counters };
}

const poll = (iso: string, calls: number, lost: number, id = 1) => ({
  iso,
  groups: [{ id, calls, lost }],
});

// issue 10: upstream answering nothing read as zeros, then the real counter again, was counted as
// 1,541 new calls. A day counter only goes down at midnight; any other drop is a fault.
describe('coverage when a day counter goes down without a midnight', () => {
  it('adds nothing for a drop to 0 nor for the way back up; later growth adds exactly its delta', () => {
    expect(
      record([
        poll('2026-03-10T10:00:00', 1541, 40),
        poll('2026-03-10T10:00:02', 0, 0),
        poll('2026-03-10T10:00:04', 1541, 40),
        poll('2026-03-10T10:00:06', 1546, 41),
      ]).cells,
    ).toEqual({ '1 2026-03-10 10': { calls: 5, answered: 4, lost: 1 } });
  });

  it('counts only above the highest value seen that day after a partial drop', () => {
    expect(
      record([
        poll('2026-03-10T10:00:00', 1541, 40),
        poll('2026-03-10T10:00:02', 1200, 30),
        poll('2026-03-10T10:00:04', 1300, 35),
        poll('2026-03-10T10:00:06', 1550, 42),
      ]).cells,
    ).toEqual({ '1 2026-03-10 10': { calls: 9, answered: 7, lost: 2 } });
  });

  it('keeps the highest values across restarts, so four restarts during the fault add nothing', () => {
    // Polls 2 s apart, restarts between them (within the gap allowed): the baseline is resumed.
    const steps: Parameters<typeof record>[0] = [poll('2026-03-10T10:00:08', 1541, 40)];
    for (let i = 0; i < 4; i++) {
      const s = 10 + i * 4;
      steps.push(poll(`2026-03-10T10:00:${s}`, 0, 0), 'restart');
      steps.push(poll(`2026-03-10T10:00:${s + 2}`, 1541, 40));
    }
    steps.push(poll('2026-03-10T10:00:26', 1546, 40));
    const { cells, counters } = record(steps);
    expect(cells).toEqual({ '1 2026-03-10 10': { calls: 5, answered: 5, lost: 0 } });
    expect(counters?.groups['1']).toEqual({ calls: 1546, answered: 1506, lost: 40 });
  });

  it('does not count from a baseline saved before this rule (it may hold a fault’s zeros)', () => {
    const old = {
      day: '2026-03-10',
      at: at('2026-03-10T10:00:00'),
      groups: { '1': { calls: 0, answered: 0, lost: 0 } },
    };
    expect(record([poll('2026-03-10T10:00:02', 1541, 40)], old).cells).toEqual({});
    // …and carries on from there as usual.
    expect(
      record([poll('2026-03-10T10:00:02', 1541, 40), poll('2026-03-10T10:00:04', 1543, 40)], old)
        .cells,
    ).toEqual({ '1 2026-03-10 10': { calls: 2, answered: 2, lost: 0 } });
  });

  it('matches the true count exactly, whatever drops a faulty upstream mixes in', () => {
    // A counter growing by 0–3 calls a poll; one answer in three is a fault reading lower.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let calls = 300;
    let lost = 10;
    const first = calls;
    // The first answer is a good one: the count starts from it.
    const steps: Parameters<typeof record>[0] = [poll('2026-03-10T13:59:58', calls, lost)];
    for (let i = 0; i < 600; i++) {
      const iso =
        DateTime.fromMillis(at('2026-03-10T14:00:00') + i * POLL_MS, { zone: ZONE }).toISO() ?? '';
      const grow = Math.floor(rand() * 4);
      calls += grow;
      if (grow > 0 && rand() < 0.2) lost += 1;
      const faulty = rand() < 1 / 3;
      const k = rand();
      steps.push(
        faulty ? poll(iso, Math.floor(calls * k), Math.floor(lost * k)) : poll(iso, calls, lost),
      );
      if (i % 97 === 0) steps.push('restart');
    }
    steps.push(
      poll(
        DateTime.fromMillis(at('2026-03-10T14:00:00') + 600 * POLL_MS, { zone: ZONE }).toISO() ??
          '',
        calls,
        lost,
      ),
    );
    const total = Object.values(record(steps).cells).reduce((n, c) => n + c.calls, 0);
    expect(total).toBe(calls - first);
  });
});

describe('coverage refuses an inconsistent record', () => {
  it('stores nothing for a group whose figures contradict each other, and counts on from the last good ones', () => {
    const { cells } = record([
      poll('2026-03-10T10:00:00', 100, 10),
      // More lost than calls.
      poll('2026-03-10T10:00:02', 100, 150),
      // Answered (100 %) plus lost above the calls.
      {
        iso: '2026-03-10T10:00:04',
        groups: [{ id: 1, calls: 400, lost: 20, answeredPercent: 100 }],
      },
      // Not a count.
      { iso: '2026-03-10T10:00:06', groups: [{ id: 1, calls: Number.NaN, lost: 0 }] },
      { iso: '2026-03-10T10:00:08', groups: [{ id: 1, calls: -3, lost: 0 }] },
      poll('2026-03-10T10:00:10', 102, 11),
    ]);
    expect(cells).toEqual({ '1 2026-03-10 10': { calls: 2, answered: 1, lost: 1 } });
  });

  it('an inconsistent group does not stop the others being counted', () => {
    const { cells } = record([
      {
        iso: '2026-03-10T10:00:00',
        groups: [
          { id: 1, calls: 10, lost: 1 },
          { id: 2, calls: 20, lost: 2 },
        ],
      },
      {
        iso: '2026-03-10T10:00:02',
        groups: [
          { id: 1, calls: 11, lost: 50 },
          { id: 2, calls: 23, lost: 2 },
        ],
      },
    ]);
    expect(cells).toEqual({ '2 2026-03-10 10': { calls: 3, answered: 3, lost: 0 } });
  });

  it('a group first seen (or first read consistently) in the middle of the day adds only its growth from then', () => {
    const { cells } = record([
      // Group 2's first answer contradicts itself: no mark for it today.
      {
        iso: '2026-03-10T10:00:00',
        groups: [
          { id: 1, calls: 10, lost: 1 },
          { id: 2, calls: 900, lost: 950 },
        ],
      },
      // Its first good one is the day so far, not calls of this hour.
      {
        iso: '2026-03-10T10:00:02',
        groups: [
          { id: 1, calls: 11, lost: 1 },
          { id: 2, calls: 900, lost: 40 },
        ],
      },
      // A group new in the directory at 10:00, with its day's count.
      {
        iso: '2026-03-10T10:00:04',
        groups: [
          { id: 1, calls: 11, lost: 1 },
          { id: 2, calls: 902, lost: 40 },
          { id: 3, calls: 500, lost: 5 },
        ],
      },
      {
        iso: '2026-03-10T10:00:06',
        groups: [
          { id: 1, calls: 11, lost: 1 },
          { id: 2, calls: 902, lost: 40 },
          { id: 3, calls: 501, lost: 5 },
        ],
      },
    ]);
    expect(cells).toEqual({
      '1 2026-03-10 10': { calls: 1, answered: 1, lost: 0 },
      '2 2026-03-10 10': { calls: 2, answered: 2, lost: 0 },
      '3 2026-03-10 10': { calls: 1, answered: 1, lost: 0 },
    });
  });
});
