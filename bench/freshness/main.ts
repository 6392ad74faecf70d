// bench/freshness (issue 14.1): from a state change in the simulator to that change on a stream
// client, with VIGIE_FAST_STATES off and on side by side (two simulators of one seed, one BFF
// each), for 40 and 150 operators: p50/p95, upstream calls per minute, the 30 s audit.
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, wireState, type RunningSimulator } from '@vigie/axialys-sim';
import type { Snapshot } from '@vigie/contract';
import { guard, startBff, type BffChild } from '../lib/processes';
import { fmt, percentile, printHeader, printTable, sleep } from '../lib/report';

const env = process.env;
/** Changes made in this window are measured; then the tail lets the 30 s poll show them. */
const CHANGES_MS = Number(env['BENCH_FRESHNESS_CHANGES_MS'] ?? 60_000);
const TAIL_MS = Number(env['BENCH_FRESHNESS_TAIL_MS'] ?? 35_000);
const WARM_UP_MS = 5_000;
/** operators:budget pairs; the budget is VIGIE_FAST_STATES_MAX_PER_MIN (default 60). */
const RUNS = (env['BENCH_FRESHNESS_RUNS'] ?? '40:60,150:60,150:150').split(',').map((r) => {
  const [ops, budget] = r.split(':').map(Number);
  if (!ops || !budget) throw new Error(`BENCH_FRESHNESS_RUNS: expected ops:budget, got ${r}`);
  return { ops, budget };
});
const SAMPLE_MS = 100;

guard(RUNS.length * (CHANGES_MS + TAIL_MS + 60_000) + 60_000);
printHeader(
  `bench/freshness — state change in the simulator → stream client, VIGIE_FAST_STATES off vs on, sim speed 1, operators_init every 30 s, ${CHANGES_MS / 1000} s of changes + ${TAIL_MS / 1000} s tail per run`,
);

interface Change {
  id: number;
  state: string;
  /** Simulated ms (the simulator's and the BFF's time line). */
  at: number;
}

interface Seen {
  /** Simulated ms the snapshot reached the client. */
  recv: number;
  /** When the snapshot's operators_init answered. */
  pollAt: number;
  ops: Map<number, { state: string; stateAt: number | null }>;
}

/** Business hours today in the account's zone, so the centre is busy whatever the time of the run. */
function businessHours(): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  return `${day}T10:30:00`;
}

/** The simulator's "now" minus real now (speed 1: constant). */
function offsetOf(sim: RunningSimulator): number {
  sim.advance(0);
  return sim.centre.now() - Date.now();
}

/** Every wire-state change of every operator, read from the centre itself (ground truth). */
function watchChanges(sim: RunningSimulator): { changes: Change[]; stop(): void } {
  const changes: Change[] = [];
  const last = new Map<number, string>();
  const sample = () => {
    sim.advance(0);
    for (const op of sim.centre.operators) {
      const key = `${wireState(op.activity)}|${op.stateChangedAt}`;
      if (last.get(op.id) === key) continue;
      if (last.has(op.id))
        changes.push({ id: op.id, state: wireState(op.activity), at: op.stateChangedAt });
      last.set(op.id, key);
    }
  };
  sample();
  const t = setInterval(sample, SAMPLE_MS);
  return { changes, stop: () => clearInterval(t) };
}

