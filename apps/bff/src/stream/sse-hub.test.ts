import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Snapshot, SnapshotPatch } from '@vigie/contract';
import { applyPatch } from '@vigie/contract/patch';
import { describe, expect, it } from 'vitest';
import type { SnapshotSource } from '../upstream/source';
import { SnapshotStore } from '../snapshot/publisher';
import { SseHub } from './sse-hub';

/** A response whose socket never drains: writableLength only grows. */
class StuckResponse extends EventEmitter {
  writableLength = 0;
  written: string[] = [];
  destroyed = false;
  writeHead() {
    return this;
  }
  write(b: Buffer | string) {
    this.written.push(String(b));
    this.writableLength += Buffer.byteLength(b);
    return true;
  }
  end() {
    this.emit('close');
  }
  destroy() {
    this.destroyed = true;
    this.emit('close');
  }
}

const fakeReq = { socket: { setNoDelay() {}, setKeepAlive() {} } } as unknown as IncomingMessage;

function store() {
  const listeners: ((e: never) => void)[] = [];
  const source = {
    health: {
      operators: {
        lastAttemptAt: null,
        lastSuccessAt: null,
        error: null,
        unauthorized: false,
        pollMs: 1,
      },
      groups: {
        lastAttemptAt: null,
        lastSuccessAt: null,
        error: null,
        unauthorized: false,
        pollMs: 1,
      },
      directory: {
        lastAttemptAt: null,
        lastSuccessAt: null,
        error: null,
        unauthorized: false,
        pollMs: 1,
      },
    },
    directory: { operators: new Map(), groups: new Map() },
    onEvent: (l: (e: never) => void) => listeners.push(l),
    requestDirectoryRefresh() {},
    start() {},
    stop: async () => {},
  } as unknown as SnapshotSource;
  return new SnapshotStore({
    source,
    clock: { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} },
    buildId: 'b',
    demo: false,
    config: {
      serviceLevel: { answeredWithinSeconds: 45, abandonedWithinSeconds: 5 },
      thresholds: {
        longestWaitSeconds: { warning: 1, critical: 2 },
        serviceLevelPercent: { warning: 1, critical: 2 },
        answeredPercent: { warning: 1, critical: 2 },
        waiting: { warning: 1, critical: 2 },
      },
      heartbeatMs: 1000,
    },
  });
}

describe('SseHub', () => {
  it('refuses a snapshot from the cluster that is not of this contract, and serves one that is', () => {
    const s = store();
    const good = s.publish();
    const other = store();
    expect(other.accept(7, '{"seq":7,"operators":"an older shape"}')).toBeNull();
    expect(other.accept(8, 'not json')).toBeNull();
    expect(other.latest).toBeNull();
    const p = other.accept(9, good.json);
    expect(p?.eventId).toBe(9);
    expect(other.latest?.snapshot).toEqual(good.snapshot);
  });

  it('drops a client whose unsent bytes pass the bound, and counts it', () => {
    const s = store();
    const drops: string[] = [];
    const hub = new SseHub({
      store: s,
      heartbeatMs: 60_000,
      maxBufferedBytes: 2000,
      onDrop: (r) => drops.push(r),
    });
    const stuck = new StuckResponse();
    hub.attach(fakeReq, stuck as unknown as ServerResponse, null);
    for (let i = 0; i < 20 && !stuck.destroyed; i++) s.publish();
    expect(stuck.destroyed).toBe(true);
    expect(drops).toEqual(['slow-client']);
    expect(hub.size).toBe(0);
    hub.close();
  });

  it('writes one and the same buffer to every client', () => {
    const s = store();
    const hub = new SseHub({ store: s, heartbeatMs: 60_000 });
    const a = new StuckResponse();
    const b = new StuckResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, null);
    hub.attach(fakeReq, b as unknown as ServerResponse, null);
    const p = s.publish();
    expect(a.written.at(-1)).toBe(String(p.frame));
    expect(b.written.at(-1)).toBe(String(p.frame));
    hub.close();
  });

  it("serialises a screen's neutral view once per seq: every screen gets the same buffer, without the instance id", () => {
    const s = store();
    const hub = new SseHub({ store: s, heartbeatMs: 60_000 });
    const screen = {
      scope: null,
      owner: 'display:tv',
      limitKey: 'tv',
      address: 'a',
      display: true,
    };
    const a = new StuckResponse();
    const b = new StuckResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, null, screen);
    hub.attach(fakeReq, b as unknown as ServerResponse, null, { ...screen, address: 'b' });
    const p = s.publish();
    const shown = hub.scoped.bytesFor(p, null, true);
    expect(hub.scoped.bytesFor(p, null, true)).toBe(shown);
    expect(a.written.at(-1)).toBe(String(shown.frame));
    expect(b.written.at(-1)).toBe(String(shown.frame));
    expect((JSON.parse(shown.json) as Snapshot).cluster.instanceId).toBe('board');
    hub.close();
  });

  it('skips the current snapshot for a client that already has its seq', () => {
    const s = store();
    const p = s.publish();
    const hub = new SseHub({ store: s, heartbeatMs: 60_000 });
    const a = new StuckResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, p.snapshot.seq);
    expect(a.written).toEqual(['retry: 3000\n\n']);
    hub.close();
  });

  it('sends patches to a client that asked, full snapshots when it may not hold the base', () => {
    const s = store();
    const first = s.publish();
    const hub = new SseHub({ store: s, heartbeatMs: 60_000 });
    const full = new StuckResponse();
    const a = new StuckResponse();
    const b = new StuckResponse();
    hub.attach(fakeReq, full as unknown as ServerResponse, null);
    hub.attach(fakeReq, a as unknown as ServerResponse, null, undefined, true);
    hub.attach(fakeReq, b as unknown as ServerResponse, null, undefined, true);
    expect(a.written.at(-1)).toBe(String(first.frame));
    const second = s.publish();
    expect(full.written.at(-1)).toBe(String(second.frame));
    const frame = a.written.at(-1) ?? '';
    expect(frame).toMatch(new RegExp(`^id: ${second.snapshot.seq}\nevent: patch\ndata: `));
    expect(b.written.at(-1)).toBe(frame);
    // Serialised once per scope and seq: asked again, the same buffer.
    expect(hub.scoped.patchFor(first, second, null)).toBe(hub.scoped.patchFor(first, second, null));
    const patch = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as SnapshotPatch;
    expect(applyPatch(first.snapshot, patch)).toStrictEqual(JSON.parse(second.json) as Snapshot);
    // A stale re-mark (same seq, no id) goes in full, and so does the snapshot after it.
    const stale = s.replace({ ...second.snapshot, demo: true });
    expect(a.written.at(-1)).toBe(String(stale.frame));
    const third = s.publish();
    expect(a.written.at(-1)).toBe(String(third.frame));
    const fourth = s.publish();
    expect(a.written.at(-1)).toMatch(/^id: \d+\nevent: patch\n/);
    expect(full.written.at(-1)).toBe(String(fourth.frame));
    hub.close();
  });

  it('after a Last-Event-ID resume, the first snapshot is full even for a patch client', () => {
    const s = store();
    const p = s.publish();
    const hub = new SseHub({ store: s, heartbeatMs: 60_000 });
    const a = new StuckResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, p.snapshot.seq, undefined, true);
    const next = s.publish();
    expect(a.written.at(-1)).toBe(String(next.frame));
    s.publish();
    expect(a.written.at(-1)).toMatch(/event: patch/);
    hub.close();
  });
});
