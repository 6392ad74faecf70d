// Server-Sent Events as a protocol (STYLE 6): subscribe, send the current snapshot, then each new one.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CLIENT_WATCHDOG_HEARTBEATS } from '@vigie/contract';
import { systemClock, type Clock } from '../lib/clock';
import { SSE_DROP_REASONS, type SseDropReason } from '../lib/errors';
import { ScopedSnapshots, viewKey } from '../snapshot/scoped';
import type { PublishedSnapshot, SnapshotStore } from '../snapshot/publisher';

export interface SseHubOptions {
  store: SnapshotStore;
  /**
   * The period of the heartbeat sent here (SSE_HEARTBEAT_MS). It must fit the browser's watchdog,
   * which is armed from the period the store announces in each snapshot (config.heartbeatMs).
   */
  heartbeatMs: number;
  /** A client whose unsent bytes pass this bound is dropped (the bound grows with big snapshots). */
  maxBufferedBytes?: number;
  retryMs?: number;
  onCountChange?: (count: number) => void;
  onDrop?: (reason: SseDropReason) => void;
  /** Streams ended on purpose (session expired or signed out), counted, not warned about. */
  onEnd?: (reason: SseDropReason, count: number) => void;
  /** Heartbeat ticks, their time stamps and session expiry read this clock; default systemClock. */
  clock?: Clock;
  /** False once a session was signed out: its streams end on the next tick. */
  sessionLive?: (sessionId: string, now: number) => boolean;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no', // nginx: do not buffer the stream
  connection: 'keep-alive',
} as const;

/**
 * A comment line for proxies, and a named `heartbeat` event (contract STREAM_EVENTS) that the
 * page's watchdog can see: EventSource hides comments. Made once per tick for every client.
 */
function heartbeatFrame(now: number): Buffer {
  return Buffer.from(`: hb\nevent: heartbeat\ndata: ${new Date(now).toISOString()}\n\n`);
}
const ONE_MIB = 1024 * 1024;
/** How many unsent snapshots a client may lag behind before it is dropped. */
const MAX_LAGGING_SNAPSHOTS = 3;

/** Who holds a stream: what they may see, and what caps and revocations count them under. */
export interface StreamOwner {
  /** Group ids in scope; null: every group. */
  readonly scope: readonly number[] | null;
  /** A user or display name (`user:alice`, `display:tv-1`), for revocation. */
  readonly owner: string;
  /** What the per-principal cap counts (a person, or a screen at an address). */
  readonly limitKey: string;
  readonly address: string;
  /** A screen: sees neutral instance ids (scoped-snapshots.ts). */
  readonly display?: boolean;
  /** A person's session: the stream ends when it expires or is signed out (screens have none). */
  readonly session?: { readonly id: string; readonly expiresAt: number };
}

const NOBODY: StreamOwner = { scope: null, owner: 'open:anonymous', limitKey: '', address: '' };

interface Client {
  res: ServerResponse;
  /**
   * The connection, written to directly with one write per event (bench/fanout: res.write costs
   * four socket writes and a deferred uncork per client); null: through `res.write`.
   */
  socket: Socket | null;
  /** The response is chunked (HTTP/1.1): a direct write is one HTTP chunk, framed once per event. */
  chunked: boolean;
  who: StreamOwner;
  view: View;
  /** Asked for `patch` events (`/api/stream?patch=1`). */
  patch: boolean;
  /**
   * The SSE id of the last snapshot this client was sent, which is then the hub's `previous`;
   * null when it holds something a patch cannot start from (nothing yet, a stale re-mark, or
   * only its own word after a Last-Event-ID resume).
   */
  has: number | null;
  openedAt: number;
}

/** An open stream as GET /api/screens lists it (issue 13 §2: online now, from where). */
export interface OpenStream {
  readonly owner: string;
  readonly address: string;
  readonly openedAt: number;
}

/** The clients that see the same bytes (a team lead's groups, screens): each event made once for all. */
interface View {
  readonly key: string;
  readonly groups: readonly number[] | null;
  readonly display: boolean;
  readonly clients: Set<Client>;
}

