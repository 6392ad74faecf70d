// bench/cluster: three BFFs on Redis with 3,000 clients each against one BFF with 9,000, on the same snapshot stream.
// Prints delivery delay (takenAt → receipt) p50/p99/max, RSS per instance, and what Redis adds (publish → receipt).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator } from '@vigie/axialys-sim';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLIENTS = Number(process.env['BENCH_CLUSTER_CLIENTS'] ?? 9000);
const MEASURE_MS = Number(process.env['BENCH_CLUSTER_MEASURE_MS'] ?? 20_000);
const POLL_MS = 1000;
const CLIENT_PROCS = 3;
const children = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Every child dies with the bench, whatever happens.
const killAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
setTimeout(() => {
  console.error('bench/cluster: over its budget, stopping');
  process.exit(2);
}, 6 * 60_000).unref();

function track(c: ChildProcess): ChildProcess {
  children.add(c);
  c.once('exit', () => children.delete(c));
  return c;
}

async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.on('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => ok(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function until(what: string, fn: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn().catch(() => false))) {
    if (Date.now() > end) throw new Error(`bench/cluster: timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function startRedis(): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-redis-'));
  const proc = track(
    spawn(
      '/usr/bin/redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      {
        stdio: 'ignore',
      },
    ),
  );
  const url = `redis://127.0.0.1:${port}`;
  await sleep(300);
  return {
    url,
    stop: () => {
      proc.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Bff {
  url: string;
  proc: ChildProcess;
}

async function startBff(sim: RunningSimulator, env: Record<string, string>): Promise<Bff> {
  const port = await freePort();
  const proc = track(
    spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/server.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        AXIALYS_URL: sim.url,
        AXIALYS_USER: sim.user,
        AXIALYS_PASSWORD: sim.password,
        VIGIE_AUTH: 'off',
        // Every bench client comes from 127.0.0.1: lift the per-address stream caps (issue 5).
        VIGIE_MAX_STREAMS_PER_PRINCIPAL: '100000',
        VIGIE_MAX_STREAMS_PER_IP: '100000',
        ALLOW_FAST_POLL: '1',
        POLL_OPERATORS_MS: String(POLL_MS),
        POLL_GROUPS_MS: String(POLL_MS * 2),
        UPSTREAM_TIMEOUT_MS: '2000',
        LOG_LEVEL: 'warn',
        ...env,
      },
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await until('a BFF to be ready', async () => (await fetch(`${url}/readyz`)).ok);
  return { url, proc };
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function runClients(
  urls: string[],
  total: number,
): Promise<{ delays: number[]; connected: number; failed: number }> {
  const per = Math.ceil(total / CLIENT_PROCS);
  const results = await Promise.all(
    Array.from({ length: CLIENT_PROCS }, (_, i) => {
      const url = urls[i % urls.length]!;
      const proc = track(
        spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            'bench/cluster/clients.ts',
            `${url}/api/stream`,
            String(per),
            String(MEASURE_MS),
          ],
          {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        ),
      );
      let out = '';
      proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      return new Promise<{ delays: [number, number][]; connected: number; failed: number }>(
        (ok, ko) =>
          proc.once('exit', () => {
            try {
              ok(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'));
            } catch (err) {
              ko(err as Error);
            }
          }),
      );
    }),
  );
  return {
    // Expand the per-process histograms (delay ms, count) into one sorted list of receipts.
    delays: results.flatMap((r) => r.delays.flatMap(([d, n]) => Array<number>(n).fill(d))),
    connected: results.reduce((n, r) => n + r.connected, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** p-quantile of a Prometheus histogram (upper bound of the bucket that holds it). */
async function histogramQuantiles(url: string, name: string, qs: number[]): Promise<number[]> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = [
    ...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)`, 'gm')),
  ].map((m) => ({
    le: m[1] === '+Inf' ? Infinity : Number(m[1]),
    n: Number(m[2]),
  }));
  const total = buckets.at(-1)?.n ?? 0;
  return qs.map((q) => buckets.find((b) => b.n >= q * total)?.le ?? NaN);
}

async function stopAll(bffs: Bff[]): Promise<void> {
  await Promise.all(
    bffs.map(
      (b) =>
        new Promise<void>((r) => {
          if (b.proc.exitCode !== null) return r();
          b.proc.once('exit', () => r());
          b.proc.kill('SIGTERM');
          setTimeout(() => b.proc.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 1 : 0)} ms` : '—');

async function scenario(name: string, sim: RunningSimulator, envs: Record<string, string>[]) {
  const bffs: Bff[] = [];
  for (const env of envs) bffs.push(await startBff(sim, env));
  await sleep(1500);
  const r = await runClients(
    bffs.map((b) => b.url),
    CLIENTS,
  );
  const rss = bffs.map((b) => rssMiB(b.proc.pid));
  const redisCost = envs[0]?.['REDIS_URL']
    ? await Promise.all(
        bffs.map((b) => histogramQuantiles(b.url, 'vigie_cluster_fanout_seconds', [0.5, 0.99])),
      )
    : null;
  await stopAll(bffs);
  const sorted = r.delays.sort((a, b) => a - b);
  return { name, instances: bffs.length, ...r, sorted, rss, redisCost };
}

const sim = await startSimulator({ port: 0, seed: 7, rateLimitMs: POLL_MS });
const redis = await startRedis();
try {
  console.log(
    `bench/cluster — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
  );
  console.log(
    `${CLIENTS} SSE clients, ${MEASURE_MS / 1000} s of snapshots (operators_init every ${POLL_MS} ms), 40 operators / 5 groups\n`,
  );
  const one = await scenario('1 BFF', sim, [{}]);
  const three = await scenario(
    '3 BFFs + Redis',
    sim,
    [1, 2, 3].map((n) => ({
      REDIS_URL: redis.url,
      VIGIE_INSTANCE_ID: `bench-${n}`,
      VIGIE_LEASE_MS: '5000',
    })),
  );
  console.log(
    '| setup | clients/instance | connected | snapshots received | delay p50 | p99 | max | RSS per instance |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const s of [one, three]) {
    console.log(
      `| ${s.name} | ${Math.round(CLIENTS / s.instances)} | ${s.connected}${s.failed ? ` (${s.failed} failed)` : ''} | ${s.sorted.length} | ${ms(quantile(s.sorted, 0.5))} | ${ms(quantile(s.sorted, 0.99))} | ${ms(s.sorted.at(-1) ?? NaN)} | ${s.rss.map((m) => `${m.toFixed(0)} MiB`).join(', ')} |`,
    );
  }
  if (three.redisCost) {
    console.log(
      '\nWhat Redis adds: leader publish → receipt at each instance (histogram bucket bounds)',
    );
    console.log('| instance | p50 ≤ | p99 ≤ |');
    console.log('|---|---|---|');
    three.redisCost.forEach(([p50, p99], i) =>
      console.log(`| bench-${i + 1} | ${ms((p50 ?? NaN) * 1000)} | ${ms((p99 ?? NaN) * 1000)} |`),
    );
  }
  console.log(
    `\naudit: ${sim.audit().operatorsInitCalls} operators_init, ${sim.audit().violations} violations`,
  );
} finally {
  redis.stop();
  await sim.close();
  killAll();
}
