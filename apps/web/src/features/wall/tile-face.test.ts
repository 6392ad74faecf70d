import type { SnapshotOperator } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import type { WallText } from './text';
import { frozenDuration, keptInPlace, tileFace } from './tile-face';

describe('the tile grid', () => {
  it('moves only the tiles out of place: one that changed state, not the ones it jumps over', () => {
    const before = [1, 2, 3, 4, 5, 6, 7, 8];
    // 7 goes from the calls to the end of the free run, ahead of 3..6.
    const after = [1, 2, 7, 3, 4, 5, 6, 8];
    const kept = keptInPlace(before, after);
    expect(after.filter((k) => !kept.has(k))).toEqual([7]);
    // New and gone tiles: the new ones are inserted, the rest stay.
    const grown = keptInPlace(before, [9, 1, 2, 4, 3, 5, 6, 8]);
    expect([9, 1, 2, 4, 3, 5, 6, 8].filter((k) => !grown.has(k))).toHaveLength(2);
    expect(keptInPlace([], [1, 2]).size).toBe(0);
    expect([...keptInPlace([3, 2, 1], [1, 2, 3])]).toHaveLength(1);
  });
});

const text = {
  wall: (k: string) => `[${k}]`,
  since: (iso: string | null) => `since ${iso ?? '?'}`,
  fmt: { locale: 'en' },
} as unknown as WallText;

const op = (over: Partial<SnapshotOperator> = {}): SnapshotOperator => ({
  id: 7,
  name: 'Sébastien Martin',
  login: 'smartin',
  state: 'unavailable',
  breakName: 'Lunch',
  stateSince: '2026-03-02T09:00:00.000Z',
  stateSincePrecision: 'exact',
  loggedInSince: '2026-03-02T08:00:00.000Z',
  groups: [1],
  ...over,
});

describe('a tile face', () => {
  it('says the break by name, ticks from the start, and names the operator with the login', () => {
    const f = tileFace(
      op(),
      { label: 'S. Martin', fontPx: 24, shortened: true },
      0.9,
      undefined,
      null,
      text,
    );
    expect(f).toMatchObject({ display: 'unavailable', label: 'Lunch', icons: ['i-unavailable'] });
    expect(f.name).toEqual({
      label: 'S. Martin',
      shortened: true,
      title: 'Sébastien Martin · smartin',
      em: 0.9,
    });
    expect(f.time).toMatchObject({ frozen: null, since: '2026-03-02T09:00:00.000Z', title: null });
    expect(f.attrs).toEqual({
      class: 'wall-tile',
      'data-operator-id': '7',
      'data-state': 'unavailable',
      'data-display-state': 'unavailable',
      'data-alert': 'none',
      'data-stale': 'false',
    });
  });

  it('freezes an old tile at the instant of its figures, with an hourglass and "since"', () => {
    const at = Date.parse('2026-03-02T09:12:34.000Z');
    const f = tileFace(op(), undefined, 1, 'critical', at, text);
    expect(f.attrs).toMatchObject({ class: 'wall-tile is-stale', 'data-stale': 'true' });
    expect(f.attrs['data-alert']).toBe('critical');
    // The alert's mark, then the hourglass in the state icon's place.
    expect(f.icons).toEqual(['a-critical', 's']);
    expect(f.time?.frozen).toBe(frozenDuration('2026-03-02T09:00:00.000Z', at));
    expect(f.time?.frozen).toMatch(/^≥ /);
    expect(f.time?.title).toBe('since 2026-03-02T09:00:00.000Z');
  });

  it('has no time for a logged-out operator, and a lower bound is said in its title', () => {
    const out = tileFace(
      op({ breakName: null, loggedInSince: null }),
      undefined,
      1,
      undefined,
      null,
      text,
    );
    expect(out.display).toBe('loggedOut');
    expect(out.time).toBeNull();
    const lower = tileFace(
      op({ state: 'available', breakName: null, stateSincePrecision: 'lower-bound' }),
      undefined,
      1,
      undefined,
      null,
      text,
    );
    expect(lower.label).toBe('[common:state.available]');
    expect(lower.time).toMatchObject({ lowerBound: true, title: '[lowerBound]' });
  });
});
