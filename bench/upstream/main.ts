// bench/upstream: what the BFF asks of Axialys with 1 viewer, 1,000 viewers and 50 viewers of one
// operator; the live oldest wait's own 4.2 calls per minute (issue 12.4) against its budget; and
// the group_stats (4.3) calls with 1, 2 and 4 distinct per-queue service levels (issue 13 §3).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type AuditReport, type RequestRecord } from '@vigie/axialys-sim';
import type { QueuesReply, Snapshot } from '@vigie/contract';
import { guard, spawnNode, startBff } from '../lib/processes';
import { fmt, printHeader, printTable, sleep } from '../lib/report';
import type { ClientsCommand, ClientsReply } from '../fanout/protocol';

const env = process.env;
const DURATION_MS = Number(env['BENCH_DURATION_MS'] ?? 20_000);
const POLL_MS = Number(env['BENCH_POLL_MS'] ?? 1000);
const OPERATORS = Number(env['BENCH_OPERATORS'] ?? 100);
const VIEWERS = Number(env['BENCH_VIEWERS'] ?? 1000);
const DETAIL_VIEWERS = 50;
/** VIGIE_REALTIME_MAX_PER_MIN of the BFF under test (its default is 30). */
const REALTIME_MAX_PER_MIN = Number(env['BENCH_REALTIME_MAX_PER_MIN'] ?? 30);
/** VIGIE_MAX_SERVICE_LEVEL_PAIRS of the BFF under test (its default is 4). */
const MAX_PAIRS = Number(env['BENCH_MAX_SERVICE_LEVEL_PAIRS'] ?? 4);
/** POLL_GROUPS_MS's default: the per-minute figures are also given at this period. */
const PROD_GROUPS_MS = 15_000;
/** The BFF's promise for GET /api/operators/:id (issue 3): one upstream op_details per 5 s. */
const DETAILS_PERIOD_MS = 5000;

guard(5 * 60_000);
printHeader(
  `bench/upstream — ${OPERATORS} operators, polls every ${POLL_MS} ms (sim rateLimitMs ${POLL_MS}), ${DURATION_MS / 1000} s per run`,
);

const clients = spawnNode('bench/fanout/clients.ts', { ipc: true });
function ask<R>(
  proc: ChildProcess,
  msg: ClientsCommand | null,
  type: ClientsReply['type'],
): Promise<R> {
  return new Promise((ok, ko) => {
    const onExit = () => ko(new Error('the load generator exited'));
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      ok(m as R);
    };
    proc.on('message', onMessage);
    proc.once('exit', onExit);
    if (msg) proc.send(msg);
  });
}
await ask(clients.proc, null, 'ready');

