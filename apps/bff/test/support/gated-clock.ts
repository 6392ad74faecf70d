// The system clock with a gate, for tests that must know no poll runs while they look.
import type { Clock } from '../../src/lib/clock';

interface Timer {
  real: ReturnType<typeof setTimeout> | null;
  fn: () => void;
}

/**
 * While closed, a due timer waits instead of running; `open()` runs the ones that waited. Only the
 * poller schedules through the clock, one timer per loop between its attempts, so `pending` counts
 * the loops that are not polling right now.
 */
export class GatedClock implements Clock {
  private closed = false;
  private readonly timers = new Set<Timer>();
  private readonly waiting: Timer[] = [];

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer: Timer = { real: null, fn };
    timer.real = setTimeout(() => {
      timer.real = null;
      if (this.closed) this.waiting.push(timer);
      else this.fire(timer);
    }, ms);
    timer.real.unref();
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const timer = handle as Timer;
    if (timer.real) clearTimeout(timer.real);
    this.timers.delete(timer);
    const i = this.waiting.indexOf(timer);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  /** Timers set and not yet run (still counting down, or due and held by the gate). */
  get pending(): number {
    return this.timers.size;
  }

  close(): void {
    this.closed = true;
  }

  open(): void {
    this.closed = false;
    for (const timer of this.waiting.splice(0)) this.fire(timer);
  }

  private fire(timer: Timer): void {
    this.timers.delete(timer);
    timer.fn();
  }
}
