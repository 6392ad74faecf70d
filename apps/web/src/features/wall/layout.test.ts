import type { SnapshotGroup, SnapshotOperator } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../shared/ui/thresholds';
import {
  countByState,
  DENSITY_STEPS,
  filterOperators,
  fitTiles,
  pageOf,
  rankGroups,
  sortOperators,
  splitLoggedOut,
  TILE_EM,
  tileHeightEm,
  unknownGroups,
} from './layout';
import { parseWallSettings } from './settings';

const op = (id: number, state: SnapshotOperator['state'], since: string | null, groups = [1]) =>
  ({
    id,
    name: `Op ${id}`,
    state,
    breakName: null,
    stateSince: since,
    stateSincePrecision: 'exact',
    loggedInSince: null,
    groups,
  }) as SnapshotOperator;

describe('wall layout', () => {
  it('puts free operators first and the longest call at the head of the calls', () => {
    const sorted = sortOperators([
      op(1, 'unavailable', '2026-03-02T08:00:00Z'),
      op(2, 'connected', '2026-03-02T09:10:00Z'),
      op(3, 'connected', '2026-03-02T09:00:00Z'),
      op(4, 'available', '2026-03-02T09:20:00Z'),
      op(5, 'ringing', null),
    ]);
    expect(sorted.map((o) => o.id)).toEqual([4, 5, 3, 2, 1]);
  });

  it('puts logged-out operators after everyone else, breaks included', () => {
    const onBreak = { ...op(1, 'unavailable', '2026-03-02T10:00:00Z'), breakName: 'Lunch' };
    const loggedOut = op(2, 'unavailable', '2026-03-02T07:00:00Z');
    const sorted = sortOperators([loggedOut, onBreak, op(3, 'connected', null)]);
    expect(sorted.map((o) => o.id)).toEqual([3, 1, 2]);
    expect(countByState(sorted)).toMatchObject({ unavailable: 1, loggedOut: 1, connected: 1 });
  });

  it('keeps operators of the chosen groups and counts them per state', () => {
    const ops = [
      op(1, 'available', null, [1]),
      op(2, 'connected', null, [2, 3]),
      op(3, 'available', null, [4]),
    ];
    const shown = filterOperators(ops, [3, 1]);
    expect(shown.map((o) => o.id)).toEqual([1, 2]);
    expect(countByState(shown)).toMatchObject({ available: 1, connected: 1, unavailable: 0 });
  });

  it('shrinks tiles before paginating, and paginates at the legible floor', () => {
    const room = () => 400;
    const normal = DENSITY_STEPS.normal;
    // 16 px floor: a tile is at least 11 em = 176 px wide; 1,000 px hold 5 columns at the floor.
    const few = fitTiles(4, 1000, room, 16, normal);
    expect(few).toMatchObject({ pages: 1, lines: 2, panels: 'full' });
    expect(few.fontPx).toBeGreaterThan(16);
    const more = fitTiles(20, 1000, room, 16, normal);
    expect(more.pages).toBe(1);
    expect(more.fontPx).toBeLessThan(few.fontPx);
    expect(more.fontPx).toBeGreaterThanOrEqual(16);
    const many = fitTiles(1000, 1000, room, 16, normal);
    expect(many.fontPx).toBe(16);
    expect(many.pages).toBe(Math.ceil(1000 / many.perPage));
    expect(pageOf([1, 2, 3, 4, 5], 2, 2)).toEqual([5]);
    expect(pageOf([1, 2, 3, 4, 5], 3, 2)).toEqual([1, 2]);
  });

  it('tries one-line names, then compact panels, before paginating', () => {
    // Compact panels give the tiles 200 px more.
    const room = (panels: 'full' | 'compact') => (panels === 'full' ? 300 : 500);
    const oneLine = tileHeightEm(1) * 16 + TILE_EM.gap * 16;
    const twoLines = tileHeightEm(2) * 16 + TILE_EM.gap * 16;
    const columns = Math.floor(
      (1000 + TILE_EM.gap * 16) / (TILE_EM.minWidth * 16 + TILE_EM.gap * 16),
    );
    const at = (rows: number) => columns * rows;
    const normal = DENSITY_STEPS.normal;
    expect(fitTiles(at(Math.floor(300 / twoLines)), 1000, room, 16, normal)).toMatchObject({
      lines: 2,
      panels: 'full',
      pages: 1,
    });
    expect(fitTiles(at(Math.floor(300 / oneLine)), 1000, room, 16, normal)).toMatchObject({
      lines: 1,
      panels: 'full',
      pages: 1,
    });
    expect(fitTiles(at(Math.floor(500 / oneLine)), 1000, room, 16, normal)).toMatchObject({
      lines: 1,
      panels: 'compact',
      pages: 1,
    });
    // ?density=compact goes to the dense board at once; large keeps a higher floor.
    expect(fitTiles(3, 1000, room, 16, DENSITY_STEPS.compact).panels).toBe('compact');
    expect(fitTiles(1000, 1000, room, 16, DENSITY_STEPS.large).fontPx).toBe(24);
  });

  it('counts logged-out operators apart and names the unknown groups asked for', () => {
    const out = op(2, 'unavailable', null);
    const split = splitLoggedOut([op(1, 'available', null), out]);
    expect(split.present.map((o) => o.id)).toEqual([1]);
    expect(split.loggedOut.map((o) => o.id)).toEqual([2]);
    const g = { id: 101, name: 'G' } as SnapshotGroup;
    expect(unknownGroups([101, 999], [g])).toEqual([999]);
    expect(unknownGroups(null, [g])).toEqual([]);
  });

  it('reads ?groups, ?rotate, ?shift and ?sound with safe defaults', () => {
    expect(parseWallSettings(new URLSearchParams(''))).toEqual({
      groups: null,
      rotateSeconds: 20,
      shift: true,
      sound: false,
      density: 'normal',
      loggedOut: 'collapse',
    });
    expect(
      parseWallSettings(
        new URLSearchParams(
          'groups=1,3,x,3&rotate=5&shift=0&sound=1&density=compact&loggedOut=show',
        ),
      ),
    ).toEqual({
      groups: [1, 3],
      rotateSeconds: 5,
      shift: false,
      sound: true,
      density: 'compact',
      loggedOut: 'show',
    });
    // An unknown density is the default, not an error: a TV's address is typed once.
    expect(parseWallSettings(new URLSearchParams('density=huge')).density).toBe('normal');
  });
});

