// One board of bench/fanout: SSE fan-out of the real BFF vs a bare node:http broadcaster, 1k/5k/10k clients.
import type { ChildProcess } from 'node:child_process';
import { startSimulator } from '@vigie/axialys-sim';
import type { Snapshot } from '@vigie/contract';
import { guard, spawnNode, startBff, type NodeChild } from '../lib/processes';
import { cpuPercent, sampleProc, type ProcSample } from '../lib/proc';
import { fdLimit, fmt, kb, median, printHeader, printTable, sleep } from '../lib/report';
import { frameJson, SseRecorder } from '../lib/sse-recorder';
import { measureDiffs, summarise } from './diff';
import type { BareCommand, BareReply, ClientsCommand, ClientsReply } from './protocol';

const env = process.env;
const OPERATORS = Number(env['BENCH_OPERATORS'] ?? 1000);
const GROUPS = Number(env['BENCH_GROUPS'] ?? 20);
const POLL_MS = Number(env['BENCH_POLL_MS'] ?? 1000);
const WINDOW_MS = Number(env['BENCH_WINDOW_MS'] ?? 6000);
const COUNTS = (env['BENCH_CLIENTS'] ?? '1000,5000,10000').split(',').map(Number);
// `patch`: clients ask for `/api/stream?patch=1` (what the SPA does) and the bare server replays
// the BFF's recorded patch frames; `full`: every frame is a whole snapshot.
const MODE = env['BENCH_MODE'] === 'patch' ? 'patch' : 'full';
// A directory: the BFF runs with --cpu-prof and writes its profile there when it stops.
const PROFILE_DIR = env['BENCH_BFF_PROFILE'];
// Simulated 30 s per real second: consecutive snapshots differ as much as at the production
// period of 30 s, which is what the diff measurement must see.
const SIM_SPEED = 30;

guard(5 * 60_000);
printHeader(
  `bench/fanout — ${OPERATORS} operators, ${GROUPS} groups, ${MODE === 'patch' ? 'patch' : 'full-snapshot'} clients, polls every ${POLL_MS} ms, ${WINDOW_MS / 1000} s per window`,
);
if (Number(fdLimit()) < Math.max(...COUNTS) + 1000)
  console.log(
    `warning: ulimit -n is ${fdLimit()}; children try to raise it, clients may fail to connect`,
  );

/** One request/reply round over a child's IPC channel. */
function ask<R>(proc: ChildProcess, msg: unknown, type: string): Promise<R> {
  return new Promise((ok, ko) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      ok(m as R);
    };
    const onExit = () => ko(new Error(`child exited while waiting for ${type}`));
    proc.on('message', onMessage);
    proc.once('exit', onExit);
    if (msg !== null) proc.send(msg as never);
  });
}
const askClients = <T extends ClientsReply['type']>(c: NodeChild, m: ClientsCommand | null, t: T) =>
  ask<Extract<ClientsReply, { type: T }>>(c.proc, m, t);
const askBare = <T extends BareReply['type']>(c: NodeChild, m: BareCommand | null, t: T) =>
  ask<Extract<BareReply, { type: T }>>(c.proc, m, t);

