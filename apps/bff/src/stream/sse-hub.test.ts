import { EventEmitter, once } from 'node:events';
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot, SnapshotPatch } from '@vigie/contract';
import { applyPatch } from '@vigie/contract/patch';
import { CLIENT_WATCHDOG_HEARTBEATS } from '@vigie/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import type { SnapshotSource } from '../upstream/source';
import { SnapshotStore } from '../snapshot/publisher';
import { SseHub, type SseHubOptions, type StreamOwner } from './sse-hub';

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

/** The heartbeat period the test store announces in its snapshots (config.heartbeatMs). */
const ANNOUNCED_MS = 1000;

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
      heartbeatMs: ANNOUNCED_MS,
      timeZone: 'Europe/Paris',
      clockShiftMs: 0,
    },
  });
}

/** A hub on a manual clock: no heartbeat runs unless the test moves time. */
function hubOn(s: SnapshotStore, more: Partial<SseHubOptions> = {}, startAt = 0) {
  const clock = new ManualClock();
  clock.t = startAt;
  const hub = new SseHub({ store: s, heartbeatMs: ANNOUNCED_MS, clock, ...more });
  return { hub, clock };
}

const alice = (session: { id: string; expiresAt: number }) => ({
  scope: null,
  owner: 'user:alice',
  limitKey: 'alice',
  address: 'a',
  session,
});

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
    const { hub } = hubOn(s, { maxBufferedBytes: 2000, onDrop: (r) => drops.push(r) });
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
    const { hub } = hubOn(s);
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
    const { hub } = hubOn(s);
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
    const { hub } = hubOn(s);
    const a = new StuckResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, p.snapshot.seq);
    expect(a.written).toEqual(['retry: 3000\n\n']);
    hub.close();
  });

  it('sends patches to a client that asked, full snapshots when it may not hold the base', () => {
    const s = store();
    const first = s.publish();
    const { hub } = hubOn(s);
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

  it('a patch client naming the latest snapshot it fetched gets patches onto it, no full snapshot', () => {
    const s = store();
    const p = s.publish();
    const { hub } = hubOn(s);
    const a = new StuckResponse();
    const base = { seq: p.snapshot.seq, takenAtMs: Date.parse(p.snapshot.takenAt) };
    hub.attach(fakeReq, a as unknown as ServerResponse, null, undefined, true, base);
    expect(a.written.join('')).not.toMatch(/event: snapshot/);
    s.publish();
    expect(a.written.at(-1)).toMatch(/^id: \d+\nevent: patch\n/);
    // Another instant under the same seq (a restarted BFF): a full snapshot first.
    const b = new StuckResponse();
    const latest = s.latest;
    if (!latest) throw new Error('no snapshot');
    const other = { seq: latest.snapshot.seq, takenAtMs: Date.parse(latest.snapshot.takenAt) - 1 };
    hub.attach(fakeReq, b as unknown as ServerResponse, null, undefined, true, other);
    expect(b.written.at(-1)).toBe(String(latest.frame));
    hub.close();
  });

  it('after a Last-Event-ID resume, the first snapshot is full even for a patch client', () => {
    const s = store();
    const p = s.publish();
    const { hub } = hubOn(s);
    const a = new StuckResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, p.snapshot.seq, undefined, true);
    const next = s.publish();
    expect(a.written.at(-1)).toBe(String(next.frame));
    s.publish();
    expect(a.written.at(-1)).toMatch(/event: patch/);
    hub.close();
  });
  it("refuses to start with a heartbeat longer than half the browser's watchdog (contract CLIENT_WATCHDOG_HEARTBEATS)", () => {
    const s = store();
    // The browser arms its watchdog from the announced period: CLIENT_WATCHDOG_HEARTBEATS × 1 s.
    const watchdogMs = CLIENT_WATCHDOG_HEARTBEATS * ANNOUNCED_MS;
    expect(() => hubOn(s, { heartbeatMs: watchdogMs / 2 + 1 })).toThrow(
      `SSE_HEARTBEAT_MS: the heartbeat (${watchdogMs / 2 + 1} ms) must be at most half the client watchdog (${watchdogMs} ms`,
    );
    expect(() => hubOn(s, { heartbeatMs: 60_000 })).toThrow(/at most half the client watchdog/);
    const { hub, clock } = hubOn(s, { heartbeatMs: watchdogMs / 2 });
    expect(clock.pending).toBe(1);
    hub.close();
  });

  it('sends a heartbeat every heartbeatMs, stamped with its clock, and stops on close', async () => {
    const s = store();
    const { hub, clock } = hubOn(s, {}, Date.parse('2026-03-10T08:00:00.000Z'));
    const a = new StuckResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, null);
    const beats = () => a.written.filter((w) => w.includes('event: heartbeat'));
    await clock.advance(ANNOUNCED_MS - 1);
    expect(beats()).toEqual([]);
    await clock.advance(1);
    await clock.advance(ANNOUNCED_MS);
    expect(beats()).toEqual([
      ': hb\nevent: heartbeat\ndata: 2026-03-10T08:00:01.000Z\n\n',
      ': hb\nevent: heartbeat\ndata: 2026-03-10T08:00:02.000Z\n\n',
    ]);
    hub.close();
    expect(clock.pending).toBe(0);
    await clock.advance(10 * ANNOUNCED_MS);
    expect(beats()).toHaveLength(2);
  });

  it("ends a person's stream on the first tick after its session expires or is signed out", async () => {
    const s = store();
    const ends: [string, number][] = [];
    const signedOut = new Set<string>();
    const { hub, clock } = hubOn(s, {
      onEnd: (reason, n) => ends.push([reason, n]),
      sessionLive: (id) => !signedOut.has(id),
    });
    const expiring = new StuckResponse();
    const leaving = new StuckResponse();
    const screen = new StuckResponse();
    const closed = (r: StuckResponse) => {
      let done = false;
      r.on('close', () => (done = true));
      return () => done;
    };
    const expired = closed(expiring);
    const left = closed(leaving);
    hub.attach(
      fakeReq,
      expiring as unknown as ServerResponse,
      null,
      alice({ id: 's1', expiresAt: 2500 }),
    );
    hub.attach(
      fakeReq,
      leaving as unknown as ServerResponse,
      null,
      alice({ id: 's2', expiresAt: 1e12 }),
    );
    hub.attach(fakeReq, screen as unknown as ServerResponse, null, {
      scope: null,
      owner: 'display:tv',
      limitKey: 'tv',
      address: 'b',
      display: true,
    });
    await clock.advance(2 * ANNOUNCED_MS); // t = 2000: both sessions live
    expect(hub.size).toBe(3);
    signedOut.add('s2');
    await clock.advance(ANNOUNCED_MS); // t = 3000: s1 expired at 2500, s2 signed out
    expect(expired()).toBe(true);
    expect(left()).toBe(true);
    expect(ends).toEqual([
      ['session-expired', 1],
      ['signed-out', 1],
    ]);
    expect(hub.size).toBe(1);
    await clock.advance(5 * ANNOUNCED_MS);
    expect(hub.size).toBe(1); // a screen has no session: its stream goes on
    hub.close();
  });
});

