// bench/patch: bytes on the wire and BFF CPU for N SSE clients with and without `patch` events.
import { startSimulator } from '@vigie/axialys-sim';
import type { Snapshot } from '@vigie/contract';
import { guard, startBff } from '../lib/processes';
import { cpuPercent, sampleProc } from '../lib/proc';
import { fmt, kb, printHeader, printTable, sleep } from '../lib/report';
import { openMany, type StreamHandle } from '../lib/sse-client';

const env = process.env;
const OPERATORS = Number(env['BENCH_OPERATORS'] ?? 1000);
const GROUPS = Number(env['BENCH_GROUPS'] ?? 20);
const POLL_MS = Number(env['BENCH_POLL_MS'] ?? 1000);
const WINDOW_MS = Number(env['BENCH_WINDOW_MS'] ?? 10_000);
const CLIENTS = Number(env['BENCH_CLIENTS'] ?? 500);
// Simulated 30 s per real second: consecutive snapshots differ as much as at the production period.
const SIM_SPEED = 30;

guard(4 * 60_000);
printHeader(
  `bench/patch — ${OPERATORS} operators, ${GROUPS} groups, polls every ${POLL_MS} ms, ${CLIENTS} clients per mode, ${WINDOW_MS / 1000} s per window`,
);

const sim = await startSimulator({
  port: 0,
  seed: 11,
  speed: SIM_SPEED,
  startAt: '2026-03-03T10:00:00+01:00',
  rateLimitMs: POLL_MS,
  operators: OPERATORS,
  groups: GROUPS,
});
const bff = await startBff(sim, {
  ALLOW_FAST_POLL: '1',
  POLL_OPERATORS_MS: String(POLL_MS),
  POLL_GROUPS_MS: String(POLL_MS),
  // Every bench client comes from one address: lift the per-address caps (issue 5).
  VIGIE_MAX_STREAMS_PER_PRINCIPAL: '100000',
  VIGIE_MAX_STREAMS_PER_IP: '100000',
});

const deadline = Date.now() + 60_000;
for (;;) {
  const s = (await (await fetch(`${bff.url}/api/snapshot`)).json()) as Snapshot;
  if (s.operators.length >= OPERATORS) break;
  if (Date.now() > deadline) throw new Error('no full board within 60 s');
  await sleep(500);
}

interface Mode {
  name: string;
  path: string;
  handles: StreamHandle[];
  events: number;
}
const modes: Mode[] = [
  { name: 'full snapshots', path: '/api/stream', handles: [], events: 0 },
  { name: 'patch=1', path: '/api/stream?patch=1', handles: [], events: 0 },
];

async function open(m: Mode): Promise<void> {
  const r = await openMany(CLIENTS, `${bff.url}${m.path}`, () => (m.events += 1));
  if (r.failed > 0) console.log(`warning: ${r.failed} ${m.name} clients failed to connect`);
  m.handles = r.handles;
}
const bytes = (m: Mode) => m.handles.reduce((s, h) => s + h.splitter.bytes, 0);
const closeAll = (m: Mode) => {
  for (const h of m.handles) h.close();
  m.handles = [];
};

/** Both kinds of client at once: the same snapshots, so the byte counts compare exactly. */
async function wire(): Promise<{ mode: Mode; bytesPerS: number; eventsPerS: number }[]> {
  for (const m of modes) await open(m);
  await sleep(2000); // past the first full snapshot of every client
  const b0 = modes.map(bytes);
  const e0 = modes.map((m) => m.events);
  await sleep(WINDOW_MS);
  const rows = modes.map((mode, i) => ({
    mode,
    bytesPerS: ((bytes(mode) - (b0[i] ?? 0)) * 1000) / WINDOW_MS,
    eventsPerS: ((mode.events - (e0[i] ?? 0)) * 1000) / WINDOW_MS,
  }));
  for (const m of modes) closeAll(m);
  await sleep(1000);
  return rows;
}

/** One kind of client alone: the BFF's CPU for it. */
async function cpu(m: Mode): Promise<number> {
  await open(m);
  await sleep(2000);
  const a = sampleProc(bff.pid);
  await sleep(WINDOW_MS);
  const b = sampleProc(bff.pid);
  closeAll(m);
  await sleep(1000);
  return cpuPercent(a, b);
}

try {
  const rows = await wire();
  const cpus: number[] = [];
  for (const m of modes) cpus.push(await cpu(m));
  const fullRate = rows[0]?.bytesPerS ?? 1;
  printTable(
    ['clients', 'per client', 'all clients', 'events/s (all)', 'vs full', 'BFF CPU'],
    rows.map((r, i) => [
      `${CLIENTS} ${r.mode.name}`,
      `${kb(r.bytesPerS / CLIENTS)}/s`,
      `${fmt(r.bytesPerS / 2 ** 20, 2)} MiB/s`,
      fmt(r.eventsPerS),
      `${fmt((100 * r.bytesPerS) / fullRate)} %`,
      `${fmt(cpus[i] ?? 0)} %`,
    ]),
  );
} finally {
  for (const m of modes) closeAll(m);
  await bff.stop();
  await sim.close();
}
process.exit(0);
