// The simulated clock: simulated ms derived from an injectable real clock, a speed and a start instant.

export interface SimClock {
  /** Real time in ms (drives the speed and the 30 s audit of guide 3.2). */
  real(): number;
  /** Simulated time in ms. */
  sim(): number;
  readonly speed: number;
  /** Jumps the simulated clock forward (tests, /sim/advance). */
  skip(ms: number): void;
}

export function createClock(opts: {
  realNow: () => number;
  startAt: number;
  speed: number;
}): SimClock {
  const realStart = opts.realNow();
  let offset = 0;
  return {
    real: opts.realNow,
    sim: () => opts.startAt + offset + (opts.realNow() - realStart) * opts.speed,
    speed: opts.speed,
    skip(ms) {
      offset += Math.max(0, ms);
    },
  };
}
