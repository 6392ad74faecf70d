// bench/fanout/hub-cpu.ts: the SSE hub's own CPU per broadcast, against a res.write loop (the bare
// server's way) on the same sockets in the same process. CPU time, not delay: a loaded machine
// slows both alike but does not add CPU. Readers run in a child process and discard what they get.
// BENCH_HUB_CLIENTS (5000), BENCH_HUB_FRAME_KB (15,38), BENCH_HUB_ROUNDS (12): not the boards' BENCH_CLIENTS.
import { spawn } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Snapshot } from '@vigie/contract';
import { median, printHeader, printTable, sleep } from '../lib/report';
import type { PublishedSnapshot, SnapshotStore } from '@vigie/bff/publisher';
import { SseHub } from '@vigie/bff/sse-hub';

const env = process.env;
const CLIENTS = Number(env['BENCH_HUB_CLIENTS'] ?? 5000);
const FRAME_KB = (env['BENCH_HUB_FRAME_KB'] ?? '15,38').split(',').map(Number);
const ROUNDS = Number(env['BENCH_HUB_ROUNDS'] ?? 12);

/** Just enough of a store for the hub: it is told of each frame by hand. */
function fakeStore() {
  let listener: ((p: PublishedSnapshot) => void) | null = null;
  const store = {
    announcedHeartbeatMs: 3_600_000,
    latest: null,
    subscribe(l: (p: PublishedSnapshot) => void) {
      listener = l;
      return () => (listener = null);
    },
  };
  return {
    store: store as unknown as SnapshotStore,
    publish: (p: PublishedSnapshot) => listener?.(p),
  };
}

function frameOf(seq: number, kb: number): PublishedSnapshot {
  const json = JSON.stringify({
    seq,
    takenAt: new Date().toISOString(),
    pad: 'x'.repeat(kb * 1024),
  });
  const frame = Buffer.from(`id: ${seq}\nevent: snapshot\ndata: ${json}\n\n`);
  return { snapshot: { seq } as unknown as Snapshot, eventId: seq, json, frame };
}

const { store, publish } = fakeStore();
const hub = new SseHub({ store, heartbeatMs: 1_000_000, maxBufferedBytes: 64 * 2 ** 20 });
const plain = new Set<ServerResponse>();
const server = createServer((req, res) => {
  if (req.url === '/hub') {
    hub.attach(req, res, null);
    return;
  }
  req.socket.setNoDelay(true);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.write('retry: 3000\n\n');
  plain.add(res);
  res.on('close', () => plain.delete(res));
});
// Only one kind of reader is connected at a time: the server's connections are theirs.
const conns = new Set<Socket>();
server.on('connection', (s: Socket) => {
  conns.add(s);
  s.once('close', () => conns.delete(s));
});
server.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const port = (server.address() as AddressInfo).port;

async function withReaders<T>(path: string, run: () => Promise<T>): Promise<T> {
  const child = spawn(
    'sh',
    [
      '-c',
      `ulimit -n 65535 2>/dev/null; exec ${process.execPath} --import tsx bench/fanout/readers.ts ${port} ${CLIENTS} ${path}`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((ok) => child.stdout.once('data', () => ok()));
  try {
    return await run();
  } finally {
    child.stdin.write('x');
    await new Promise((r) => child.once('exit', r));
    await sleep(500);
  }
}

/** Until every socket handed all its bytes to the kernel. */
async function drained(): Promise<void> {
  for (;;) {
    let left = 0;
    for (const s of conns) left += s.writableLength;
    if (left === 0) return;
    await new Promise((r) => setImmediate(r));
  }
}

interface Figures {
  cpuMs: number;
  wallMs: number;
}
async function rounds(send: (p: PublishedSnapshot) => void, kb: number): Promise<Figures> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const p = frameOf(i + 1, kb);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    send(p);
    await drained();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    await sleep(300);
  }
  // The first rounds warm up the JIT and the sockets' buffers.
  return { cpuMs: median(cpu.slice(2)), wallMs: median(wall.slice(2)) };
}

printHeader(
  `bench/fanout hub-cpu — ${CLIENTS} clients, frames of ${FRAME_KB.join(' and ')} KB, ${ROUNDS} rounds`,
);
const rows: (string | number)[][] = [];
for (const kb of FRAME_KB) {
  const bare = await withReaders('/plain', () =>
    rounds((p) => {
      for (const res of plain) res.write(p.frame);
    }, kb),
  );
  const viaHub = await withReaders('/hub', () => rounds(publish, kb));
  rows.push([
    `${kb} KB`,
    bare.cpuMs.toFixed(1),
    viaHub.cpuMs.toFixed(1),
    `${((1000 * bare.cpuMs) / CLIENTS).toFixed(1)} / ${((1000 * viaHub.cpuMs) / CLIENTS).toFixed(1)}`,
    `${(viaHub.cpuMs / bare.cpuMs).toFixed(2)}×`,
    bare.wallMs.toFixed(0),
    viaHub.wallMs.toFixed(0),
  ]);
}
printTable(
  [
    'frame',
    'res.write loop CPU ms',
    'hub CPU ms',
    'µs per client (loop / hub)',
    'hub / loop',
    'loop drained ms',
    'hub drained ms',
  ],
  rows,
);
hub.close();
server.close();
process.exit(0);
