// The load generator: thousands of SSE clients in their own process, driven over IPC.
import { percentile } from '../lib/report';
import { openMany, type SnapshotArrival, type StreamHandle } from '../lib/sse-client';
import type { ClientsCommand, ClientsReply, SnapshotDelays } from './protocol';

let handles: StreamHandle[] = [];
let fromMs = Number.POSITIVE_INFINITY;
let delays = new Map<string, number[]>();
let bytesAtWindow = 0;

const send = (m: ClientsReply) => process.send?.(m);

function onSnapshot(a: SnapshotArrival): void {
  if (a.takenAtMs < fromMs) return;
  let list = delays.get(a.key);
  if (!list) delays.set(a.key, (list = []));
  list.push(a.receivedAt - a.takenAtMs);
}

const totalBytes = () => handles.reduce((s, h) => s + h.splitter.bytes, 0);

process.on('message', (m: ClientsCommand) => {
  void (async () => {
    if (m.cmd === 'connect') {
      fromMs = Number.POSITIVE_INFINITY;
      const r = await openMany(m.n, m.url, onSnapshot, { lastEventId: m.lastEventId });
      handles = r.handles;
      send({ type: 'connected', ok: r.handles.length, failed: r.failed, ms: r.ms });
    } else if (m.cmd === 'window') {
      fromMs = m.fromMs;
      delays = new Map();
      bytesAtWindow = totalBytes();
      send({ type: 'windowed' });
    } else if (m.cmd === 'report') {
      const snapshots: SnapshotDelays[] = [...delays].map(([key, d]) => ({
        key,
        count: d.length,
        p50: percentile(d, 50),
        p99: percentile(d, 99),
        max: Math.max(...d),
      }));
      send({
        type: 'report',
        snapshots,
        open: handles.filter((h) => !h.closed).length,
        droppedByServer: handles.filter((h) => h.closedByServer).length,
        bytes: totalBytes() - bytesAtWindow,
      });
    } else if (m.cmd === 'closeAll') {
      for (const h of handles) h.close();
      handles = [];
      delays = new Map();
      send({ type: 'closed' });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