/** A keep-alive GET loop: one client asking for the operator's detail again as soon as it has it. */
async function detailLoop(
  url: string,
  until: number,
  statuses: Map<number, number>,
): Promise<void> {
  while (Date.now() < until) {
    const status = await new Promise<number>((ok) => {
      const req = request(url, (res) => {
        res.resume();
        res.on('end', () => ok(res.statusCode ?? 0));
      });
      req.on('error', () => ok(0));
      req.end();
    });
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
}

/** guide 4.2 as the live oldest wait asks it: realtime, one group, no period (drill-downs send one). */
function isLiveWait(r: RequestRecord): boolean {
  if (r.endpoint !== 'stats_groups') return false;
  const q = new URLSearchParams(r.path.split('?')[1] ?? '');
  return q.has('include_realtime') && q.getAll('group_id').length === 1 && !q.has('from_date');
}

interface Run {
  label: string;
  audit: AuditReport;
  /** Live-wait calls (simulator request log) and the distinct groups they asked about. */
  liveWait: { calls: number; groups: number; perMinute: number; maxInAMinute: number };
  viewersConnected: number;
  snapshotsPerViewer: number;
  detailStatuses: Map<number, number>;
}

/** A fresh simulator (same seed) and a fresh BFF, `DURATION_MS` from its first successful poll. */
async function run(label: string, viewers: number, detailViewers: number): Promise<Run> {
  const sim = await startSimulator({
    port: 0,
    seed: 5,
    startAt: '2026-03-03T10:00:00+01:00',
    rateLimitMs: POLL_MS,
    operators: OPERATORS,
    groups: 10,
  });
  const bff = await startBff(sim, {
    ALLOW_FAST_POLL: '1',
    POLL_OPERATORS_MS: String(POLL_MS),
    POLL_GROUPS_MS: String(POLL_MS),
    VIGIE_REALTIME_MAX_PER_MIN: String(REALTIME_MAX_PER_MIN),
  });
  const started = Date.now();
  const until = started + DURATION_MS;
  const detailStatuses = new Map<number, number>();
  try {
    const c = await ask<Extract<ClientsReply, { type: 'connected' }>>(
      clients.proc,
      { cmd: 'connect', url: `${bff.url}/api/stream`, n: viewers, lastEventId: null },
      'connected',
    );
    await ask(clients.proc, { cmd: 'window', fromMs: 0 }, 'windowed');
    const loops: Promise<void>[] = [];
    if (detailViewers > 0) {
      let snapshot = (await (await fetch(`${bff.url}/api/snapshot`)).json()) as Snapshot;
      while (snapshot.operators.length === 0 && Date.now() < until) {
        await sleep(200);
        snapshot = (await (await fetch(`${bff.url}/api/snapshot`)).json()) as Snapshot;
      }
      const id = snapshot.operators[0]?.id ?? 1;
      for (let i = 0; i < detailViewers; i++)
        loops.push(detailLoop(`${bff.url}/api/operators/${id}`, until, detailStatuses));
    }
    await Promise.all(loops);
    await sleep(Math.max(0, until - Date.now()));
    const r = await ask<Extract<ClientsReply, { type: 'report' }>>(
      clients.proc,
      { cmd: 'report' },
      'report',
    );
    await ask(clients.proc, { cmd: 'closeAll' }, 'closed');
    const received = r.snapshots.reduce((s, x) => s + x.count, 0);
    const log = (await (await fetch(`${sim.url}/sim/requests`)).json()) as {
      requests: RequestRecord[];
    };
    const live = log.requests.filter(isLiveWait);
    const times = live.map((x) => Date.parse(x.at));
    const minutes = (Date.now() - started) / 60_000;
    return {
      label,
      audit: sim.audit(),
      liveWait: {
        calls: live.length,
        groups: new Set(live.map((x) => new URLSearchParams(x.path.split('?')[1]).get('group_id')))
          .size,
        perMinute: live.length / minutes,
        // The sliding minute the budget speaks of: the most calls in any 60 s of the run.
        maxInAMinute: Math.max(
          0,
          ...times.map((t) => times.filter((u) => u > t - 60_000 && u <= t).length),
        ),
      },
      viewersConnected: c.ok,
      snapshotsPerViewer: received / Math.max(1, c.ok),
      detailStatuses,
    };
  } finally {
    await bff.stop();
    await sim.close();
  }
}

const runs: Run[] = [];
try {
  runs.push(await run('1 viewer', 1, 0));
  runs.push(await run(`${VIEWERS.toLocaleString('en')} viewers`, VIEWERS, 0));
  runs.push(await run(`1 viewer + ${DETAIL_VIEWERS} on one operator`, 1, DETAIL_VIEWERS));
} finally {
  await clients.stop();
}

const endpoints = [...new Set(runs.flatMap((r) => Object.keys(r.audit.byEndpoint)))].sort();
const [one, many, detail] = runs as [Run, Run, Run];
console.log(
  `\nUpstream requests per endpoint (simulator audit), ${DURATION_MS / 1000} s from the first poll:`,
);
printTable(
  ['endpoint', one.label, many.label, 'difference', detail.label],
  [
    ...endpoints.map((e) => {
      const a = one.audit.byEndpoint[e] ?? 0;
      const b = many.audit.byEndpoint[e] ?? 0;
      return [
        e,
        a,
        b,
        b - a === 0 ? '0' : `${b - a > 0 ? '+' : ''}${b - a}`,
        detail.audit.byEndpoint[e] ?? 0,
      ];
    }),
    [
      'audit violations (429)',
      one.audit.violations,
      many.audit.violations,
      '',
      detail.audit.violations,
    ],
    ['viewers connected', one.viewersConnected, many.viewersConnected, '', detail.viewersConnected],
    [
      'snapshots per viewer',
      fmt(one.snapshotsPerViewer, 1),
      fmt(many.snapshotsPerViewer, 1),
      '',
      fmt(detail.snapshotsPerViewer, 1),
    ],
  ],
);

const detailAt = detail.audit.entries
  .filter((e) => e.endpoint === 'op_details')
  .map((e) => Date.parse(e.at));
const gaps = detailAt.slice(1).map((t, i) => t - detailAt[i]!);
const served = [...detail.detailStatuses.values()].reduce((s, n) => s + n, 0);
const statusText = [...detail.detailStatuses].map(([s, n]) => `${n}× ${s}`).join(', ');
const allowed = Math.ceil(DURATION_MS / DETAILS_PERIOD_MS);
console.log(
  `\n${DETAIL_VIEWERS} concurrent clients asking GET /api/operators/:id in a loop for ${DURATION_MS / 1000} s:`,
);
printTable(
  [
    'requests served',
    'per s',
    'op_details upstream',
    'allowed (1 per 5 s)',
    'smallest gap between op_details',
  ],
  [
    [
      `${served} (${statusText})`,
      fmt(served / (DURATION_MS / 1000)),
      detailAt.length,
      allowed,
      gaps.length ? `${fmt(Math.min(...gaps))} ms` : '–',
    ],
  ],
);

console.log(
  `\nLive oldest wait (guide 4.2 realtime, one group per call), budget VIGIE_REALTIME_MAX_PER_MIN=${REALTIME_MAX_PER_MIN}:`,
);
printTable(
  ['viewers', 'calls', 'groups asked', 'calls per minute', 'most in a sliding minute'],
  [one, many].map((r) => [
    r.label,
    r.liveWait.calls,
    r.liveWait.groups,
    fmt(r.liveWait.perMinute, 1),
    r.liveWait.maxInAMinute,
  ]),
);
const liveOk = [one, many].every((r) => r.liveWait.maxInAMinute <= REALTIME_MAX_PER_MIN);

/** Per-queue pairs beyond the default, set through PUT /api/queues/:id (first groups first). */
const EXTRA_PAIRS: readonly { answeredWithinS: number; abandonedWithinS: number }[] = [
  { answeredWithinS: 20, abandonedWithinS: 5 },
  { answeredWithinS: 30, abandonedWithinS: 10 },
  { answeredWithinS: 60, abandonedWithinS: 5 },
];

interface PairsRun {
  pairs: number;
  groupStatsPerMin: number;
  operatorsInitPerMin: number;
  violations: number;
  /** Distinct `nbr_repondu/nbr_abandonne` seen in the group_stats calls. */
  seen: number;
}

/** A fresh BFF with `pairs` distinct service levels; group_stats and operators_init per minute. */
async function pairsRun(pairs: number): Promise<PairsRun> {
  const sim = await startSimulator({
    port: 0,
    seed: 5,
    startAt: '2026-03-03T10:00:00+01:00',
    rateLimitMs: POLL_MS,
    operators: OPERATORS,
    groups: 10,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-pairs-'));
  const bff = await startBff(sim, {
    ALLOW_FAST_POLL: '1',
    POLL_OPERATORS_MS: String(POLL_MS),
    POLL_GROUPS_MS: String(POLL_MS),
    VIGIE_DATA_DIR: dataDir,
    VIGIE_MAX_SERVICE_LEVEL_PAIRS: String(MAX_PAIRS),
  });
  try {
    let queues: QueuesReply | null = null;
    while (!queues || queues.queues.length < 10) {
      await sleep(200);
      const r = await fetch(`${bff.url}/api/queues`);
      queues = r.ok ? ((await r.json()) as QueuesReply) : null;
    }
    for (const [i, pair] of EXTRA_PAIRS.slice(0, pairs - 1).entries()) {
      const id = queues.queues[i]?.id;
      const r = await fetch(`${bff.url}/api/queues/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...pair, version: null }),
      });
      if (!r.ok) throw new Error(`PUT /api/queues/${id}: ${r.status} ${await r.text()}`);
    }
    // Counted from here: every pair is in force.
    await sleep(POLL_MS);
    const before = sim.audit();
    const started = Date.now();
    await sleep(DURATION_MS);
    const after = sim.audit();
    const minutes = (Date.now() - started) / 60_000;
    const log = (await (await fetch(`${sim.url}/sim/requests`)).json()) as {
      requests: RequestRecord[];
    };
    const from = new Date(started).toISOString();
    const seen = new Set(
      log.requests
        .filter((r) => r.endpoint === 'group_stats' && r.at >= from)
        .map((r) => {
          const q = new URLSearchParams(r.path.split('?')[1] ?? '');
          return `${q.get('nbr_repondu')}/${q.get('nbr_abandonne')}`;
        }),
    );
    const delta = (e: string) => (after.byEndpoint[e] ?? 0) - (before.byEndpoint[e] ?? 0);
    return {
      pairs,
      groupStatsPerMin: delta('group_stats') / minutes,
      operatorsInitPerMin: delta('operators_init') / minutes,
      violations: after.violations - before.violations,
      seen: seen.size,
    };
  } finally {
    await bff.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pairRuns: PairsRun[] = [];
for (const n of [1, 2, 4].filter((n) => n <= MAX_PAIRS)) pairRuns.push(await pairsRun(n));
const scale = POLL_MS / PROD_GROUPS_MS;
console.log(
  `\nPer-queue service levels: guide 4.3 group_stats calls, one per distinct (answered, abandoned) pair per poll; budget VIGIE_MAX_SERVICE_LEVEL_PAIRS=${MAX_PAIRS}:`,
);
printTable(
  [
    'distinct pairs',
    'pairs seen upstream',
    `group_stats per minute (polls every ${POLL_MS} ms)`,
    `same at POLL_GROUPS_MS=${PROD_GROUPS_MS}`,
    'operators_init per minute',
    'audit violations',
  ],
  pairRuns.map((r) => [
    r.pairs,
    r.seen,
    fmt(r.groupStatsPerMin, 1),
    fmt(r.groupStatsPerMin * scale, 1),
    fmt(r.operatorsInitPerMin, 1),
    r.violations,
  ]),
);
const base1 = pairRuns[0]?.groupStatsPerMin ?? 0;
// One call per pair per poll: n pairs cost n times one pair's calls (poll timing aside).
const pairsOk = pairRuns.every(
  (r) =>
    r.seen === r.pairs && Math.abs(r.groupStatsPerMin - r.pairs * base1) <= r.pairs * base1 * 0.2,
);
const initSteady = pairRuns.every(
  (r) => Math.abs(r.operatorsInitPerMin - (pairRuns[0]?.operatorsInitPerMin ?? 0)) <= 6,
);

const identical = endpoints.every(
  (e) => (one.audit.byEndpoint[e] ?? 0) === (many.audit.byEndpoint[e] ?? 0),
);
const withinOne = endpoints.every(
  (e) => Math.abs((one.audit.byEndpoint[e] ?? 0) - (many.audit.byEndpoint[e] ?? 0)) <= 1,
);
const violations = runs.reduce((s, r) => s + r.audit.violations, 0);
const detailOk = detailAt.length <= allowed && gaps.every((g) => g >= DETAILS_PERIOD_MS - 50);
console.log(
  `\nTargets: identical upstream counts for 1 and ${VIEWERS} viewers: ${identical ? 'yes' : withinOne ? 'within one call per endpoint (poll timing, not viewers)' : 'NO'}; 0 audit violations: ${violations === 0 ? 'yes' : `NO (${violations})`}; at most one op_details per 5 s: ${detailOk ? 'yes' : 'NO'}; live oldest wait within ${REALTIME_MAX_PER_MIN} per sliding minute: ${liveOk ? 'yes' : 'NO'}; group_stats one call per pair per poll: ${pairsOk ? 'yes' : 'NO'}; operators_init unchanged by the pairs: ${initSteady ? 'yes' : 'NO'}.`,
);
console.log('Note: 2 shared cores; timings (not counts) are noisy.');
process.exit(0);
