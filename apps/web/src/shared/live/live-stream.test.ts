import type { Snapshot, SnapshotOperator } from '@vigie/contract';
import { diffSnapshot } from '@vigie/contract/patch';
import { describe, expect, it } from 'vitest';
import {
  LiveStream,
  type EventSourceLike,
  type ConnectionState,
  type LiveStreamOptions,
} from './live-stream';

class FakeSource implements EventSourceLike {
  onopen: EventSourceLike['onopen'] = null;
  onerror: EventSourceLike['onerror'] = null;
  onmessage: EventSourceLike['onmessage'] = null;
  closed = false;
  url = '';
  readonly listeners = new Map<string, (ev: MessageEvent) => void>();
  addEventListener(type: string, l: (ev: MessageEvent) => void) {
    this.listeners.set(type, l);
  }
  close() {
    this.closed = true;
  }
  open() {
    (this.onopen as unknown as (e: Event) => void)?.(new Event('open'));
  }
  error() {
    (this.onerror as unknown as (e: Event) => void)?.(new Event('error'));
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data: JSON.stringify(data) } as MessageEvent);
  }
}

/** Timers driven by hand: `advance(ms)` fires what is due. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      const id = next++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (h: unknown) => void due.delete(h as number),
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!first || first[1].at > until) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].fn();
      }
      now = until;
    },
  };
}

const snap = (over: Partial<Snapshot> = {}): Snapshot =>
  ({
    seq: 1,
    takenAt: '2026-03-02T09:00:00.000Z',
    buildId: 'b1',
    demo: true,
    upstream: {
      status: 'ok',
      lastSuccessAt: null,
      error: null,
      sources: {
        operators: { lastSuccessAt: null, ageSeconds: null, pollMs: 1000 },
        groups: { lastSuccessAt: null, ageSeconds: null, pollMs: 1000 },
      },
    },
    config: { heartbeatMs: 2000 },
    operators: [],
    groups: [],
    ...over,
  }) as unknown as Snapshot;

function setup(extra: Partial<LiveStreamOptions> = {}) {
  const sources: FakeSource[] = [];
  const timers = fakeTimers();
  const received: Snapshot[] = [];
  const states: ConnectionState[] = [];
  const builds: string[] = [];
  const errors: number[] = [];
  const stream = new LiveStream({
    url: '/api/stream',
    onSnapshot: (s) => received.push(s),
    createEventSource: (url) => {
      const s = new FakeSource();
      s.url = url;
      sources.push(s);
      return s;
    },
    timers,
    random: () => 0.5,
    onNewBuild: (b) => builds.push(b),
    onError: () => errors.push(sources.length),
    now: timers.now,
    ...extra,
  });
  stream.subscribe((s) => states.push(s));
  stream.start();
  const last = () => sources[sources.length - 1] as FakeSource;
  return { stream, sources, timers, received, states, builds, errors, last };
}

describe('LiveStream', () => {
  it('goes live on open, hands snapshots over, and emits a state only when it changes', () => {
    const t = setup();
    t.last().open();
    t.last().open();
    t.last().emit('snapshot', snap());
    expect(t.states).toEqual(['live']);
    expect(t.received.map((s) => s.seq)).toEqual([1]);
  });

  it('keeps the last good snapshot when a message is garbled', () => {
    const t = setup();
    t.last().open();
    t.last().emit('snapshot', snap());
    t.last().listeners.get('snapshot')?.({ data: '{not json' } as MessageEvent);
    t.last().emit('snapshot', { seq: 2 });
    expect(t.received).toHaveLength(1);
  });

  it('reconnects with backoff after an error, for ever', () => {
    const t = setup();
    for (let i = 0; i < 40; i++) {
      t.last().error();
      expect(t.stream.state).toBe('reconnecting');
      t.timers.advance(30_000);
    }
    expect(t.sources.length).toBe(41);
    expect(t.sources.slice(0, -1).every((s) => s.closed)).toBe(true);
    t.last().open();
    expect(t.stream.state).toBe('live');
  });

  it('reconnects when nothing arrives for two heartbeats plus a poll, or two heartbeats once heartbeat events are seen', () => {
    const t = setup();
    t.last().open();
    t.last().emit('snapshot', snap());
    t.timers.advance(4_999);
    expect(t.sources).toHaveLength(1);
    t.timers.advance(1);
    expect(t.stream.state).toBe('reconnecting');
    t.timers.advance(750); // first backoff: 1 s / 2 + random 0.5 × 1 s / 2
    expect(t.sources).toHaveLength(2);
    t.last().open();
    t.last().emit('snapshot', snap({ seq: 2, takenAt: '2026-03-02T09:00:05.000Z' }));
    t.last().emit('heartbeat', 'x');
    t.timers.advance(3_999);
    expect(t.sources).toHaveLength(2);
    t.timers.advance(1);
    expect(t.stream.state).toBe('reconnecting');
  });

  it('asks for a reload once when the BFF serves another build', () => {
    const t = setup();
    t.last().open();
    t.last().emit('snapshot', snap());
    t.last().emit('snapshot', snap({ seq: 2, buildId: 'b2', takenAt: '2026-03-02T09:00:01.000Z' }));
    t.last().emit('snapshot', snap({ seq: 3, buildId: 'b2', takenAt: '2026-03-02T09:00:02.000Z' }));
    expect(t.builds).toEqual(['b2']);
  });

  it('accepts a restarted BFF whose seq starts again from 1', () => {
    const t = setup();
    t.last().open();
    t.last().emit('snapshot', snap({ seq: 50 }));
    t.last().error();
    t.timers.advance(750);
    t.last().open();
    t.last().emit('snapshot', snap({ seq: 1, takenAt: '2026-03-02T09:01:00.000Z' }));
    expect(t.received.map((s) => s.seq)).toEqual([50, 1]);
  });

  it('stops for good on stop()', () => {
    const t = setup();
    t.last().error();
    t.stream.stop();
    t.timers.advance(60_000);
    expect(t.sources).toHaveLength(1);
  });

  it('tells its owner of each transport error, who may stop it before the next attempt', () => {
    const t = setup();
    t.last().error();
    expect(t.errors).toEqual([1]);
    // The owner found the session gone (401) and stopped the stream: no reconnect follows.
    t.stream.stop();
    t.timers.advance(60_000);
    expect(t.sources).toHaveLength(1);
    // Signed in again: the stream starts afresh.
    t.stream.start();
    expect(t.sources).toHaveLength(2);
  });

  describe('probing /healthz while the BFF is away (issue 12.1)', () => {
    /** Lets the probe's promise settle (microtasks only; the fake clock does not move). */
    const settle = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    /** Moves the fake clock by `ms` in 100 ms steps, letting probes answer at each. */
    const run = async (t: ReturnType<typeof setup>, ms: number) => {
      for (let done = 0; done < ms; done += 100) {
        t.timers.advance(100);
        await settle();
      }
    };

    it('asks the probe, not the stream, until the BFF answers, then opens at once', async () => {
      const probe = { up: false, calls: [] as number[] };
      const t = setup({
        probe: async () => {
          probe.calls.push(t.timers.now());
          return probe.up;
        },
      });
      t.last().open();
      t.last().error();
      await run(t, 60_000);
      expect(t.sources).toHaveLength(1); // no stream opened while the probe says no
      expect(probe.calls.length).toBeGreaterThanOrEqual(20);
      const gaps = probe.calls.slice(1).map((at, i) => at - (probe.calls[i] as number));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(3_000);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1_000); // equal jitter: at least half the ceiling
      probe.up = true;
      await run(t, 3_000);
      expect(t.sources).toHaveLength(2);
      t.last().open();
      expect(t.stream.state).toBe('live');
    });

    it('is back within 3 s of the BFF answering during the first 2 min, and probes at most every 30 s after', async () => {
      let up = false;
      const calls: number[] = [];
      const t = setup({
        random: () => 0.999,
        probe: async () => {
          calls.push(t.timers.now());
          return up;
        },
      });
      t.last().open();
      t.last().error();
      const outageStart = t.timers.now();
      // Young outage: the BFF comes back at an arbitrary instant; the stream reopens within 3 s.
      await run(t, 70_100);
      up = true;
      const upAt = t.timers.now();
      for (let i = 0; i < 40 && t.sources.length < 2; i++) await run(t, 100);
      expect(t.sources).toHaveLength(2);
      expect(t.timers.now() - upAt).toBeLessThanOrEqual(3_000);
      // It fails again and stays away for 10 min: the outage counts from the last time it was live.
      t.last().error(); // never opened: still the same outage
      up = false;
      calls.length = 0;
      await run(t, 600_000);
      const late = calls.filter((at) => at - outageStart > 150_000);
      const gaps = late.slice(1).map((at, i) => at - (late[i] as number));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
      expect(Math.max(...gaps)).toBeGreaterThan(3_000); // gentler than the young outage's 3 s
    });

    it('a probe that throws counts as down, and one answering after stop() opens nothing', async () => {
      let release: (ok: boolean) => void = () => undefined;
      let mode: 'throw' | 'hold' = 'throw';
      const t = setup({
        probe: () =>
          mode === 'throw'
            ? Promise.reject(new Error('network'))
            : new Promise<boolean>((r) => (release = r)),
      });
      t.last().error();
      await run(t, 3_000);
      expect(t.sources).toHaveLength(1);
      expect(t.stream.state).toBe('reconnecting');
      mode = 'hold';
      await run(t, 3_000);
      t.stream.stop();
      release(true);
      await run(t, 60_000);
      expect(t.sources).toHaveLength(1);
    });
  });

  describe('patch events', () => {
    const op = (id: number, state: SnapshotOperator['state'] = 'available'): SnapshotOperator => ({
      id,
      name: `Op ${id}`,
      state,
      breakName: null,
      stateSince: '2026-03-02T08:00:00.000Z',
      stateSincePrecision: 'poll',
      loggedInSince: null,
      groups: [1],
    });
    const s1 = snap({ seq: 1, operators: [op(1), op(2), op(3)] });
    const s2 = snap({
      seq: 2,
      takenAt: '2026-03-02T09:00:01.000Z',
      operators: [op(1), op(2, 'connected'), op(4)],
    });

    it('applies a patch onto the snapshot shown, keeping unchanged operators as they were', () => {
      const t = setup();
      t.last().open();
      t.last().emit('snapshot', s1);
      t.last().emit('patch', diffSnapshot(s1, s2));
      expect(t.received).toHaveLength(2);
      const [before, after] = t.received as [Snapshot, Snapshot];
      expect(after).toStrictEqual(JSON.parse(JSON.stringify(s2)));
      expect(after.operators[0]).toBe(before.operators[0]); // same object: memoised row kept
      expect(after.operators[1]).not.toBe(before.operators[1]);
      // Left out of the patch as unchanged: the thresholds and queues are the same objects.
      expect(after.config).toBe(before.config);
      expect(after.groups).toBe(before.groups);
      expect(t.sources).toHaveLength(1);
    });

    it('primed with the snapshot fetched as JSON, opens the stream at its seq and patches onto it', async () => {
      const t = setup({ prime: () => Promise.resolve(JSON.stringify(s1)) });
      expect(t.sources).toHaveLength(0); // the stream waits for the prime
      await Promise.resolve();
      await Promise.resolve();
      expect(t.received.map((s) => s.seq)).toEqual([1]);
      expect(t.last().url).toBe(`/api/stream?base=1-${Date.parse(s1.takenAt)}`);
      expect(t.stream.state).toBe('connecting'); // a fetched snapshot is no live stream yet
      t.last().open();
      t.last().emit('patch', diffSnapshot(s1, s2));
      expect(t.received.map((s) => s.seq)).toEqual([1, 2]);
      expect(t.received[1]).toStrictEqual(JSON.parse(JSON.stringify(s2)));
      // A later stream (after an error) starts full again: its seq may be another BFF's.
      t.last().error();
      for (let i = 0; i < 300 && t.sources.length < 2; i++) t.timers.advance(100);
      expect(t.last().url).toBe('/api/stream');
    });

    it('a prime that fails or has no snapshot yet opens the stream with its full snapshot', async () => {
      for (const prime of [() => Promise.reject(new Error('down')), () => Promise.resolve(null)]) {
        const t = setup({ prime });
        await Promise.resolve();
        await Promise.resolve();
        expect(t.received).toEqual([]);
        expect(t.last().url).toBe('/api/stream');
      }
    });

    it('on a patch for another base, keeps the board and reopens at once without Last-Event-ID', () => {
      const t = setup();
      t.last().open();
      t.last().emit('snapshot', s1);
      const s3 = snap({ ...s2, seq: 3, takenAt: '2026-03-02T09:00:02.000Z' });
      t.last().emit('patch', diffSnapshot(s2, s3)); // base 2, board at 1
      expect(t.received.map((s) => s.seq)).toEqual([1]);
      expect(t.sources).toHaveLength(2);
      expect(t.sources[0]?.closed).toBe(true);
      expect(t.last().url).toBe('/api/stream');
      expect(t.stream.state).toBe('live');
      // A second misfit before any full snapshot waits for the backoff (no tight loop).
      t.last().listeners.get('patch')?.({ data: '{"baseSeq":1}' } as MessageEvent);
      expect(t.stream.state).toBe('reconnecting');
      expect(t.sources).toHaveLength(2);
      for (let i = 0; i < 300 && t.sources.length < 3; i++) t.timers.advance(100);
      expect(t.sources).toHaveLength(3);
      t.last().open();
      t.last().emit('snapshot', s3);
      expect(t.received.map((s) => s.seq)).toEqual([1, 3]);
      // Full snapshot in: the next misfit reopens at once again.
      t.last().emit('patch', diffSnapshot(s1, s2));
      expect(t.sources).toHaveLength(4);
      expect(t.received.at(-1)?.seq).toBe(3);
    });

    it('a patch before any snapshot, or one naming an unknown operator, reopens the stream', () => {
      const t = setup();
      t.last().open();
      t.last().emit('patch', diffSnapshot(s1, s2));
      expect(t.sources).toHaveLength(2);
      t.last().open();
      t.last().emit('snapshot', s1);
      const bad = diffSnapshot(s1, s2);
      t.last().emit('patch', { ...bad, operators: { upsert: [], remove: [], order: [1, 9] } });
      expect(t.sources).toHaveLength(3);
      expect(t.received.map((s) => s.seq)).toEqual([1]);
    });
  });
});
