// One ticking clock per interval for the whole page; components re-render on its ticks only.
import { useSyncExternalStore } from 'react';

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  handle: ReturnType<typeof setInterval> | null;
}

const tickers = new Map<number, Ticker>();
let shiftMs = 0;

/**
 * The board's "now": the browser's clock plus the BFF's snapshot config.clockShiftMs (the demo's
 * working day, issue 12 §8; 0 on a real account), so every time on the page agrees with the BFF's.
 */
export const boardNow = (): number => Date.now() + shiftMs;
const clock = boardNow;

/** Takes the board's clock shift from a snapshot; the tickers move at once when it changes. */
export function setClockShift(ms: number): void {
  if (!Number.isFinite(ms) || ms === shiftMs) return;
  shiftMs = ms;
  for (const t of tickers.values()) {
    t.now = clock();
    for (const l of t.listeners) l();
  }
}

function ticker(intervalMs: number): Ticker {
  let t = tickers.get(intervalMs);
  if (!t) {
    t = { now: clock(), listeners: new Set(), handle: null };
    tickers.set(intervalMs, t);
  }
  return t;
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  const t = ticker(intervalMs);
  t.listeners.add(listener);
  if (t.handle === null) {
    t.now = clock();
    t.handle = setInterval(() => {
      t.now = clock();
      for (const l of t.listeners) l();
    }, intervalMs);
  }
  return () => {
    t.listeners.delete(listener);
    if (t.listeners.size === 0 && t.handle !== null) {
      clearInterval(t.handle);
      t.handle = null;
    }
  };
}

/**
 * The shared clock outside React: `listener(now)` on each tick of `intervalMs` (and when the clock
 * shift moves), on the same timer as useNow, so text written here changes with the page's clock.
 */
export function onTick(intervalMs: number, listener: (now: number) => void): () => void {
  return subscribe(intervalMs, () => listener(ticker(intervalMs).now));
}

/** The shared clock's current reading for `intervalMs` (what useNow returns now). */
export const tickNow = (intervalMs: number): number => {
  const t = ticker(intervalMs);
  // Not ticking yet: read the clock, so a first write is not as old as the last subscriber.
  return t.handle === null ? clock() : t.now;
};

const subscribers = new Map<number, (l: () => void) => () => void>();
const snapshots = new Map<number, () => number>();

/** Milliseconds since the epoch, refreshed every `intervalMs` by a timer shared page-wide. */
export function useNow(intervalMs = 1000): number {
  let sub = subscribers.get(intervalMs);
  let snap = snapshots.get(intervalMs);
  if (!sub || !snap) {
    sub = (l) => subscribe(intervalMs, l);
    snap = () => ticker(intervalMs).now;
    subscribers.set(intervalMs, sub);
    snapshots.set(intervalMs, snap);
  }
  return useSyncExternalStore(sub, snap);
}

/**
 * A value derived from the shared clock (e.g. "is it stale yet?"): the component re-renders only
 * when the value changes, not on every tick. `select` should return a primitive.
 */
export function useNowSelect<T>(select: (now: number) => T, intervalMs = 1000): T {
  let sub = subscribers.get(intervalMs);
  if (!sub) {
    sub = (l) => subscribe(intervalMs, l);
    subscribers.set(intervalMs, sub);
  }
  return useSyncExternalStore(sub, () => select(ticker(intervalMs).now));
}