const sim = await startSimulator({
  port: 0,
  seed: 11,
  speed: SIM_SPEED,
  startAt: '2026-03-03T10:00:00+01:00',
  rateLimitMs: POLL_MS,
  operators: OPERATORS,
  groups: GROUPS,
});
const bff = await startBff(
  sim,
  {
    ALLOW_FAST_POLL: '1',
    POLL_OPERATORS_MS: String(POLL_MS),
    POLL_GROUPS_MS: String(POLL_MS),
    // The idle measurement holds upstream answers back (sim `hang`): the BFF must not time out then.
    UPSTREAM_TIMEOUT_MS: '120000',
  },
  undefined,
  PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
);
const recorder = new SseRecorder(`${bff.url}/api/stream`, 30);
await recorder.open();
// Warm-up: wait for full boards, then record a run of consecutive frames to replay and to diff.
const full = (json: string) => (JSON.parse(json) as Snapshot).operators.length >= OPERATORS;
const deadline = Date.now() + 60_000;
while (
  Date.now() < deadline &&
  !(recorder.frames.length > 0 && full(frameJson(recorder.frames[0]!.bytes)))
) {
  recorder.frames.length = 0;
  await recorder.next();
}
const idle0 = sampleProc(bff.pid);
while (recorder.frames.length < 16 && Date.now() < deadline) await recorder.next();
const idle1 = sampleProc(bff.pid);
const snapshotFrames = recorder.frames.slice(0, 16);
// Patch mode: the frames a patch client is sent after its first snapshot, recorded from the BFF.
const patchRecorder = new SseRecorder(`${bff.url}/api/stream?patch=1`, 30);
let patchFrames: typeof snapshotFrames = [];
if (MODE === 'patch') {
  await patchRecorder.open();
  const isPatch = (b: Buffer) => b.includes('\nevent: patch\n');
  while (patchRecorder.frames.filter((f) => isPatch(f.bytes)).length < 16 && Date.now() < deadline)
    await patchRecorder.next();
  patchFrames = patchRecorder.frames.filter((f) => isPatch(f.bytes)).slice(0, 16);
  patchRecorder.close();
}
const frames = MODE === 'patch' ? patchFrames : snapshotFrames;
const gaps = frames.slice(1).map((f, i) => f.receivedAt - frames[i]!.receivedAt);
const snapshotBytes = median(snapshotFrames.map((f) => f.bytes.length));
const frameBytes = median(frames.map((f) => f.bytes.length));
const ratePerS = 1000 / median(gaps);
console.log(
  `snapshot frame ${kb(snapshotBytes)} (median)${MODE === 'patch' ? `, patch frame ${kb(frameBytes)} (median)` : ''}, ${fmt(ratePerS, 2)} frames/s; BFF with no client: ${fmt(cpuPercent(idle0, idle1))} % CPU, RSS ${fmt(idle1.rssBytes / 2 ** 20)} MB`,
);

const clients = spawnNode('bench/fanout/clients.ts', { ipc: true });
const bare = spawnNode('bench/fanout/bare.ts', { ipc: true });
await askClients(clients, null, 'ready');
const { url: bareUrl } = await askBare(bare, null, 'listening');
await askBare(
  bare,
  {
    cmd: 'load',
    frames: frames.map((f, i) => ({ bytes: f.bytes, gapMs: gaps[i] ?? median(gaps) })),
  },
  'loaded',
);

/**
 * BFF: stop new snapshots by holding upstream answers; resolves with the seq clients already have
 * and, for patch clients, the `base` (seq and takenAt) they start from, as the SPA does.
 */
async function quietBff(): Promise<{ lastId: string | null; base: string | null }> {
  sim.setFaults({ hang: true });
  // Requests already answered may still publish: wait for 1.5 s of silence.
  const until = Date.now() + 15_000;
  while (Date.now() < until && Date.now() - recorder.lastAt < 1500) await sleep(200);
  const { lastSeq, lastTakenAtMs } = recorder;
  return {
    lastId: lastSeq === null ? null : String(lastSeq),
    base: lastSeq === null || lastTakenAtMs === null ? null : `${lastSeq}-${lastTakenAtMs}`,
  };
}

interface Row {
  server: string;
  n: number;
  ok: number;
  failed: number;
  connectS: number;
  snaps: number;
  deliveredPct: number;
  p50: number;
  p99: number;
  max: number;
  dropped: number;
  rssBefore: number;
  rssAfter: number;
  kbPerClient: number;
  cpuPct: number;
  /** Server CPU per frame delivered to one client, µs: what load on the machine blurs least. */
  cpuUsPerDelivery: number;
  rssMax: number;
}

async function rssNow(pid: number): Promise<number> {
  const s: number[] = [];
  for (let i = 0; i < 5; i++) {
    s.push(sampleProc(pid).rssBytes);
    await sleep(200);
  }
  return median(s);
}