/** An event as written: the SSE bytes, and them as one HTTP chunk (`<hex length>\r\n…\r\n`). */
interface Wire {
  readonly raw: Buffer;
  readonly chunk: Buffer;
}

function chunkOf(frame: Buffer): Buffer {
  const head = `${frame.length.toString(16)}\r\n`;
  const out = Buffer.allocUnsafe(head.length + frame.length + 2);
  out.write(head, 0, 'latin1');
  frame.copy(out, head.length);
  out.write('\r\n', head.length + frame.length, 'latin1');
  return out;
}

export class SseHub {
  private readonly clients = new Set<Client>();
  /** The same clients by view, so that a broadcast picks each view's bytes once, not per client. */
  private readonly views = new Map<string, View>();
  /** Chunked copies of the frames written lately (a snapshot's, a scope's, a heartbeat). */
  private readonly wires = new WeakMap<Buffer, Wire>();
  private readonly clock: Clock;
  private heartbeat: unknown = null;
  private readonly unsubscribe: () => void;
  private bound: number;
  private readonly retryLine: Buffer;
  private closed = false;
  /** The snapshot sent to every client last: the base of the next patch. */
  private previous: PublishedSnapshot | null;
  /** Team leads' filtered snapshots: serialised once per scope per seq, shared by its clients. */
  readonly scoped = new ScopedSnapshots();
  /** Told when streams open or close, and at each heartbeat (screens' last seen). */
  private readonly streamListeners = new Set<(now: number) => void>();

  constructor(private readonly o: SseHubOptions) {
    // STYLE 6: the heartbeat sent must be at most half the watchdog the browser arms from the
    // announced period (contract CLIENT_WATCHDOG_HEARTBEATS), or one late beat makes walls flap.
    const announcedMs = o.store.announcedHeartbeatMs;
    const watchdogMs = CLIENT_WATCHDOG_HEARTBEATS * announcedMs;
    if (!(o.heartbeatMs <= watchdogMs / 2)) {
      throw new Error(
        `SSE_HEARTBEAT_MS: the heartbeat (${o.heartbeatMs} ms) must be at most half the client watchdog (${watchdogMs} ms: ${CLIENT_WATCHDOG_HEARTBEATS} × the ${announcedMs} ms announced in the snapshot)`,
      );
    }
    this.clock = o.clock ?? systemClock;
    this.bound = o.maxBufferedBytes ?? ONE_MIB;
    this.retryLine = Buffer.from(`retry: ${o.retryMs ?? 3000}\n\n`);
    this.previous = o.store.latest;
    this.unsubscribe = o.store.subscribe((p) => this.broadcast(p));
    this.heartbeat = this.clock.setTimeout(this.tick, o.heartbeatMs);
  }

  /** Every heartbeatMs: streams whose session ended go, the others hear a heartbeat. */
  private readonly tick = (): void => {
    this.heartbeat = this.clock.setTimeout(this.tick, this.o.heartbeatMs);
    this.endSessions();
    this.write(heartbeatFrame(this.clock.now()));
    this.streamsChanged();
  };

  /** The open streams, optionally only those whose owner starts with `prefix` (`display:`). */
  streams(prefix = ''): OpenStream[] {
    const out: OpenStream[] = [];
    for (const c of this.clients)
      if (c.who.owner.startsWith(prefix))
        out.push({ owner: c.who.owner, address: c.who.address, openedAt: c.openedAt });
    return out;
  }

  onStreams(listener: (now: number) => void): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  private streamsChanged(): void {
    const now = this.clock.now();
    for (const l of this.streamListeners) {
      try {
        l(now);
      } catch {
        // a listener's own problem; the streams go on
      }
    }
  }

  get size(): number {
    return this.clients.size;
  }

  /** Open streams held under a per-principal key and from an address (for the caps). */
  countFor(limitKey: string, address: string): { principal: number; address: number } {
    let principal = 0;
    let fromAddress = 0;
    for (const c of this.clients) {
      if (c.who.limitKey === limitKey) principal++;
      if (c.who.address === address) fromAddress++;
    }
    return { principal, address: fromAddress };
  }

