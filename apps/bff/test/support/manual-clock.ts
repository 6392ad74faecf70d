// A clock whose time moves only when the test says so: unit tests of timers, without real waits.
import type { Clock } from '../../src/lib/clock';

interface Timer {
  at: number;
  fn: () => void;
  id: number;
}

/** Settles the promise chains a fired timer started (a few microtask turns). */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

export class ManualClock implements Clock {
  t = 0;
  private timers: Timer[] = [];
  private next = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };

  /** Timers set and not yet run nor cleared. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, running each timer that falls due, in order, at its own time. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.t = due.at;
      due.fn();
      await flush();
    }
    this.t = end;
  }
}
