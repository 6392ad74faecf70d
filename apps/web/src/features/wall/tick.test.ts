// The page ticker behind the tiles' time in state: one clock subscription, text written in place.
import { describe, expect, it } from 'vitest';
import type { DurationPart } from '../../shared/i18n/format';
import {
  drawParts,
  elapsedParts,
  elapsedTicking,
  TickRegistry,
  type PartsView,
  type TickSource,
} from './tick';

/** A clock the test moves by hand, counting who listens. */
function fakeClock(start: number) {
  let now = start;
  const listeners = new Set<(now: number) => void>();
  let subscriptions = 0;
  const source: TickSource = {
    subscribe(l) {
      subscriptions += 1;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    now: () => now,
  };
  return {
    source,
    tick(ms: number) {
      now += ms;
      for (const l of listeners) l(now);
    },
    listening: () => listeners.size,
    subscriptions: () => subscriptions,
  };
}

/** Children as a list of parts, with a log of what was written. */
function fakeView() {
  let children: DurationPart[] = [];
  const log: string[] = [];
  const view: PartsView = {
    rebuild(parts) {
      children = parts.map((p) => ({ ...p }));
      log.push(`rebuild ${parts.map((p) => p.text).join('|')}`);
    },
    setText(i, text) {
      const c = children[i];
      if (c) c.text = text;
      log.push(`set ${i} ${text}`);
    },
  };
  return { view, log, text: () => children.map((c) => c.text).join('') };
}

describe('elapsedParts', () => {
  const t0 = Date.parse('2026-12-02T10:00:00Z');

  it('reads like the Duration it replaces, in either language', () => {
    const join = (p: DurationPart[]) => p.map((x) => x.text).join('');
    expect(join(elapsedParts(t0, t0 + 754_000, false, 'en-GB'))).toBe('12:34');
    expect(join(elapsedParts(t0, t0 + 754_000, true, 'en-GB'))).toBe('≥ 12:34');
    expect(join(elapsedParts(t0, t0 + 754_000, false, 'fr-FR'))).toBe('12\u202fmin\u00a034\u202fs');
    expect(join(elapsedParts(null, t0, false, 'en-GB'))).toBe('–');
    // A start a little ahead of the page's clock (another machine's): never a negative time.
    expect(join(elapsedParts(t0 + 2000, t0, false, 'en-GB'))).toBe('0:00');
  });
});

describe('drawParts', () => {
  it('writes only the part that changed when the shape stays, and rebuilds when it changes', () => {
    const { view, log, text } = fakeView();
    const t0 = 0;
    const at = (s: number) => elapsedParts(t0, s * 1000, false, 'fr-FR');
    expect(drawParts(view, null, at(58))).toBe(1);
    expect(text()).toBe('58\u202fs');
    // 58 s → 59 s: the figure only.
    expect(drawParts(view, at(58), at(59))).toBe(1);
    expect(log.at(-1)).toBe('set 0 59');
    // 59 s → 1 min 00 s: two more parts, drawn afresh.
    expect(drawParts(view, at(59), at(60))).toBe(1);
    expect(log.at(-1)).toMatch(/^rebuild 1\|/);
    expect(text()).toBe('1\u202fmin\u00a000\u202fs');
    // The same text again (two ticks in one second): nothing written.
    expect(drawParts(view, at(60), at(60.4))).toBe(0);
    expect(log).toHaveLength(3);
  });
});

describe('TickRegistry', () => {
  it('draws an entry at once, holds one clock subscription for all, and lets go of it', () => {
    const clock = fakeClock(1_000_000);
    const registry = new TickRegistry(clock.source);
    const seen: number[][] = [[], [], []];
    const stops = seen.map((list) => registry.add({ render: (now) => list.push(now) }));
    expect(seen.map((l) => l.length)).toEqual([1, 1, 1]);
    expect(clock.subscriptions()).toBe(1);
    clock.tick(1000);
    clock.tick(1000);
    expect(seen.map((l) => l.at(-1))).toEqual([1_002_000, 1_002_000, 1_002_000]);
    stops[0]?.();
    clock.tick(1000);
    expect(seen.map((l) => l.length)).toEqual([3, 4, 4]);
    stops[1]?.();
    stops[2]?.();
    expect(clock.listening()).toBe(0);
    expect(registry.size).toBe(0);
    // A new entry subscribes again.
    registry.add({ render: () => undefined });
    expect(clock.subscriptions()).toBe(2);
  });

  it('ticks a tile once a second, each second in place, without the tile drawn again', () => {
    const clock = fakeClock(Date.parse('2026-12-02T10:00:00Z'));
    const registry = new TickRegistry(clock.source);
    const { view, log, text } = fakeView();
    const stop = registry.add(
      elapsedTicking(view, {
        sinceMs: clock.source.now() - 65_000,
        lowerBound: true,
        locale: 'en-GB',
      }),
    );
    expect(text()).toBe('≥ 1:05');
    for (let i = 0; i < 5; i++) clock.tick(1000);
    expect(text()).toBe('≥ 1:10');
    expect(log.filter((l) => l.startsWith('rebuild'))).toHaveLength(1);
    expect(log.filter((l) => l.startsWith('set 1 '))).toHaveLength(5);
    stop();
    clock.tick(1000);
    expect(text()).toBe('≥ 1:10');
  });
});