  /** Revocation: end at once the streams of owners whose access was removed. */
  closeOwners(owners: ReadonlySet<string>): number {
    return this.end((c) => owners.has(c.who.owner));
  }

  /** Sign-out: end at once the streams opened under that session. */
  closeSession(sessionId: string): number {
    return this.end((c) => c.who.session?.id === sessionId, SSE_DROP_REASONS.signedOut);
  }

  /** On each heartbeat tick: a stream does not outlive its session (expiry or sign-out). */
  private endSessions(): void {
    const now = this.clock.now();
    const live = this.o.sessionLive;
    this.end(
      (c) => c.who.session !== undefined && c.who.session.expiresAt <= now,
      SSE_DROP_REASONS.expired,
    );
    if (live)
      this.end(
        (c) => c.who.session !== undefined && !live(c.who.session.id, now),
        SSE_DROP_REASONS.signedOut,
      );
  }

  /** Forget a client (once: a dropped client's `close` comes after); true if it was there. */
  private remove(client: Client): boolean {
    if (!this.clients.delete(client)) return false;
    const { view } = client;
    view.clients.delete(client);
    if (view.clients.size === 0 && this.views.get(view.key) === view) this.views.delete(view.key);
    return true;
  }

  /** Bytes written to this client and not yet handed to the kernel. */
  private backlog(client: Client): number {
    return client.socket ? client.socket.writableLength : client.res.writableLength;
  }

  /** A clean end of the streams picked; `reason` reports them through onEnd. */
  private end(which: (c: Client) => boolean, reason?: SseDropReason): number {
    let n = 0;
    for (const client of [...this.clients]) {
      if (!which(client)) continue;
      this.remove(client);
      // A clean end: the browser reconnects, meets 401 and shows why (a laggard is cut instead).
      if (this.backlog(client) > this.bound) client.res.destroy();
      else client.res.end();
      n++;
    }
    if (n > 0) {
      this.counted();
      if (reason !== undefined) this.o.onEnd?.(reason, n);
    }
    return n;
  }

