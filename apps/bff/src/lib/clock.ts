// Injected time (STYLE 13): the poller, the snapshot builder and the trend read the clock from here.
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * Real timers, with the time read from `time`. For the services whose timers must keep running
 * when a test holds or shifts the app's clock (the SSE heartbeat, the history retention): their
 * time moves with the app's, their ticks do not wait on it.
 */
export const realTimersWith = (time: Clock): Clock => ({ ...systemClock, now: () => time.now() });

export const iso = (ms: number): string => new Date(ms).toISOString();
