import type { OperatorStatus } from '@vigie/axialys-client';
import { describe, expect, it } from 'vitest';
import { TimeInState } from './time-in-state';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (s: number) => T0 + s * 1000;
const isoAt = (s: number) => new Date(at(s)).toISOString();
const op = (o: Partial<OperatorStatus>): OperatorStatus => ({
  id: 1,
  groupIds: [1],
  state: 'available',
  ...o,
});

describe('time in state', () => {
  it('is a lower bound at first sight, exact from ui_pause for a break', () => {
    const t = new TimeInState();
    t.observe(
      [
        op({ id: 1 }),
        op({ id: 2, state: 'unavailable', breakName: 'Déjeuner', lastBreakAt: isoAt(-600) }),
      ],
      at(0),
    );
    expect(t.get(1)).toEqual({ since: at(0), precision: 'lower-bound' });
    expect(t.get(2)).toEqual({ since: at(-600), precision: 'exact' });
  });

  it('dates a change seen between polls by the poll, or exactly by ui_pause/ui_login in the window', () => {
    const t = new TimeInState();
    t.observe(
      [
        op({ id: 1 }),
        op({ id: 2 }),
        op({ id: 3, state: 'unavailable', lastLogoutAt: isoAt(-50), lastLoginAt: isoAt(-3000) }),
      ],
      at(0),
    );
    t.observe(
      [
        op({ id: 1, state: 'connected' }),
        op({ id: 2, state: 'unavailable', breakName: 'Café', lastBreakAt: isoAt(12) }),
        op({ id: 3, state: 'available', lastLoginAt: isoAt(20), lastLogoutAt: isoAt(-50) }),
      ],
      at(30),
    );
    expect(t.get(1)).toEqual({ since: at(30), precision: 'poll' });
    expect(t.get(2)).toEqual({ since: at(12), precision: 'exact' });
    expect(t.get(3)).toEqual({ since: at(20), precision: 'exact' });
    // No change: the estimate stays.
    t.observe([op({ id: 1, state: 'connected' })], at(60));
    expect(t.get(1)).toEqual({ since: at(30), precision: 'poll' });
    expect(t.get(2)).toBeUndefined();
  });

  it('ignores an API date outside the window of the change', () => {
    const t = new TimeInState();
    t.observe([op({ id: 2 })], at(0));
    t.observe(
      [op({ id: 2, state: 'unavailable', breakName: 'Café', lastBreakAt: isoAt(-900) })],
      at(30),
    );
    expect(t.get(2)?.precision).toBe('poll');
  });

  it('refines a connected operator with a cached dt_answer from this spell', () => {
    const t = new TimeInState();
    t.observe([op({ id: 1 })], at(0));
    t.observe([op({ id: 1, state: 'connected' })], at(30));
    t.refineConnected(1, isoAt(-100), at(31)); // before the window: another call
    expect(t.get(1)?.precision).toBe('poll');
    t.refineConnected(1, isoAt(17), at(31));
    expect(t.get(1)).toEqual({ since: at(17), precision: 'exact' });
  });

  it('refines first-sight states from the start-up history', () => {
    const t = new TimeInState();
    const statuses = [op({ id: 1, lastLoginAt: isoAt(-7200) }), op({ id: 2, state: 'connected' })];
    t.observe(statuses, at(0));
    t.applyHistory(
      [
        { operatorId: 1, type: 'call_in', startedAt: isoAt(-400), durationSeconds: 100 },
        { operatorId: 2, type: 'call_in', startedAt: isoAt(-90), durationSeconds: 90 },
      ],
      new Map(statuses.map((s) => [s.id, s])),
      at(0),
    );
    expect(t.get(1)).toEqual({ since: at(-300), precision: 'exact' });
    expect(t.get(2)).toEqual({ since: at(-90), precision: 'exact' });
  });

  it('keeps the previous leader’s date for an operator still in the same state after a fail-over', () => {
    const t = new TimeInState();
    t.observe([op({ id: 1 }), op({ id: 2, state: 'connected' })], at(0));
    t.inherit([
      {
        id: 1,
        state: 'available',
        breakName: null,
        stateSince: isoAt(-90),
        stateSincePrecision: 'exact',
      },
      {
        id: 2,
        state: 'available',
        breakName: null,
        stateSince: isoAt(-90),
        stateSincePrecision: 'poll',
      },
    ]);
    expect(t.get(1)).toEqual({ since: at(-90), precision: 'exact' });
    // The state changed since the predecessor's snapshot: a first sight stays a lower bound.
    expect(t.get(2)).toEqual({ since: at(0), precision: 'lower-bound' });
  });
});