async function measure(server: 'BFF' | 'bare', n: number): Promise<Row> {
  const pid = server === 'BFF' ? bff.pid : bare.pid;
  const { lastId, base } =
    server === 'BFF'
      ? await quietBff()
      : { ...(await askBare(bare, { cmd: 'pause' }, 'paused')), base: null };
  const query = server === 'BFF' && MODE === 'patch' && base ? `?patch=1&base=${base}` : '';
  const url = `${server === 'BFF' ? bff.url : bareUrl}/api/stream${query}`;
  // Idle clients: connected with the latest id, so nothing but `retry:` is sent while quiet.
  const rssBefore = await rssNow(pid);
  const c = await askClients(clients, { cmd: 'connect', url, n, lastEventId: lastId }, 'connected');
  await sleep(3000);
  const rssAfter = await rssNow(pid);
  // Live: the source resumes, every new snapshot is timed at every client.
  await askClients(clients, { cmd: 'window', fromMs: Date.now() }, 'windowed');
  const samples: ProcSample[] = [sampleProc(pid)];
  if (server === 'BFF') sim.clearFaults();
  else await askBare(bare, { cmd: 'play' }, 'playing');
  const end = Date.now() + WINDOW_MS;
  while (Date.now() < end) {
    await sleep(500);
    samples.push(sampleProc(pid));
  }
  // Stop the source, let the last frames arrive, then read the figures.
  if (server === 'BFF') await quietBff();
  else await askBare(bare, { cmd: 'pause' }, 'paused');
  await sleep(2000);
  const settled = sampleProc(pid);
  const r = await askClients(clients, { cmd: 'report' }, 'report');
  await askClients(clients, { cmd: 'closeAll' }, 'closed');
  await sleep(1500);
  const delivered = r.snapshots.reduce((s, x) => s + x.count, 0);
  return {
    server,
    n,
    ok: c.ok,
    failed: c.failed,
    connectS: c.ms / 1000,
    snaps: r.snapshots.length,
    deliveredPct: (100 * delivered) / Math.max(1, r.snapshots.length * c.ok),
    p50: median(r.snapshots.map((s) => s.p50)),
    p99: median(r.snapshots.map((s) => s.p99)),
    max: Math.max(...r.snapshots.map((s) => s.max)),
    dropped: r.droppedByServer,
    rssBefore,
    rssAfter,
    kbPerClient: (rssAfter - rssBefore) / 1024 / Math.max(1, c.ok),
    cpuPct: cpuPercent(samples[0]!, samples.at(-1)!),
    cpuUsPerDelivery: ((settled.cpuMs - samples[0]!.cpuMs) * 1000) / Math.max(1, delivered),
    rssMax: Math.max(...samples.map((s) => s.rssBytes)),
  };
}

const rows: Row[] = [];
try {
  for (const n of COUNTS) {
    for (const server of ['BFF', 'bare'] as const) {
      const row = await measure(server, n);
      rows.push(row);
      console.log(
        `  ${server} ${n}: ${row.ok} connected in ${fmt(row.connectS, 1)} s, p99 ${fmt(row.p99)} ms, ${row.dropped} dropped`,
      );
    }
  }
} finally {
  recorder.close();
  // Upstream answers again, so the BFF closes at once (and writes its profile, if asked).
  sim.clearFaults();
  await askBare(bare, { cmd: 'stop' }, 'stopped').catch(() => undefined);
  await Promise.all([clients.stop(), bare.stop(), bff.stop()]);
  await sim.close();
}

console.log(
  '\nDelay from `takenAt` to receipt at every client (per snapshot p50/p99 over clients, median over snapshots; max over all):',
);
const MB = 2 ** 20;
printTable(
  [
    'server',
    'clients',
    'connected',
    'connect s',
    'snapshots',
    'delivered',
    'p50 ms',
    'p99 ms',
    'max ms',
    'dropped',
    'CPU %',
    'CPU µs/delivery',
    'RSS idle→N MB',
    'KB/idle client',
    'RSS max MB',
  ],
  rows.map((r) => [
    r.server,
    r.n,
    r.ok + (r.failed ? ` (${r.failed} failed)` : ''),
    fmt(r.connectS, 1),
    r.snaps,
    `${fmt(r.deliveredPct, 1)} %`,
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.max),
    r.dropped,
    fmt(r.cpuPct),
    fmt(r.cpuUsPerDelivery, 1),
    `${fmt(r.rssBefore / MB)}→${fmt(r.rssAfter / MB)}`,
    fmt(r.kbPerClient, 1),
    fmt(r.rssMax / MB),
  ]),
);

