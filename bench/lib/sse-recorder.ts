// One SSE client that keeps whole snapshot frames: for replays, for diffs and to know the latest seq.
import { request, type ClientRequest } from 'node:http';

export interface Frame {
  bytes: Buffer;
  seq: number;
  receivedAt: number;
}

const TAKEN_AT = /"takenAt":"([^"]+)"/;

export class SseRecorder {
  readonly frames: Frame[] = [];
  lastSeq: number | null = null;
  /** `takenAt` of the last frame, ms: with lastSeq, the `base` a patch client can start from. */
  lastTakenAtMs: number | null = null;
  lastAt = 0;
  private req: ClientRequest | null = null;
  private pending: Buffer[] = [];
  private waiters: (() => void)[] = [];

  /** Keeps at most `keep` frames (snapshots of a big board weigh ~200 KB each). */
  constructor(
    private readonly url: string,
    private readonly keep = 40,
  ) {}

  open(): Promise<void> {
    const u = new URL(this.url);
    return new Promise((ok, ko) => {
      this.req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname + u.search,
          agent: false,
          headers: { accept: 'text/event-stream' },
        },
        (res) => {
          ok();
          res.on('data', (chunk: Buffer) => this.push(chunk));
        },
      );
      this.req.on('error', ko);
      this.req.end();
    });
  }

  private push(chunk: Buffer): void {
    this.pending.push(chunk);
    let buf = Buffer.concat(this.pending);
    for (;;) {
      const idx = buf.indexOf('\n\n');
      if (idx === -1) break;
      const event = buf.subarray(0, idx + 2);
      buf = buf.subarray(idx + 2);
      if (event.subarray(0, 4).toString() === 'id: ') {
        const seq = Number.parseInt(event.toString('latin1', 4, 24), 10);
        this.lastSeq = seq;
        this.lastAt = Date.now();
        const takenAt = TAKEN_AT.exec(event.toString('latin1', 0, 200))?.[1];
        this.lastTakenAtMs = takenAt === undefined ? null : Date.parse(takenAt);
        if (this.frames.length < this.keep)
          this.frames.push({ bytes: Buffer.from(event), seq, receivedAt: this.lastAt });
        for (const w of this.waiters.splice(0)) w();
      }
    }
    this.pending = buf.length ? [Buffer.from(buf)] : [];
  }

  /** Resolves on the next snapshot frame. */
  next(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }

  close(): void {
    this.req?.destroy();
  }
}

/** The JSON of a recorded frame's `data:` line. */
export function frameJson(frame: Buffer): string {
  const s = frame.toString('utf8');
  const i = s.indexOf('\ndata: ');
  return s.slice(i + 7, s.length - 2);
}
