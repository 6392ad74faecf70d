// The wall's timers: page rotation, burn-in shift, breach beep, and the size unit of the board.
import { useCallback, useEffect, useRef, useState } from 'react';

/** Cycles 0..pages-1 every `seconds` (one timer for the board); 0 seconds = stay on page 0. */
export function useRotation(pages: number, seconds: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pages <= 1 || seconds <= 0) return;
    const h = setInterval(() => setTick((t) => t + 1), seconds * 1000);
    return () => clearInterval(h);
  }, [pages, seconds]);
  return pages <= 1 || seconds <= 0 ? 0 : tick % pages;
}

/** A small offset that moves every few minutes, so static pixels do not burn into the panel. */
const SHIFT_STEPS: readonly (readonly [number, number])[] = [
  [0, 0],
  [3, 2],
  [-2, 3],
  [-3, -2],
  [2, -3],
  [4, 0],
  [0, 4],
  [-4, 0],
  [0, -4],
];

export function useBurnInShift(enabled: boolean, everyMs = 3 * 60_000): readonly [number, number] {
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const h = setInterval(() => setStep((s) => (s + 1) % SHIFT_STEPS.length), everyMs);
    return () => clearInterval(h);
  }, [enabled, everyMs]);
  return enabled ? (SHIFT_STEPS[step] ?? [0, 0]) : [0, 0];
}

/**
 * A short WebAudio beep whenever a key appears that was not there before: a group entering breach,
 * a new alert raised (no audio file to fetch; one beep when both happen at once).
 */
export function useBreachBeep(enabled: boolean, breached: readonly (number | string)[]): void {
  const previous = useRef<Set<number | string>>(new Set());
  const ctx = useRef<AudioContext | null>(null);
  useEffect(() => {
    const now = new Set(breached);
    const fresh = [...now].some((id) => !previous.current.has(id));
    previous.current = now;
    if (!enabled || !fresh) return;
    try {
      ctx.current ??= new AudioContext();
      const ac = ctx.current;
      void ac.resume();
      for (const [i, freq] of [880, 660].entries()) {
        const osc = ac.createOscillator();
        const gain = ac.createGain();
        const at = ac.currentTime + i * 0.22;
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
        osc.connect(gain).connect(ac.destination);
        osc.start(at);
        osc.stop(at + 0.21);
      }
    } catch {
      // No audio device or autoplay refused: the visual alert stands alone.
    }
  }, [enabled, breached]);
}

/** 1/100 of the largest 16:9 frame that fits the window, in px; the board is sized in it. */
export function useBoardUnit(): number {
  const [unit, setUnit] = useState(computeUnit);
  useEffect(() => {
    const onResize = () => setUnit(computeUnit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return unit;
}

/** The board unit on a 1920×1080 screen, px: the legible minimums are given there. */
export const BOARD_UNIT_1080 = 19.2;

function computeUnit(): number {
  return Math.min(window.innerWidth, (window.innerHeight * 16) / 9) / 100;
}

/** The content box of an element, kept up to date. */
export function useElementSize<T extends HTMLElement>(): [
  (el: T | null) => void,
  { width: number; height: number },
] {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((s) =>
        Math.abs(s.width - width) < 1 && Math.abs(s.height - height) < 1 ? s : { width, height },
      );
    });
    ro.observe(el);
    observer.current = ro;
  }, []);
  return [ref, size];
}

/**
 * An element's height for each value its `data-<key>` has had, as last laid out, and the value on
 * screen now: what one mode of drawing takes, remembered while another is shown.
 */
export function useHeightByMode<T extends HTMLElement>(
  key: string,
): [(el: T | null) => void, { heights: Partial<Record<string, number>>; shown: string | null }] {
  const [state, setState] = useState<{
    heights: Partial<Record<string, number>>;
    shown: string | null;
  }>({ heights: {}, shown: null });
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      const ro = new ResizeObserver(([entry]) => {
        if (!entry) return;
        const mode = el.dataset[key] ?? '';
        const height = entry.contentRect.height;
        setState((s) =>
          s.shown === mode && Math.abs((s.heights[mode] ?? -10) - height) < 1
            ? s
            : { heights: { ...s.heights, [mode]: height }, shown: mode },
        );
      });
      ro.observe(el);
      observer.current = ro;
    },
    [key],
  );
  return [ref, state];
}
