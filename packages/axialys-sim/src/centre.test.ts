// The engine: deterministic for a seed, alive at any hour, shifts and breaks, history consistent with states.

import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { CallCentre, wireState } from './centre';

const at = (s: string): number => DateTime.fromISO(s, { zone: 'Europe/Paris' }).toMillis();
const make = (seed: number, start = '2026-03-10T10:00:00'): CallCentre =>
  new CallCentre({ seed, timeZone: 'Europe/Paris', operators: 40, groups: 5, startAt: at(start) });

function summary(c: CallCentre): string {
  return JSON.stringify(
    c.log.calls.map((x) => [
      x.id,
      x.arrivedAt,
      x.answeredAt,
      x.endedAt,
      x.operatorId,
      x.outcome,
      x.legs.length,
    ]),
  );
}

describe('call centre engine', () => {
  it('gives the same call log for the same seed, however time is advanced', () => {
    const a = make(42);
    const b = make(42);
    for (let i = 0; i < 60; i++) b.advanceBy(60_000); // lazily, minute by minute
    a.advanceBy(3_600_000); // at once
    expect(summary(a)).toBe(summary(b));
    expect(summary(a)).not.toBe(summary(make(43, '2026-03-10T11:00:00')));
  });

  it('pre-simulates today from local midnight, with a small night shift at work', () => {
    const c = make(1, '2026-03-10T03:00:00');
    const first = c.log.calls[0];
    expect(first && first.arrivedAt).toBeGreaterThanOrEqual(at('2026-03-10T00:00:00'));
    const logged = c.operators.filter((o) => o.activity !== 'offline');
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged.length).toBeLessThanOrEqual(5);
    expect(logged.every((o) => o.groups.includes(101))).toBe(true);
    expect(c.log.calls.length).toBeGreaterThan(0);
  });

  it('runs a whole day with peaks, logins, logouts and every named break', () => {
    const c = make(3, '2026-03-10T23:59:00');
    const perHour = new Array<number>(24).fill(0);
    for (const x of c.log.calls)
      perHour[DateTime.fromMillis(x.arrivedAt, { zone: 'Europe/Paris' }).hour]! += 1;
    expect(perHour[10]!).toBeGreaterThan(5 * perHour[3]!);
    expect(perHour[15]!).toBeGreaterThan(perHour[13]!);
    const breaks = new Set(c.log.events.filter((e) => e.type === 'break').map((e) => e.infos));
    expect(breaks).toEqual(new Set(['Déjeuner', 'Pause café', 'Formation']));
    expect(c.operators.every((o) => o.lastLogin !== null)).toBe(true);
    expect(c.operators.filter((o) => o.lastLogout !== null).length).toBeGreaterThan(30);
    expect(c.log.calls.some((x) => x.outcome === 'ivr')).toBe(true);
    expect(c.log.calls.some((x) => x.direction === 'out' && x.outcome === 'no_answer')).toBe(true);
  });

  it('keeps each operator history contiguous and without overlap', () => {
    const c = make(5, '2026-03-10T16:00:00');
    for (const op of c.operators) {
      const evs = c.log.events
        .filter((e) => e.operatorId === op.id)
        .sort((a, b) => a.start - b.start);
      for (let i = 1; i < evs.length; i++)
        expect(evs[i]!.start).toBeGreaterThanOrEqual(evs[i - 1]!.end);
      // The running event starts where the last finished one ended (while logged in).
      if (op.segment && evs.length && op.activity !== 'offline')
        expect(op.segment.start).toBeGreaterThanOrEqual(evs.at(-1)!.end);
    }
  });

  it('lets a forced state stand, then carries on', () => {
    const c = make(9);
    const op = c.operators[10]!;
    c.forceState(op.id, 'unavailable', 'Formation');
    expect([wireState(op.activity), op.breakName]).toEqual(['unavailable', 'Formation']);
    c.advanceBy(16 * 60_000);
    expect(op.breakName).toBeNull();
    c.forceState(op.id, 'logged_out');
    expect(op.activity).toBe('offline');
    c.forceState(op.id, 'calling');
    expect(wireState(op.activity)).toBe('calling');
  });
});
