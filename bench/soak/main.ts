// bench/soak: a week of faults — the BFF on the simulator at 600×, a fault every hour, daily restarts, 200 streams, one wall.
// Not run by `pnpm bench` alone: `pnpm bench soak`, or `node --import tsx bench/soak/main.ts --days=1 --speed=1200`.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { guard, REPO_ROOT } from '../lib/processes';
import { fmt, printHeader, printTable } from '../lib/report';
import { runSoak, type MemoryFigure, type WallProbe } from './engine';
import { chromiumWall } from './wall';

/** `--name=value` on the command line, else SOAK_NAME in the environment, else the default. */
function option(name: string, fallback: string): string {
  const flag = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (flag) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : 'true';
  if (process.argv.includes(`--no-${name}`)) return 'false';
  return process.env[`SOAK_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
}
function numberOption(name: string, fallback: number, min: number): number {
  const v = Number(option(name, String(fallback)));
  if (!Number.isFinite(v) || v < min) {
    console.error(`bench/soak: --${name} expects a number ≥ ${min}`);
    process.exit(2);
  }
  return v;
}

const days = numberOption('days', 7, 0.05);
const speed = numberOption('speed', 600, 1);
const clients = Math.round(numberOption('clients', 200, 0));
const faultMinutes = numberOption('fault-minutes', 20, 1);
const withWall = !['false', '0', 'no', 'off'].includes(option('wall', 'true'));

const expectedMs = (days * 86_400_000) / speed;
// Start-up, the restarts and the final checks on top of the simulated time; then it stops itself.
const budgetMs = expectedMs * 1.3 + 5 * 60_000;
guard(budgetMs);
printHeader(
  `bench/soak — ${days} simulated day(s) at ${speed}×, ${clients} stream clients, wall ${withWall ? 'on' : 'off'}, a fault every simulated hour for ${faultMinutes} min`,
);
console.log(
  `Runs ~${fmt(expectedMs / 60_000, 1)} real minutes (stops itself after ${fmt(budgetMs / 60_000, 0)}); a line per simulated day.`,
);

let wall: WallProbe | null = null;
if (withWall) {
  if (!existsSync(join(REPO_ROOT, 'apps/web/dist/index.html'))) {
    console.error(
      'apps/web/dist is missing: run `pnpm --filter @vigie/web build` first (or --no-wall)',
    );
    process.exit(1);
  }
  wall = chromiumWall();
}

const r = await runSoak({
  days,
  speed,
  clients,
  faultMinutes,
  wall,
  log: (l) => console.log(l),
});

const mb = (b: number | undefined) => (b === undefined ? '–' : `${fmt(b / 2 ** 20, 1)} MB`);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? '–' : `×${fmt(b / a, 2)}`;
const flat = (x: number) => x >= 0.9 && x <= 1.1;
const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'PASS' : 'FAIL');
const mem = (k: keyof MemoryFigure) => {
  const s = r.memory.start?.[k];
  const e = r.memory.end?.[k];
  return { s, e, ok: s === undefined || e === undefined ? null : flat(e / s) };
};
const rss = mem('rss');
const heap = mem('heap');
const worst = r.memory.worstLife;
const h = r.history;
const wallHeapOk = r.wall ? flat(r.wall.end.heapBytes / r.wall.start.heapBytes) : null;
const wallDomOk = r.wall ? flat(r.wall.end.domNodes / r.wall.start.domNodes) : null;

console.log(
  `\nSimulated ${r.simFrom} → ${r.simTo} in ${fmt(r.realMs / 60_000, 1)} real minutes; faults injected: ${
    Object.entries(r.faultsInjected)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ') || 'none'
  }; BFF restarts: SIGTERM ×${r.sigterms}, SIGKILL ×${r.sigkills}.`,
);
if (r.kindsUnavailable.length)
  console.log(
    `Fault kinds unavailable in this simulator (not injected): ${r.kindsUnavailable.map((u) => `${u.name} (${u.reason})`).join('; ')}.`,
  );
const rows: (string | number)[][] = [
  [
    'crashes (BFF exits the bench did not cause)',
    0,
    r.crashes.length,
    verdict(r.crashes.length === 0),
  ],
  [
    'SIGTERM not honoured (exit 0 within 15 s)',
    0,
    r.uncleanStops.length,
    verdict(r.uncleanStops.length === 0),
  ],
  [
    'upstream audit violations (/sim/audit, 429)',
    0,
    r.audit.violations,
    verdict(r.audit.violations === 0),
  ],
  [
    'BFF RSS start → end (after warm-up)',
    'flat ±10 %',
    `${mb(rss.s)} → ${mb(rss.e)} (${ratio(rss.s, rss.e)})`,
    verdict(rss.ok),
  ],
  [
    'BFF heap used start → end',
    'flat ±10 %',
    `${mb(heap.s)} → ${mb(heap.e)} (${ratio(heap.s, heap.e)})`,
    verdict(heap.ok),
  ],
  [
    'BFF growth within one life, worst (RSS / heap)',
    '≤ ×1.10',
    worst ? `×${fmt(worst.rss, 2)} / ×${fmt(worst.heap, 2)}` : '–',
    verdict(worst ? worst.rss <= 1.1 && worst.heap <= 1.1 : null),
  ],
  [
    'stream clients live at the end',
    `all (${r.clients.n})`,
    `${r.clients.liveSince}/${r.clients.n}`,
    verdict(r.clients.liveSince === r.clients.n),
  ],
  [
    'history hours above the simulator call log',
    0,
    `${h.over.length} of ${h.hours}${
      h.worst
        ? ` (worst ${h.worst.day} ${h.worst.hour}h group ${h.worst.groupId}: ${h.worst.stored} stored, log ${h.worst.log}, allowed ${h.worst.allowed})`
        : ''
    }`,
    verdict(h.over.length === 0),
  ],
  [
    'wall JS heap start → end (after GC)',
    'flat ±10 %',
    r.wall
      ? `${mb(r.wall.start.heapBytes)} (${r.wall.start.simAt}) → ${mb(r.wall.end.heapBytes)} (${r.wall.end.simAt}) (${ratio(r.wall.start.heapBytes, r.wall.end.heapBytes)})`
      : 'wall off',
    verdict(wallHeapOk),
  ],
  [
    'wall DOM nodes start → end',
    'flat ±10 %',
    r.wall ? `${r.wall.start.domNodes} → ${r.wall.end.domNodes}` : 'wall off',
    verdict(wallDomOk),
  ],
  [
    'wall receiving at the end (page loads)',
    'yes (1)',
    r.wall ? `${r.wall.live ? 'yes' : 'NO'} (${r.wall.loads})` : 'wall off',
    verdict(r.wall ? r.wall.live : null),
  ],
];
console.log('');
printTable(['figure', 'goal', 'measured', ''], rows);
console.log(
  `History: ${h.storedCalls} calls stored against ${h.logCalls} passages in the simulator's log over ${h.hours} group-hours (${h.strictOver} hours above the log strictly; an edge of ±${fmt(r.historyToleranceMs / 60_000, 1)} simulated min is allowed, the BFF's largest counted gap between polls).`,
);
console.log(
  `Restarts took ${r.restartMs.map((ms) => `${fmt(ms / 1000, 1)} s`).join(', ') || '–'} real (signal to /healthz). Upstream requests: ${Object.entries(
    r.audit.byEndpoint,
  )
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}.`,
);
console.log(
  `Streams: ${r.clients.connects} connections (${r.clients.connects - r.clients.n} reconnections), ${r.clients.failedAttempts} refused or failed attempts, ${r.clients.snapshots} snapshots received. Audit: ${r.audit.operatorsInitCalls} operators_init calls.`,
);
console.log(
  `BFF lives: ${r.memory.lives.map((l) => `${l.end} (${l.samples.length} samples)`).join(', ')}.`,
);
for (const c of r.crashes)
  console.log(`\nCrash at ${c.simAt} (sim): exit ${c.code ?? c.signal}\n${c.logTail}`);
for (const u of r.uncleanStops) console.log(`Unclean stop: ${u}`);
for (const o of h.over.slice(0, 10))
  console.log(
    `  over: ${o.day} ${String(o.hour).padStart(2, '0')}h group ${o.groupId}: stored ${o.stored}, log ${o.log}, allowed ${o.allowed}`,
  );
if (h.over.length > 10) console.log(`  … and ${h.over.length - 10} more hours over`);
console.log(
  `Load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${cpus().length} cores.`,
);
console.log(
  'Note: 2 shared cores; the BFF, the simulator and the clients share them: memory figures are taken after a forced full GC (SIGUSR2, bench/soak/gc-hook.ts), medians of 3 samples at each end.',
);
const failed = rows.filter((row) => row[3] === 'FAIL').length;
console.log(failed ? `\n${failed} goal(s) missed.` : '\nEvery goal met.');
process.exit(failed ? 1 : 0);
