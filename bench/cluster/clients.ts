// bench/cluster client process: N SSE streams on one URL; the delay from `takenAt` to receipt of each snapshot.
// argv: <url> <count> <durationMs>; prints one JSON line when done: the delays (ms) as a histogram.
import { request } from 'node:http';

const [url = '', countArg = '100', durationArg = '20000'] = process.argv.slice(2);
const count = Number(countArg);
const durationMs = Number(durationArg);
const TAKEN_AT = /"takenAt":"([^"]+)"/;

/** Delay in whole ms → how many receipts: small however many clients and snapshots. */
const delays = new Map<number, number>();
let connected = 0;
let failed = 0;
let measuring = false;
const sockets: (() => void)[] = [];

/** Reads only each event's first bytes (id, takenAt); the rest of the frame is skipped. */
function open(): void {
  const req = request(url, { headers: { accept: 'text/event-stream' }, agent: false });
  req.on('response', (res) => {
    connected += 1;
    let head = '';
    let inEvent = false;
    let tail = '';
    res.on('data', (chunk: Buffer) => {
      const now = Date.now();
      let text = tail + chunk.toString('latin1');
      let i: number;
      while ((i = text.indexOf('\n\n')) >= 0) {
        const block = (inEvent ? head : '') + text.slice(0, i);
        text = text.slice(i + 2);
        inEvent = false;
        head = '';
        if (measuring && block.includes('event: snapshot')) {
          const m = TAKEN_AT.exec(block.slice(0, 400));
          if (m?.[1]) {
            const d = Math.max(0, now - Date.parse(m[1]));
            delays.set(d, (delays.get(d) ?? 0) + 1);
          }
        }
      }
      // Keep the start of an unfinished event (for takenAt) and the last byte (a split "\n\n").
      if (text.length > 0) {
        if (!inEvent) head = text.slice(0, 400);
        inEvent = true;
        tail = text.endsWith('\n') ? '\n' : '';
      } else tail = '';
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => {
    failed += 1;
  });
  req.end();
  sockets.push(() => req.destroy());
}

for (let i = 0; i < count; i++) {
  open();
  // Open in small bursts so the server's accept queue keeps up.
  if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
}
const deadline = Date.now() + 30_000;
while (connected + failed < count && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 100));
measuring = true;
await new Promise((r) => setTimeout(r, durationMs));
measuring = false;
for (const close of sockets) close();
// Exit only once the line is flushed: a pipe takes big writes asynchronously.
process.stdout.write(`${JSON.stringify({ connected, failed, delays: [...delays] })}\n`, () =>
  process.exit(0),
);
