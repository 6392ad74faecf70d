import { describe, expect, it } from 'vitest';
import { stableOrder, type HeldOrder } from './group-order';

interface G {
  id: number;
  severity: 'critical' | 'warning' | 'ok';
}
const g = (id: number, severity: G['severity'] = 'ok'): G => ({ id, severity });
const step = (held: HeldOrder | null, ranked: G[], now: number) =>
  stableOrder(
    held,
    ranked,
    (x) => x.id,
    (x) => x.severity,
    now,
  );
const ids = (items: readonly G[]) => items.map((x) => x.id);

describe('the queue panels keep their places', () => {
  it('holds the order between polls while no severity changes, for up to a minute', () => {
    const first = step(null, [g(1, 'critical'), g(2, 'critical'), g(3)], 0);
    expect(ids(first.items)).toEqual([1, 2, 3]);
    // Group 2 now has more callers waiting: wanted first, but held for the minute.
    const polls = [15_000, 30_000, 45_000].map((t) =>
      step(first.held, [g(2, 'critical'), g(1, 'critical'), g(3)], t),
    );
    for (const p of polls) expect(ids(p.items)).toEqual([1, 2, 3]);
    // Back and forth between two polls is never shown.
    expect(ids(step(first.held, [g(1, 'critical'), g(2, 'critical'), g(3)], 50_000).items)).toEqual(
      [1, 2, 3],
    );
    // A minute on: the new order is taken, once.
    const later = step(first.held, [g(2, 'critical'), g(1, 'critical'), g(3)], 60_000);
    expect(ids(later.items)).toEqual([2, 1, 3]);
    expect(later.held.at).toBe(60_000);
  });

  it('moves at once when a panel changes severity or a group comes or goes', () => {
    const first = step(null, [g(1, 'warning'), g(2), g(3)], 0);
    const escalated = step(first.held, [g(3, 'critical'), g(1, 'warning'), g(2)], 5_000);
    expect(ids(escalated.items)).toEqual([3, 1, 2]);
    const added = step(escalated.held, [g(3, 'critical'), g(1, 'warning'), g(2), g(4)], 10_000);
    expect(ids(added.items)).toEqual([3, 1, 2, 4]);
  });
});
