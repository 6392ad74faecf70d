// Full-jitter exponential backoff (STYLE 7), shared by the poller, the webhook and Redis reconnects.

export interface JitterInput {
  /** The first ceiling, doubled `exponent` times. */
  baseMs: number;
  exponent: number;
  /** Never more than this ceiling. */
  capMs?: number;
  /** Never less than this, whatever the draw: a fault must never mean hammering. */
  floorMs: number;
  random: () => number;
}

/** Anywhere between the floor and the doubled (capped) ceiling. */
export function fullJitter(o: JitterInput): number {
  const ceiling = Math.min(o.capMs ?? Infinity, o.baseMs * 2 ** o.exponent);
  return Math.max(o.floorMs, Math.round(o.random() * ceiling));
}
