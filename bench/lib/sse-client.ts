// A lean SSE client for thousands of connections: it finds event ends without parsing the JSON.
import { request, type ClientRequest, type IncomingMessage } from 'node:http';

export interface SnapshotArrival {
  /** `seq|takenAt`: unique per broadcast, also when a replay reuses a seq. */
  key: string;
  seq: number;
  takenAtMs: number;
  receivedAt: number;
}

const HEAD_BYTES = 160;
const TAKEN_AT = /"takenAt":"([^"]+)"/;

/**
 * Splits a byte stream into SSE events on the blank line (JSON data holds no raw newline) and
 * reads `id:` and `takenAt` from each event's first bytes only: the rest is just counted.
 */
export class EventSplitter {
  private head = '';
  private prevNl = false;
  bytes = 0;
  heartbeats = 0;

  constructor(private readonly onSnapshot: (a: SnapshotArrival) => void) {}

  push(chunk: Buffer, now: number): void {
    this.bytes += chunk.length;
    let pos = 0;
    if (this.prevNl && chunk[0] === 10) {
      this.finish(now);
      pos = 1;
    }
    for (;;) {
      const idx = chunk.indexOf('\n\n', pos, 'latin1');
      const end = idx === -1 ? chunk.length : idx;
      if (this.head.length < HEAD_BYTES)
        this.head += chunk.toString(
          'latin1',
          pos,
          Math.min(end, pos + HEAD_BYTES - this.head.length),
        );
      if (idx === -1) break;
      this.finish(now);
      pos = idx + 2;
    }
    this.prevNl = pos < chunk.length && chunk[chunk.length - 1] === 10;
  }

  private finish(now: number): void {
    const head = this.head;
    this.head = '';
    if (head.startsWith('id: ')) {
      const seq = Number.parseInt(head.slice(4), 10);
      const takenAt = TAKEN_AT.exec(head)?.[1];
      if (takenAt)
        this.onSnapshot({
          key: `${seq}|${takenAt}`,
          seq,
          takenAtMs: Date.parse(takenAt),
          receivedAt: now,
        });
    } else if (head.includes('event: heartbeat')) this.heartbeats += 1;
  }
}

export interface StreamHandle {
  splitter: EventSplitter;
  /** Resolves with the status once the response headers arrived. */
  ready: Promise<number>;
  closedByServer: boolean;
  closed: boolean;
  close(): void;
}

function openStream(
  url: string,
  onSnapshot: (a: SnapshotArrival) => void,
  opts: { lastEventId?: string | number | null } = {},
): StreamHandle {
  const u = new URL(url);
  const splitter = new EventSplitter(onSnapshot);
  let req: ClientRequest;
  let res: IncomingMessage | null = null;
  const handle: StreamHandle = {
    splitter,
    closedByServer: false,
    closed: false,
    ready: new Promise<number>((ok, ko) => {
      req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname + u.search,
          agent: false,
          headers: {
            accept: 'text/event-stream',
            ...(opts.lastEventId == null ? {} : { 'last-event-id': String(opts.lastEventId) }),
          },
        },
        (r) => {
          res = r;
          ok(r.statusCode ?? 0);
          r.on('data', (chunk: Buffer) => splitter.push(chunk, Date.now()));
          const gone = () => {
            if (!handle.closed) handle.closedByServer = true;
            handle.closed = true;
          };
          r.on('end', gone);
          r.on('close', gone);
          r.on('error', gone);
        },
      );
      req.on('error', (err) => {
        if (!handle.closed && res) handle.closedByServer = true;
        handle.closed = true;
        ko(err);
      });
      req.end();
    }),
    close() {
      handle.closed = true;
      req.destroy();
    },
  };
  handle.ready.catch(() => undefined);
  return handle;
}

/** Opens `n` streams, `batch` at a time, and waits for every response's headers. */
export async function openMany(
  n: number,
  url: string,
  onSnapshot: (a: SnapshotArrival) => void,
  opts: { lastEventId?: string | number | null; batch?: number } = {},
): Promise<{ handles: StreamHandle[]; failed: number; ms: number }> {
  const t0 = performance.now();
  const handles: StreamHandle[] = [];
  let failed = 0;
  const batch = opts.batch ?? 200;
  for (let i = 0; i < n; i += batch) {
    const part = Array.from({ length: Math.min(batch, n - i) }, () =>
      openStream(url, onSnapshot, opts),
    );
    const statuses = await Promise.allSettled(part.map((h) => h.ready));
    statuses.forEach((s, j) => {
      const h = part[j];
      if (!h) return;
      if (s.status === 'fulfilled' && s.value === 200) handles.push(h);
      else {
        failed += 1;
        h.close();
      }
    });
  }
  return { handles, failed, ms: performance.now() - t0 };
}
