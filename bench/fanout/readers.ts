// hub-cpu's readers: N raw HTTP/1.1 GETs of one path that discard what they get; "ready" once all answered.
import { connect, type Socket } from 'node:net';

const port = Number(process.argv[2]);
const n = Number(process.argv[3]);
const path = process.argv[4] ?? '/';
let ready = 0;
const sockets: Socket[] = [];
for (let i = 0; i < n; i++) {
  const s = connect(port, '127.0.0.1', () =>
    s.write(`GET ${path} HTTP/1.1\r\nHost: bench\r\n\r\n`),
  );
  let answered = false;
  s.on('data', () => {
    if (answered) return;
    answered = true;
    if (++ready === n) process.stdout.write('ready\n');
  });
  s.on('error', () => undefined);
  sockets.push(s);
}
process.stdin.once('data', () => {
  for (const s of sockets) s.destroy();
  process.exit(0);
});