/** One stream client: every snapshot with its arrival on the simulated time line. */
function watchStream(url: string, offset: number): { seen: Seen[]; stop(): void } {
  const seen: Seen[] = [];
  let buf = '';
  const req = request(`${url}/api/stream`, { headers: { accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (!block.includes('event: snapshot')) continue;
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (!data) continue;
        const s = JSON.parse(data.slice(6)) as Snapshot;
        const pollAt = s.upstream.sources.operators.lastSuccessAt;
        if (!pollAt) continue;
        seen.push({
          recv: Date.now() + offset,
          pollAt: Date.parse(pollAt),
          ops: new Map(
            s.operators.map((o) => [
              o.id,
              { state: o.state, stateAt: o.stateAt ? Date.parse(o.stateAt) : null },
            ]),
          ),
        });
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { seen, stop: () => req.destroy() };
}

/**
 * The delay of each change: the first snapshot showing the new state from an observation made
 * after the change (the poll's answer or the op_details read), before the operator changed again.
 */
function delays(changes: Change[], seen: Seen[], from: number, to: number) {
  const out = { delays: [] as number[], superseded: 0, unseen: 0, total: 0 };
  const byOp = new Map<number, Change[]>();
  for (const c of changes) byOp.set(c.id, [...(byOp.get(c.id) ?? []), c]);
  for (const list of byOp.values()) {
    list.forEach((c, i) => {
      if (c.at < from || c.at >= to) return;
      out.total += 1;
      const next = list[i + 1]?.at ?? Infinity;
      const hit = seen.find((s) => {
        if (s.recv < c.at) return false;
        const o = s.ops.get(c.id);
        return o?.state === c.state && (o.stateAt ?? s.pollAt) >= c.at - 1000;
      });
      if (hit && hit.recv < next) out.delays.push((hit.recv - c.at) / 1000);
      else if (next < Infinity) out.superseded += 1;
      else out.unseen += 1;
    });
  }
  return out;
}

async function metric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(name))
    .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
}

interface Side {
  mode: 'off' | 'on';
  sim: RunningSimulator;
  bff: BffChild;
  offset: number;
  changes: ReturnType<typeof watchChanges>;
  stream: ReturnType<typeof watchStream>;
}

async function side(mode: 'off' | 'on', ops: number, budget: number): Promise<Side> {
  const sim = await startSimulator({
    port: 0,
    seed: 1,
    speed: 1,
    operators: ops,
    groups: ops >= 100 ? 8 : 5,
    startAt: businessHours(),
    rateLimitMs: 30_000,
  });
  const offset = offsetOf(sim);
  const t0 = Date.now();
  const bff = await startBff(
    sim,
    {
      SOAK_SIM_T0: String(t0),
      SOAK_SIM_START: String(t0 + offset),
      SOAK_SPEED: '1',
      VIGIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigie-freshness-')),
      VIGIE_BACKFILL_MAX_CALLS: '0',
      VIGIE_FAST_STATES: mode,
      VIGIE_FAST_STATES_MAX_PER_MIN: String(budget),
    },
    'bench/freshness/bff.ts',
  );
  return {
    mode,
    sim,
    bff,
    offset,
    changes: watchChanges(sim),
    stream: watchStream(bff.url, offset),
  };
}

const rows: (string | number)[][] = [];
for (const { ops, budget } of RUNS) {
  const sides = await Promise.all([side('off', ops, budget), side('on', ops, budget)]);
  await sleep(WARM_UP_MS);
  const starts = sides.map((s) => ({
    at: Date.now() + s.offset,
    real: Date.now(),
    calls: { ...s.sim.audit().byEndpoint },
  }));
  await sleep(CHANGES_MS + TAIL_MS);
  for (const [i, s] of sides.entries()) {
    const start = starts[i]!;
    const minutes = (Date.now() - start.real) / 60_000;
    const audit = s.sim.audit();
    const perMin = (endpoint: string) =>
      ((audit.byEndpoint[endpoint] ?? 0) - (start.calls[endpoint] ?? 0)) / minutes;
    const d = delays(s.changes.changes, s.stream.seen, start.at, start.at + CHANGES_MS);
    // The budget's own measure: 3.4 + 3.5 calls in the busiest sliding minute of the whole run.
    const fast = audit.entries
      .filter((e) => e.endpoint === 'calls_status' || e.endpoint === 'op_details')
      .map((e) => Date.parse(e.at));
    const busiest = Math.max(
      0,
      ...fast.map((t) => fast.filter((x) => x > t - 60_000 && x <= t).length),
    );
    rows.push([
      `${ops}`,
      s.mode === 'on' ? `on, ${budget}/min` : 'off',
      d.total,
      d.delays.length,
      d.superseded,
      d.unseen,
      fmt(percentile(d.delays, 50), 1),
      fmt(percentile(d.delays, 95), 1),
      fmt(perMin('operators_init'), 1),
      fmt(perMin('calls_status'), 1),
      fmt(perMin('op_details'), 1),
      fmt(perMin('calls_status') + perMin('op_details'), 1),
      busiest,
      s.mode === 'on' ? await metric(s.bff.url, 'vigie_fast_states_budget_exhausted_total') : '–',
      audit.violations,
    ]);
    s.changes.stop();
    s.stream.stop();
    await s.bff.stop();
    await s.sim.close();
  }
}

printTable(
  [
    'operators',
    'fast states',
    'changes',
    'seen',
    'superseded',
    'unseen',
    'p50 s',
    'p95 s',
    'operators_init/min',
    '3.4/min',
    '3.5/min',
    '3.4+3.5/min',
    'busiest minute',
    'budget ran out',
    'audit violations',
  ],
  rows,
);
console.log(
  'seen: shown on the stream before the operator changed again; superseded: changed again before any snapshot showed it (a short ring, say); unseen: not shown by the end of the tail. p50/p95 over the seen ones. Busiest minute: 3.4 + 3.5 calls in any sliding minute of the run (the measure of the budget; the start-up history counts one).',
);
