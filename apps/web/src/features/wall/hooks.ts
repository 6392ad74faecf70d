// The wall's timers: page rotation, burn-in shift, alert sound, and the size unit of the board.
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

/** What the wall's sound does now: shown in its header (issue 12.3). */
type SoundState = 'off' | 'on' | 'muted' | 'blocked';

export interface AlertSound {
  state: SoundState;
  /** Beeps played since the wall opened (the indicator shows it to tests, not to people). */
  beeps: number;
  /** Mutes until the next new alert; unmutes; or, when the browser blocks audio, asks for it. */
  toggle: () => void;
}

function beep(ac: AudioContext): void {
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
}

/**
 * A short WebAudio beep whenever a key appears that was not there before (a new alert, or one
 * turning critical; one beep when several come at once; no audio file to fetch). A mute lasts
 * until the next new key: the first alert after it beeps again.
 */
export function useAlertSound(enabled: boolean, keys: readonly string[]): AlertSound {
  const previous = useRef<Set<string> | null>(null);
  const ctx = useRef<AudioContext | null>(null);
  const [muted, setMuted] = useState(false);
  const [beeps, setBeeps] = useState(0);
  const [audio, setAudio] = useState<AudioContextState | 'none'>('none');

  // The context is made up front, so the header can say when the browser refuses to play.
  useEffect(() => {
    if (!enabled) return;
    let ac: AudioContext;
    try {
      ac = new AudioContext();
    } catch {
      // No WebAudio here: the header says "blocked" (the state never turns running).
      return;
    }
    ctx.current = ac;
    const onChange = () => setAudio(ac.state);
    ac.addEventListener('statechange', onChange);
    void ac.resume().catch(() => undefined);
    onChange();
    return () => {
      ac.removeEventListener('statechange', onChange);
      ctx.current = null;
      void ac.close().catch(() => undefined);
    };
  }, [enabled]);

  useEffect(() => {
    const now = new Set(keys);
    // The alerts already there when the wall opens are not news.
    const fresh = previous.current !== null && [...now].some((k) => !previous.current!.has(k));
    previous.current = now;
    if (!enabled || !fresh) return;
    setMuted(false);
    setBeeps((n) => n + 1);
    const ac = ctx.current;
    if (!ac) return;
    try {
      void ac.resume().catch(() => undefined);
      beep(ac);
    } catch {
      // No audio device: the visual alert stands alone.
    }
  }, [enabled, keys]);

  const toggle = useCallback(() => {
    const ac = ctx.current;
    if (ac && ac.state !== 'running' && !muted) {
      void ac.resume().catch(() => undefined);
      return;
    }
    setMuted((m) => !m);
  }, [muted]);

  const state: SoundState = !enabled
    ? 'off'
    : muted
      ? 'muted'
      : audio === 'running'
        ? 'on'
        : 'blocked';
  return { state, beeps, toggle };
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
