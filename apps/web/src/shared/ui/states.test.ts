import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  countByDisplayState,
  DISPLAY_STATE_ORDER,
  displayState,
  STATE_PALETTE,
} from './states';
import {
  groupLevels,
  DEFAULT_THRESHOLDS,
  levelAbove,
  levelBelow,
  liveWaitSeconds,
} from './thresholds';

describe('state palette', () => {
  it.each(DISPLAY_STATE_ORDER)('%s: label text meets WCAG AA on its tile', (state) => {
    const p = STATE_PALETTE[state];
    expect(contrastRatio(p.fg, p.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(p.accent, '#0b1017')).toBeGreaterThanOrEqual(3);
  });

  it('gives every state its own background', () => {
    expect(new Set(DISPLAY_STATE_ORDER.map((s) => STATE_PALETTE[s].bg)).size).toBe(
      DISPLAY_STATE_ORDER.length,
    );
  });
});

describe('display state', () => {
  const op = (state: 'available' | 'unavailable', breakName: string | null, login: string | null) =>
    ({ state, breakName, loggedInSince: login }) as const;

  it('reads an unavailable operator without break or login time as logged out, last in order', () => {
    expect(displayState(op('unavailable', null, null))).toBe('loggedOut');
    expect(displayState(op('unavailable', 'Lunch', null))).toBe('unavailable');
    expect(displayState(op('unavailable', null, '2026-03-02T08:00:00Z'))).toBe('unavailable');
    expect(displayState(op('available', null, null))).toBe('available');
    expect(DISPLAY_STATE_ORDER.at(-1)).toBe('loggedOut');
  });

  it('counts logged-out operators apart from those on a break', () => {
    const counts = countByDisplayState([
      op('unavailable', null, null),
      op('unavailable', 'Lunch', '2026-03-02T08:00:00Z'),
      op('available', null, '2026-03-02T08:00:00Z'),
    ]);
    expect(counts).toMatchObject({ loggedOut: 1, unavailable: 1, available: 1 });
  });
});

describe('thresholds', () => {
  it('reads more-is-worse and less-is-worse figures', () => {
    const t = { warning: 60, critical: 180 };
    expect([levelAbove(60, t), levelAbove(61, t), levelAbove(181, t)]).toEqual([
      'ok',
      'warning',
      'critical',
    ]);
    const sl = { warning: 80, critical: 60 };
    expect([
      levelBelow(80, sl),
      levelBelow(79, sl),
      levelBelow(59, sl),
      levelBelow(null, sl),
    ]).toEqual(['ok', 'warning', 'critical', 'ok']);
  });

  it('puts a group in breach when any figure is critical', () => {
    const g = { waiting: 1, longestWaitSeconds: 200, serviceLevelPercent: 90, answeredPercent: 95 };
    expect(groupLevels(g, DEFAULT_THRESHOLDS)).toMatchObject({
      longestWait: 'critical',
      breach: true,
    });
    expect(groupLevels({ ...g, longestWaitSeconds: 10 }, DEFAULT_THRESHOLDS).breach).toBe(false);
    expect(groupLevels({ ...g, waiting: 0 }, DEFAULT_THRESHOLDS).breach).toBe(false);
  });

  it('no red for the day’s maximum wait when nobody waits that long now (issue 12.3)', () => {
    const g = { waiting: 1, longestWaitSeconds: 400, serviceLevelPercent: 90, answeredPercent: 95 };
    const buckets = (under: number, mid: number, over: number) => ({
      ...g,
      waitingUnder1m: under,
      waiting1to3m: mid,
      waitingOver3m: over,
    });
    // Defaults: warning over 60 s, critical over 180 s.
    expect(groupLevels(buckets(1, 0, 0)).longestWait).toBe('ok');
    expect(groupLevels(buckets(0, 1, 0)).longestWait).toBe('warning');
    expect(groupLevels(buckets(0, 0, 1)).longestWait).toBe('critical');
  });

  it('reads the wait from the live oldest wait when there is one, at its own marks (issue 12.4)', () => {
    const at = '2026-11-27T10:05:00.000Z';
    const g = { waiting: 2, longestWaitSeconds: 600, serviceLevelPercent: 90, answeredPercent: 95 };
    const since = (s: number) => new Date(Date.parse(at) - s * 1000).toISOString();
    // The day's maximum says critical; the caller waiting now has waited 20 s.
    expect(groupLevels({ ...g, liveWait: { oldestSince: since(20), at } }).longestWait).toBe('ok');
    expect(groupLevels({ ...g, liveWait: { oldestSince: since(200), at } }).longestWait).toBe(
      'critical',
    );
    expect(groupLevels({ ...g, liveWait: { oldestSince: null, at } }).longestWait).toBe('ok');
    // A group's own marks (its rules) win over the board's thresholds.
    const gaugeMarks = {
      ...DEFAULT_THRESHOLDS,
      longestWaitSeconds: { warning: 10, critical: 15 },
      serviceLevelPercent: { warning: 95, critical: 92 },
    };
    expect(
      groupLevels({ ...g, liveWait: { oldestSince: since(20), at }, gaugeMarks }),
    ).toMatchObject({ longestWait: 'critical', serviceLevel: 'critical', breach: true });
    expect(liveWaitSeconds({ oldestSince: since(20), at }, Date.parse(at) + 5000)).toBe(25);
    expect(liveWaitSeconds(null, Date.parse(at))).toBeNull();
  });
});