describe('wall group order', () => {
  it('brings groups with an active alert to the front, critical before warning', () => {
    const g = (id: number) =>
      ({
        id,
        name: `G${id}`,
        waiting: 0,
        longestWaitSeconds: 0,
        serviceLevelPercent: null,
        answeredPercent: 100,
      }) as SnapshotGroup;
    const alerts: Record<number, 'warning' | 'critical'> = { 3: 'warning', 4: 'critical' };
    const ranked = rankGroups(
      [g(1), g(2), g(3), g(4)],
      null,
      DEFAULT_THRESHOLDS,
      (id) => alerts[id],
    );
    expect(ranked.map((r) => r.group.id)).toEqual([4, 3, 1, 2]);
  });

  it('ranks by the panels’ alerts, not by a day’s maximum wait, then by callers waiting', () => {
    const g = (id: number, waiting: number, longestWaitSeconds: number) =>
      ({
        id,
        name: `G${id}`,
        waiting,
        longestWaitSeconds,
        waitingUnder1m: waiting,
        waiting1to3m: 0,
        waitingOver3m: 0,
        serviceLevelPercent: 90,
        answeredPercent: 95,
      }) as SnapshotGroup;
    // Group 1: one caller waiting now, 12 min as the day's maximum, no alert.
    const ranked = rankGroups(
      [g(1, 1, 720), g(2, 140, 200), g(3, 141, 190)],
      null,
      DEFAULT_THRESHOLDS,
      (id) => (id === 1 ? undefined : 'critical'),
    );
    expect(ranked.map((r) => r.group.id)).toEqual([3, 2, 1]);
    expect(ranked[2]?.levels.breach).toBe(false);
  });
});