/** A response with a socket, to see which of the two the hub writes to. */
class SocketResponse extends EventEmitter {
  chunkedEncoding = true;
  written: string[] = [];
  /** Bytes the response holds itself (not handed to its socket yet). */
  own = 0;
  socket = { writableLength: 0, chunks: [] as Buffer[], write: (b: Buffer) => this.onSocket(b) };
  get writableLength() {
    return this.own + this.socket.writableLength;
  }
  writeHead() {
    return this;
  }
  write(b: Buffer | string) {
    this.written.push(String(b));
    return true;
  }
  end() {
    this.emit('close');
  }
  destroy() {
    this.emit('close');
  }
  private onSocket(b: Buffer) {
    this.socket.chunks.push(Buffer.from(b));
    return true;
  }
}

describe('SseHub writes', () => {
  it('writes to the socket one prebuilt HTTP chunk per event when nothing waits in the response', () => {
    const s = store();
    const { hub } = hubOn(s);
    const a = new SocketResponse();
    hub.attach(fakeReq, a as unknown as ServerResponse, null);
    const p = s.publish();
    hub.announce('settings', { kinds: ['board'] });
    expect(a.written).toEqual(['retry: 3000\n\n']);
    const [snapshot, settings] = a.socket.chunks;
    expect(a.socket.chunks).toHaveLength(2);
    expect(String(snapshot)).toBe(`${p.frame.length.toString(16)}\r\n${String(p.frame)}\r\n`);
    expect(String(settings)).toMatch(
      /^[0-9a-f]+\r\nevent: settings\ndata: \{"kinds":\["board"\]\}\n\n\r\n$/,
    );
    hub.close();
  });

  it('writes the raw event to the socket of a response that is not chunked (HTTP/1.0)', () => {
    const s = store();
    const { hub } = hubOn(s);
    const a = new SocketResponse();
    a.chunkedEncoding = false;
    hub.attach(fakeReq, a as unknown as ServerResponse, null);
    const p = s.publish();
    expect(a.socket.chunks.map(String)).toEqual([String(p.frame)]);
    hub.close();
  });

  it('keeps to res.write when the response still holds bytes of its own (they would be overtaken)', () => {
    const s = store();
    const { hub } = hubOn(s);
    const a = new SocketResponse();
    a.own = 100; // the response's buffer is not the socket's
    hub.attach(fakeReq, a as unknown as ServerResponse, null);
    const p = s.publish();
    expect(a.socket.chunks).toEqual([]);
    expect(a.written.at(-1)).toBe(String(p.frame));
    hub.close();
  });
});

