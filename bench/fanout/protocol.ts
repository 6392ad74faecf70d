// Messages between the fan-out orchestrator and its two children (load generator, bare broadcaster).

export interface SnapshotDelays {
  key: string;
  /** How many clients received it. */
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export type ClientsCommand =
  | { cmd: 'connect'; url: string; n: number; lastEventId: string | null }
  | { cmd: 'window'; fromMs: number }
  | { cmd: 'report' }
  | { cmd: 'closeAll' };

export type ClientsReply =
  | { type: 'ready' }
  | { type: 'connected'; ok: number; failed: number; ms: number }
  | { type: 'windowed' }
  | {
      type: 'report';
      snapshots: SnapshotDelays[];
      open: number;
      droppedByServer: number;
      bytes: number;
    }
  | { type: 'closed' };

export interface RecordedFrame {
  /** The whole SSE event as the BFF sent it (`id: …\nevent: snapshot\ndata: …\n\n`). */
  bytes: Buffer;
  /** Gap to the next recorded frame, ms. */
  gapMs: number;
}

export type BareCommand =
  { cmd: 'load'; frames: RecordedFrame[] } | { cmd: 'play' } | { cmd: 'pause' } | { cmd: 'stop' };

export type BareReply =
  | { type: 'listening'; url: string }
  | { type: 'loaded' }
  | { type: 'paused'; lastId: string | null }
  | { type: 'playing' }
  | { type: 'stopped'; sent: number; dropped: number };
