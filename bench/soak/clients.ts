// Stream clients of the soak, in their own process: each reconnects like EventSource (retry, Last-Event-ID) for ever.
import { request, type ClientRequest } from 'node:http';
import { EventSplitter } from '../lib/sse-client';

export type ClientsCommand =
  { cmd: 'start'; url: string; n: number } | { cmd: 'report'; since: number } | { cmd: 'stop' };

export interface ClientsReport {
  type: 'report';
  n: number;
  /** Streams whose response (200) is open now. */
  open: number;
  /** Streams that received a snapshot at or after `since` (real ms). */
  liveSince: number;
  /** Successful (200) connections, the first ones included. */
  connects: number;
  /** Attempts refused (not 200) or failed (connection refused, reset). */
  failedAttempts: number;
  snapshots: number;
}

export type ClientsReply =
  { type: 'ready' } | { type: 'started' } | ClientsReport | { type: 'stopped' };

/** The stream's own `retry:` (sse-hub.ts) is 3 s; ±50 % jitter so 200 clients do not come back as one. */
const RETRY_MS = 3000;

class Client {
  open = false;
  lastSnapshotAt = 0;
  lastSeq: number | null = null;
  connects = 0;
  failed = 0;
  snapshots = 0;
  private req: ClientRequest | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly url: URL) {}

  connect(): void {
    if (this.stopped) return;
    const splitter = new EventSplitter((a) => {
      this.lastSeq = a.seq;
      this.lastSnapshotAt = a.receivedAt;
      this.snapshots++;
    });
    let settled = false;
    const retry = (ok: boolean) => {
      if (settled) return;
      settled = true;
      if (!ok) this.failed++;
      this.open = false;
      this.req = null;
      if (this.stopped) return;
      this.timer = setTimeout(() => this.connect(), RETRY_MS * (0.5 + Math.random()));
    };
    const req = request(
      {
        host: this.url.hostname,
        port: this.url.port,
        path: this.url.pathname + this.url.search,
        agent: false,
        headers: {
          accept: 'text/event-stream',
          ...(this.lastSeq === null ? {} : { 'last-event-id': String(this.lastSeq) }),
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          res.on('end', () => retry(false));
          res.on('error', () => retry(false));
          return;
        }
        this.open = true;
        this.connects++;
        res.on('data', (chunk: Buffer) => splitter.push(chunk, Date.now()));
        res.on('end', () => retry(true));
        res.on('close', () => retry(true));
        res.on('error', () => retry(true));
      },
    );
    req.on('error', () => retry(this.open));
    req.end();
    this.req = req;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.req?.destroy();
  }
}

let clients: Client[] = [];
const send = (m: ClientsReply) => process.send?.(m);

process.on('message', (m: ClientsCommand) => {
  if (m.cmd === 'start') {
    const url = new URL(m.url);
    clients = Array.from({ length: m.n }, () => new Client(url));
    // A few at a time: 200 at once is a reconnect storm, not a start.
    clients.forEach((c, i) => setTimeout(() => c.connect(), Math.floor(i / 20) * 50));
    send({ type: 'started' });
  } else if (m.cmd === 'report') {
    send({
      type: 'report',
      n: clients.length,
      open: clients.filter((c) => c.open).length,
      liveSince: clients.filter((c) => c.open && c.lastSnapshotAt >= m.since).length,
      connects: clients.reduce((s, c) => s + c.connects, 0),
      failedAttempts: clients.reduce((s, c) => s + c.failed, 0),
      snapshots: clients.reduce((s, c) => s + c.snapshots, 0),
    });
  } else if (m.cmd === 'stop') {
    for (const c of clients) c.stop();
    send({ type: 'stopped' });
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