/** A real node:http server handing every request to the hub, and clients reading its streams. */
describe('SseHub over real sockets', () => {
  let server: Server | null = null;
  afterEach(async () => {
    resWrites.length = 0;
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    server = null;
  });

  const lead: StreamOwner = { scope: [1], owner: 'user:lead', limitKey: 'lead', address: 'a' };
  const screen = { scope: null, owner: 'display:tv', limitKey: 'tv', address: 'a', display: true };

  /** How many times each response's own `write` was called. */
  const resWrites: number[] = [];
  async function serve(
    hub: SseHub,
    who: (path: string) => { patch: boolean; owner?: StreamOwner },
  ) {
    server = createServer((req, res) => {
      const w = who(req.url ?? '/');
      const i = resWrites.push(0) - 1;
      const write = res.write.bind(res) as (b: Buffer) => boolean;
      res.write = ((b: Buffer) => {
        resWrites[i] = (resWrites[i] ?? 0) + 1;
        return write(b);
      }) as typeof res.write;
      hub.attach(req, res, null, w.owner, w.patch);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  interface Reader {
    body: () => string;
    ended: Promise<void>;
    res: IncomingMessage;
  }
  function open(url: string): Promise<Reader> {
    return new Promise((ok, ko) => {
      const req = request(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        const ended = new Promise<void>((done, fail) => {
          res.on('end', done);
          res.on('error', fail);
        });
        ended.catch(() => undefined);
        ok({ body: () => body, ended, res });
      });
      req.on('error', ko);
      req.end();
    });
  }
  const until = async (ok: () => boolean, what: string) => {
    const end = Date.now() + 5000;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };

  it('delivers every event, in order, to every client of every view; the stream ends cleanly', async () => {
    const s = store();
    const { hub } = hubOn(s);
    s.publish();
    const views: Record<string, { patch: boolean; owner?: StreamOwner }> = {
      '/all': { patch: false },
      '/patch': { patch: true },
      '/lead': { patch: false, owner: lead },
      '/lead-patch': { patch: true, owner: lead },
      '/screen': { patch: true, owner: screen },
    };
    const url = await serve(hub, (path) => views[path] ?? { patch: false });
    const readers = await Promise.all(
      Object.keys(views).flatMap((path) => Array.from({ length: 8 }, () => open(url + path))),
    );
    await until(
      () => hub.size === 40 && readers.every((r) => r.body().includes('event: snapshot')),
      'first snapshots',
    );
    const published = [s.latest!];
    for (let i = 0; i < 5; i++) {
      published.push(s.publish());
      if (i === 2) hub.announce('settings', { kinds: ['ticker'] });
    }
    const expected = (path: string): string => {
      const { patch, owner } = views[path]!;
      const scope = owner?.scope ?? null;
      const display = owner?.display ?? false;
      let out = `retry: 3000\n\n${String(hub.scoped.bytesFor(published[0]!, scope, display).frame)}`;
      for (let i = 1; i < published.length; i++) {
        out += patch
          ? String(hub.scoped.patchFor(published[i - 1]!, published[i]!, scope, display))
          : String(hub.scoped.bytesFor(published[i]!, scope, display).frame);
        if (i === 3) out += 'event: settings\ndata: {"kinds":["ticker"]}\n\n';
      }
      return out;
    };
    // Frames are cached per view for the latest seqs only: read them before the prune moves on.
    const want = Object.fromEntries(Object.keys(views).map((p) => [p, expected(p)]));
    const paths = Object.keys(views).flatMap((path) => Array.from({ length: 8 }, () => path));
    await until(
      () => readers.every((r, i) => r.body().length >= want[paths[i]!]!.length),
      'every event',
    );
    readers.forEach((r, i) => expect(r.body()).toBe(want[paths[i]!]));
    expect(want['/screen']).toMatch(/"instanceId":"board"/);
    // Only the `retry:` line went through res.write: every event was one direct socket write.
    expect(resWrites).toEqual(readers.map(() => 1));
    hub.close();
    // A chunked stream's clean end: the client sees `end`, not a parse error.
    await Promise.all(readers.map((r) => r.ended));
  });

  it('drops a client that stops reading once its socket holds more than the bound; the others get everything', async () => {
    const s = store();
    const drops: string[] = [];
    const { hub } = hubOn(s, { maxBufferedBytes: 256 * 1024, onDrop: (r) => drops.push(r) });
    const url = await serve(hub, () => ({ patch: false }));
    const reader = await open(url);
    const stuck = await open(url);
    stuck.res.pause();
    await until(() => hub.size === 2, 'two clients');
    const big = 'x'.repeat(512 * 1024);
    let sent = 0;
    // The kernel takes a few MB before the socket's own buffer grows: keep going until the drop.
    while (drops.length === 0 && sent < 400) {
      hub.announce('bulk', { n: sent, big });
      sent++;
      await new Promise((r) => setImmediate(r));
    }
    expect(drops).toEqual(['slow-client']);
    expect(hub.size).toBe(1);
    await until(
      () => (reader.body().match(/event: bulk/g) ?? []).length === sent,
      'every bulk event',
    );
    const ns = [...reader.body().matchAll(/"n":(\d+)/g)].map((m) => Number(m[1]));
    expect(ns).toEqual(Array.from({ length: sent }, (_, i) => i));
    hub.close();
  });
});