console.log('\nBFF / bare, same run:');
const ratio = (a: number, b: number) => (b > 0 ? `${fmt(a / b, 2)}×` : '–');
const verdicts: string[] = [];
printTable(
  [
    'clients',
    'p50',
    'p99',
    'max',
    'CPU',
    'CPU/delivery',
    'KB/idle client',
    'served (BFF)',
    'p99 ≤ 2× bare',
    'idle < 30 KB',
    'frame KB',
  ],
  COUNTS.map((n) => {
    const b = rows.find((r) => r.server === 'BFF' && r.n === n);
    const x = rows.find((r) => r.server === 'bare' && r.n === n);
    if (!b || !x) return [n, '–', '–', '–', '–', '–', '–', '–', '–', '–', '–'];
    const served = b.ok === n && b.dropped === 0 && b.deliveredPct >= 99.9;
    const saturated = b.deliveredPct < 99.9 || x.deliveredPct < 99.9;
    const p99ok = b.p99 <= 2 * x.p99;
    const idleOk = b.kbPerClient < 30;
    if (n === Math.max(...COUNTS))
      verdicts.push(
        `${n} clients served: ${served ? 'yes' : 'NO'}; p99 within 2× bare: ${saturated ? 'not comparable (both saturated, clients dropped)' : p99ok ? 'yes' : 'NO'}; under 30 KB per idle client: ${idleOk ? 'yes' : 'NO'}`,
      );
    return [
      n,
      ratio(b.p50, x.p50),
      ratio(b.p99, x.p99),
      ratio(b.max, x.max),
      ratio(b.cpuPct, x.cpuPct),
      ratio(b.cpuUsPerDelivery, x.cpuUsPerDelivery),
      ratio(b.kbPerClient, x.kbPerClient),
      served ? 'yes' : `no (${b.dropped} dropped, ${fmt(b.deliveredPct, 1)} %)`,
      saturated ? 'n/a (saturated)' : p99ok ? 'yes' : 'no',
      idleOk ? 'yes' : 'no',
      fmt(frameBytes / 1024, 1),
    ];
  }),
);
for (const v of verdicts) console.log(`Targets at ${v}`);

// The patch question, on the recorded consecutive snapshots of this board. The BFF publishes
// after each source's poll, so a pair differs either by an operators poll or by a groups poll.
const snapshots = snapshotFrames.map((f) => JSON.parse(frameJson(f.bytes)) as Snapshot);
const pairs = measureDiffs(snapshots);
const afterOperators = pairs.filter((p) => p.changedOperators > 0);
const afterGroups = pairs.filter((p) => p.changedOperators === 0);
console.log(
  `\nFull snapshot vs keyed diff (changed/removed rows by id) of consecutive snapshots, medians; ${SIM_SPEED} simulated s per real s, so an operators poll sees ~${fmt((SIM_SPEED * POLL_MS) / 1000)} s of activity:`,
);
const diffRow = (label: string, d: ReturnType<typeof summarise>) => [
  label,
  d.pairs,
  d.operators,
  kb(d.fullBytes),
  kb(d.fullGzipBytes),
  kb(d.diffBytes),
  kb(d.diffGzipBytes),
  `${fmt((100 * d.diffBytes) / d.fullBytes)} %`,
  d.changedOperators,
  fmt(d.serialiseMs, 2),
  fmt(d.diffMs, 2),
];
printTable(
  [
    'pairs',
    'n',
    'operators',
    'full',
    'full gzip',
    'diff',
    'diff gzip',
    'diff/full',
    'operators changed',
    'serialise ms',
    'diff+serialise ms',
  ],
  [
    diffRow('after an operators poll', summarise(afterOperators)),
    diffRow('after a groups poll', summarise(afterGroups)),
    diffRow('all', summarise(pairs)),
  ],
);
const d = summarise(afterOperators.length ? afterOperators : pairs);
const saved = d.fullBytes - d.diffBytes;
const pays = d.diffBytes < 0.5 * d.fullBytes;
console.log(
  `Verdict: even after an operators poll a diff is ${fmt((100 * d.diffBytes) / d.fullBytes)} % of a full snapshot and costs ${fmt(d.diffMs, 2)} ms once per snapshot against ${fmt(d.serialiseMs, 2)} ms to serialise (still needed for new clients), saving ${fmt((saved * 1000) / MB)} MB of writes per snapshot at 1,000 clients: ${pays ? 'it pays for itself' : 'it does not pay for itself'}.`,
);
console.log(
  '\nNote: 2 shared cores; the simulator, the load generator and both servers share them: figures are noisy.',
);
process.exit(0);
