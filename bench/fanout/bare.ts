// The baseline: a bare node:http SSE broadcaster replaying the BFF's recorded frames at their pace.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BareCommand, BareReply, RecordedFrame } from './protocol';

const clients = new Set<ServerResponse>();
let frames: { bytes: Buffer; gapMs: number; takenAtOffset: number; id: string }[] = [];
let timer: NodeJS.Timeout | null = null;
let next = 0;
let latest: { id: string; bytes: Buffer } | null = null;
let sent = 0;
let dropped = 0;

const send = (m: BareReply) => process.send?.(m);
const TAKEN_AT = Buffer.from('"takenAt":"');

function load(recorded: RecordedFrame[]): void {
  frames = recorded.map((f) => {
    const bytes = Buffer.from(f.bytes);
    const idEnd = bytes.indexOf('\n');
    return {
      bytes,
      gapMs: f.gapMs,
      takenAtOffset: bytes.indexOf(TAKEN_AT) + TAKEN_AT.length,
      id: bytes.toString('latin1', 4, idEnd),
    };
  });
}

/** One frame: the recorded bytes with `takenAt` set to now (same length), the same to everyone. */
function broadcast(): void {
  const f = frames[next % frames.length];
  next += 1;
  if (!f) return;
  const bytes = Buffer.from(f.bytes);
  bytes.write(new Date().toISOString(), f.takenAtOffset, 'latin1');
  latest = { id: f.id, bytes };
  // The BFF's slow-client rule (three frames unsent: drop), so both servers serve on equal terms.
  const bound = Math.max(1024 * 1024, 3 * bytes.length);
  for (const res of clients) {
    if (res.writableLength > bound) {
      clients.delete(res);
      dropped += 1;
      res.destroy();
      continue;
    }
    res.write(bytes);
  }
  sent += 1;
  timer = setTimeout(broadcast, f.gapMs);
}

const server = createServer((req, res) => {
  if (req.url !== '/api/stream') {
    res.writeHead(404).end();
    return;
  }
  req.socket.setNoDelay(true);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  res.write('retry: 3000\n\n');
  clients.add(res);
  res.on('close', () => clients.delete(res));
  if (latest && req.headers['last-event-id'] !== latest.id) res.write(latest.bytes);
});
server.keepAliveTimeout = 0;

process.on('message', (m: BareCommand) => {
  if (m.cmd === 'load') {
    load(m.frames);
    send({ type: 'loaded' });
  } else if (m.cmd === 'play') {
    if (!timer) broadcast();
    send({ type: 'playing' });
  } else if (m.cmd === 'pause') {
    if (timer) clearTimeout(timer);
    timer = null;
    send({ type: 'paused', lastId: latest?.id ?? null });
  } else if (m.cmd === 'stop') {
    if (timer) clearTimeout(timer);
    for (const res of clients) res.destroy();
    send({ type: 'stopped', sent, dropped });
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'listening', url: `http://127.0.0.1:${port}` });
});