  /**
   * Take over a hijacked request. `lastEventId`: the seq the client already has, if any.
   * `patch`: the client applies `patch` events; it still gets a full snapshot first, and whenever
   * it may not hold the patch's base. `base`: the snapshot the page fetched from /api/snapshot
   * just before (its seq and the instant it was taken): when it is still the latest, a patch
   * client gets no full snapshot, only patches onto it (issue 12.7: the stream is not compressed).
   */
  attach(
    req: IncomingMessage,
    res: ServerResponse,
    lastEventId: number | null,
    who: StreamOwner = NOBODY,
    patch = false,
    base: { seq: number; takenAtMs: number } | null = null,
  ): void {
    if (this.closed) {
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"statusCode":503,"error":"Service Unavailable","message":"shutting down"}');
      return;
    }
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);
    res.writeHead(200, SSE_HEADERS);
    res.write(this.retryLine);
    // Written to directly only when nothing waits in the response's own buffer (a pipelined
    // response still queued): the socket's buffer then holds everything, in order.
    const socket = res.socket ?? null;
    const direct = socket !== null && res.writableLength === socket.writableLength;
    // Subscribe first, then send the current state (STYLE 6): nothing can slip in between.
    const client: Client = {
      res,
      socket: direct ? socket : null,
      chunked: direct && res.chunkedEncoding,
      who,
      view: this.viewFor(who),
      patch,
      has: null,
      openedAt: this.clock.now(),
    };
    this.clients.add(client);
    client.view.clients.add(client);
    this.counted();
    const cleanup = () => {
      if (this.remove(client)) this.counted();
    };
    res.on('close', cleanup);
    res.on('error', cleanup);
    const latest = this.o.store.latest;
    // The seq and the instant together name one snapshot of this process: a restarted BFF that
    // reached the same seq took it at another millisecond.
    if (
      latest &&
      patch &&
      base &&
      latest.snapshot.seq === base.seq &&
      Date.parse(latest.snapshot.takenAt) === base.takenAtMs
    ) {
      client.has = latest.eventId;
      return;
    }
    // A client resuming with the latest seq gets nothing now, and a full snapshot next: its seq
    // may come from another process (seq restarts with a single BFF), so no patch builds on it.
    if (latest && latest.snapshot.seq !== lastEventId) {
      this.send(client, this.wire(this.scoped.bytesFor(latest, who.scope, who.display).frame));
      client.has = latest.eventId;
    }
  }

  private viewFor(who: StreamOwner): View {
    const display = who.display === true;
    const key = viewKey(who.scope, display);
    let view = this.views.get(key);
    if (!view) {
      view = { key, groups: who.scope, display, clients: new Set() };
      this.views.set(key, view);
    }
    return view;
  }

  private wire(frame: Buffer): Wire {
    let w = this.wires.get(frame);
    if (!w) {
      w = { raw: frame, chunk: chunkOf(frame) };
      this.wires.set(frame, w);
    }
    return w;
  }

  private send(client: Client, w: Wire): void {
    if (client.socket) client.socket.write(client.chunked ? w.chunk : w.raw);
    else client.res.write(w.raw);
  }

  /**
   * The same bytes go to every client of a view, made once per view; nobody is awaited, a
   * laggard is dropped. One pass, one write per client, nothing allocated per client.
   */
  private broadcast(p: PublishedSnapshot): void {
    this.bound = Math.max(
      this.o.maxBufferedBytes ?? ONE_MIB,
      MAX_LAGGING_SNAPSHOTS * p.frame.length,
    );
    const base = this.previous;
    this.previous = p;
    // A patch joins two distinct numbered snapshots; a stale re-mark (no id) goes in full.
    const patchable =
      base !== null &&
      base !== p &&
      base.eventId !== null &&
      p.eventId !== null &&
      base.eventId !== p.eventId;
    for (const view of this.views.values()) {
      let full: Wire | null = null;
      let patch: Wire | null = null;
      for (const client of view.clients) {
        if (this.backlog(client) > this.bound) {
          this.drop(client, SSE_DROP_REASONS.slow);
          continue;
        }
        if (patchable && client.patch && client.has === base.eventId)
          this.send(
            client,
            (patch ??= this.wire(this.scoped.patchFor(base, p, view.groups, view.display))),
          );
        else
          this.send(
            client,
            (full ??= this.wire(this.scoped.bytesFor(p, view.groups, view.display).frame)),
          );
        client.has = p.eventId;
      }
    }
    this.scoped.prune(p.snapshot.seq);
  }

  /**
   * A named event for every open stream (issue 13: `settings`, naming the kinds that changed). It
   * carries no settings, only what to refetch, so it needs no scoping.
   */
  announce(event: string, data: unknown): void {
    if (this.closed) return;
    this.write(Buffer.from(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  }

  /** The same bytes to every client (a heartbeat, a named event). */
  private write(bytes: Buffer): void {
    const w = this.wire(bytes);
    for (const client of this.clients) {
      if (this.backlog(client) > this.bound) {
        this.drop(client, SSE_DROP_REASONS.slow);
        continue;
      }
      this.send(client, w);
    }
  }

  private counted(): void {
    this.o.onCountChange?.(this.clients.size);
    this.streamsChanged();
  }

  private drop(client: Client, reason: SseDropReason): void {
    this.remove(client);
    this.counted();
    this.o.onDrop?.(reason);
    client.res.destroy();
  }

  /** Shutdown: end every stream cleanly (the browser's EventSource reconnects to the next BFF). */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.heartbeat !== null) this.clock.clearTimeout(this.heartbeat);
    this.heartbeat = null;
    for (const client of [...this.clients]) {
      this.remove(client);
      if (this.backlog(client) > this.bound) client.res.destroy();
      else client.res.end();
    }
    this.o.onCountChange?.(0);
  }
}
