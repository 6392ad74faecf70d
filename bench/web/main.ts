// bench/web: the SPA in Debian's Chromium — bytes on the wire per page, JS per route, time to apply a 1,000-operator snapshot, heap over updates, and the wall on a TV's processor (tv.ts).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startSimulator } from '@vigie/axialys-sim';
import { chromium, type Browser } from 'playwright-core';
import { guard, REPO_ROOT, startBff } from '../lib/processes';
import { fmt, kb, median, percentile, printHeader, printTable, sleep } from '../lib/report';
import { INSTRUMENT_JS, type BenchState } from './instrument';
import { startFakeBff } from './server';
import { runTv } from './tv';
import { syntheticSnapshot } from './synthetic';
import { wireBytes } from './wire';

const OPERATORS = Number(process.env['BENCH_OPERATORS'] ?? 1000);
const GROUPS = 20;
const APPLY_SAMPLES = 30;
const HEAP_UPDATES = Number(process.env['BENCH_HEAP_UPDATES'] ?? 10_000);
const HEAP_BUDGET_MS = 120_000;
const WALL_BUDGET_GZIP = 250 * 1024;
/** Issue 12 §7: a first visit of the wall, everything Chromium received, at most 160 KB. */
const WALL_BUDGET_WIRE = 160 * 1024;
const VIEWPORT = { width: 1920, height: 1080 };
/** BENCH_WEB_ONLY=tv runs the TV section alone (issue 14 §2), =classic everything but it. */
const ONLY = process.env['BENCH_WEB_ONLY'] ?? '';
const envNumber = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

guard(25 * 60_000);
printHeader(
  `bench/web — ${OPERATORS} operators, ${GROUPS} groups, Chromium at ${VIEWPORT.width}×${VIEWPORT.height}`,
);

// BENCH_WEB_DIST: another build to measure (e.g. one kept from before a change, for before/after).
const dist = resolve(REPO_ROOT, process.env['BENCH_WEB_DIST'] ?? 'apps/web/dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('apps/web/dist is missing: run `pnpm --filter @vigie/web build` first');
  process.exit(1);
}
// A copy, so a rebuild by someone else during the run does not pull files from under the page.
const served = mkdtempSync(join(tmpdir(), 'vigie-bench-web-'));
cpSync(dist, served, { recursive: true });
console.log(
  `SPA built ${statSync(join(dist, 'index.html')).mtime.toISOString()} (${relative(REPO_ROOT, dist) || '.'})`,
);

let seq = 1;
const snapshotJson = (n: number) =>
  JSON.stringify(syntheticSnapshot(n, { operators: OPERATORS, groups: GROUPS, now: Date.now() }));
const bff = await startFakeBff(served, { json: snapshotJson(seq), seq });
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
let browser: Browser | null = null;

try {
  browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  console.log(
    `Chromium ${browser.version()}; snapshot of ${OPERATORS} operators: ${kb(Buffer.byteLength(snapshotJson(1)))}`,
  );

  if (ONLY !== 'tv') {
    // 0. Bytes on the wire per page: the real BFF (its compression) on the simulator's 40 operators.
    {
      const sim = await startSimulator({ port: 0, seed: 7 });
      const data = mkdtempSync(join(tmpdir(), 'vigie-bench-web-data-'));
      const real = await startBff(sim, { WEB_DIST_DIR: served, VIGIE_DATA_DIR: data });
      try {
        const snap = (await (await fetch(`${real.url}/api/snapshot`)).json()) as {
          operators: { id: number }[];
          groups: { id: number }[];
        };
        const operator = snap.operators[0]?.id ?? 1;
        const group = snap.groups[0]?.id ?? 1;
        const pages = [
          ['/wall', 'wall', '[data-testid="operator-tile"]'],
          ['/', 'supervisor', undefined],
          [`/operators/${operator}`, 'operator', undefined],
          [`/groups/${group}`, 'group', undefined],
          ['/stats', 'statistics', undefined],
        ] as const;
        const rows: (string | number)[][] = [];
        let wall = 0;
        for (const [path, label, ready] of pages) {
          const w = await wireBytes(browser, real.url + path, {
            viewport: VIEWPORT,
            ...(ready ? { ready } : {}),
          });
          if (path === '/wall') wall = w.total;
          rows.push([
            path,
            label,
            w.requests,
            kb(w.byKind['script'] ?? 0),
            kb(w.finished - (w.byKind['script'] ?? 0)),
            kb(w.open),
            kb(w.total),
            w.scriptEncodings.join(', '),
          ]);
        }
        console.log(
          `\nBytes on the wire per page (real BFF on the simulator's ${snap.operators.length} operators; fresh cache, until network idle + 1 s, the stream up to its first snapshot; CDP encodedDataLength, headers included):`,
        );
        printTable(
          [
            'page',
            'screen',
            'requests',
            'scripts',
            'rest (html, css, api)',
            'stream (1st snapshot)',
            'total',
            'script encoding',
          ],
          rows,
        );
        console.log(
          `Budget: the wall's first visit ${kb(wall)} on the wire, at most 160 KB: ${wall <= WALL_BUDGET_WIRE ? 'yes' : 'NO'}.`,
        );
      } finally {
        await real.stop();
        await sim.close();
        rmSync(data, { recursive: true, force: true });
      }
    }

    // 1. JavaScript each route loads, in a fresh context (empty cache), until the network is idle.
    const initial = new Set(
      [
        ...readFileSync(join(served, 'index.html'), 'utf8').matchAll(
          /(?:src|href)="(\/assets\/[^"]+\.js)"/g,
        ),
      ].map((m) => m[1]),
    );
    const routes = [
      ['/wall', 'wall'],
      ['/', 'supervisor'],
      ['/operators/1000', 'operator (no detail data)'],
      ['/groups/1', 'group (no trend data)'],
      ['/stats', 'statistics'],
    ] as const;
    const bundleRows: (string | number)[][] = [];
    let wallTotal = 0;
    for (const [path, label] of routes) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      const js = new Map<string, Promise<Buffer>>();
      page.on('response', (r) => {
        const u = new URL(r.url());
        if (u.pathname.endsWith('.js')) js.set(u.pathname, r.body());
      });
      await page.goto(bff.url + path, { waitUntil: 'networkidle' });
      await sleep(500);
      let raw = 0;
      let gz = 0;
      let gzInitial = 0;
      for (const [name, body] of js) {
        const b = await body;
        raw += b.length;
        const g = gzipSync(b, { level: 9 }).length;
        gz += g;
        if (initial.has(name)) gzInitial += g;
      }
      if (path === '/wall') wallTotal = gz;
      bundleRows.push([path, label, js.size, kb(raw), kb(gzInitial), kb(gz - gzInitial), kb(gz)]);
      await context.close();
    }
    console.log(
      '\nJavaScript loaded per route (fresh cache, until network idle; gzip -9 of each file):',
    );
    printTable(
      ['route', 'screen', 'files', 'raw', 'gzip initial (index.html)', 'gzip lazy', 'gzip total'],
      bundleRows,
    );
    console.log(
      `Budget: the wall's JavaScript ${kb(wallTotal)} gzip, at most 250 KB: ${wallTotal <= WALL_BUDGET_GZIP ? 'yes' : 'NO'}.`,
    );

    // 2. Time to apply a snapshot to the wall.
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript({ content: INSTRUMENT_JS });
    const page = await context.newPage();
    await page.goto(`${bff.url}/wall?shift=0`, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-testid="operator-tiles"] li', { timeout: 30_000 });
    await sleep(1000);
    const tiles = await page.locator('[data-testid="operator-tiles"] > li').count();
    const bench = () => page.evaluate(() => (window as unknown as { __bench: BenchState }).__bench);
    await page.evaluate(() => {
      const b = (window as unknown as { __bench: BenchState }).__bench;
      b.measure = true;
      b.longTasks.length = 0;
    });
    for (let i = 0; i < APPLY_SAMPLES; i++) {
      seq += 1;
      bff.push(snapshotJson(seq), seq);
      await sleep(400);
    }
    await sleep(1500);
    const state = await bench();
    const t = state.timings;
    const col = (k: 'handlerMs' | 'commitMs' | 'paintedMs') =>
      t.map((x) => x[k]).filter((v): v is number => v !== null);
    const row = (label: string, v: number[]) => [
      label,
      v.length,
      fmt(median(v), 1),
      fmt(percentile(v, 95), 1),
      fmt(Math.max(...v), 1),
    ];
    console.log(
      `\nApplying a ${OPERATORS}-operator snapshot to /wall (${t.length} updates 400 ms apart, ~5 % of operators change; ${tiles} tiles on screen, the rest paged):`,
    );
    printTable(
      ['from the snapshot event to', 'n', 'median ms', 'p95 ms', 'max ms'],
      [
        row("the app's listener returned", col('handlerMs')),
        row('the DOM commit', col('commitMs')),
        row('the next frame after it', col('paintedMs')),
        row('long tasks meanwhile (each)', state.longTasks),
      ],
    );
    const painted = median(col('paintedMs'));
    console.log(
      `Jank: median ${fmt(painted)} ms to screen, ${painted <= 50 ? 'within' : 'over'} a 50 ms long-task budget (3 frames at 60 Hz); ${state.longTasks.length} long tasks over ${APPLY_SAMPLES} updates.`,
    );

    // 3. Heap after 100 and after 10,000 updates (garbage collected first), fed as fast as the page reads.
    await page.evaluate(() => {
      (window as unknown as { __bench: BenchState }).__bench.measure = false;
    });
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const h = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      return { used: h.usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
    };
    const heapRows: (string | number)[][] = [];
    const start = await page.evaluate(
      () => (window as unknown as { __bench: BenchState }).__bench.arrivals,
    );
    const feed = async (upTo: number, deadline: number): Promise<number> => {
      let sent =
        (await page.evaluate(
          () => (window as unknown as { __bench: BenchState }).__bench.arrivals,
        )) - start;
      while (sent < upTo && Date.now() < deadline) {
        for (let i = 0; i < 20 && sent < upTo; i++, sent++) {
          seq += 1;
          bff.push(snapshotJson(seq), seq);
        }
        // Back-pressure: at most 40 snapshots ahead of what the page has taken in.
        while (
          Date.now() < deadline &&
          sent -
            ((await page.evaluate(
              () => (window as unknown as { __bench: BenchState }).__bench.arrivals,
            )) -
              start) >
            40
        )
          await sleep(10);
      }
      while (
        Date.now() < deadline &&
        (await page.evaluate(
          () => (window as unknown as { __bench: BenchState }).__bench.arrivals,
        )) -
          start <
          sent
      )
        await sleep(20);
      await sleep(1000);
      return (
        (await page.evaluate(
          () => (window as unknown as { __bench: BenchState }).__bench.arrivals,
        )) - start
      );
    };
    const t0 = Date.now();
    const deadline = t0 + HEAP_BUDGET_MS;
    const marks: { updates: number; used: number }[] = [];
    for (const target of [100, 1000, 2500, 5000, HEAP_UPDATES]) {
      if (Date.now() >= deadline || target > HEAP_UPDATES) break;
      const reached = await feed(target, deadline);
      const h = await heap();
      marks.push({ updates: reached, used: h.used });
      heapRows.push([
        reached,
        fmt(h.used / 2 ** 20, 1),
        h.nodes,
        h.listeners,
        fmt((Date.now() - t0) / 1000, 1),
      ]);
      if (reached < target) break;
    }
    console.log(
      `\nJS heap of the wall after garbage collection (CDP), snapshots of ${OPERATORS} operators fed as fast as the page takes them (at most ${HEAP_BUDGET_MS / 1000} s):`,
    );
    printTable(['updates', 'JS heap MB', 'DOM nodes', 'JS listeners', 'elapsed s'], heapRows);
    const first = marks[0];
    // Caches and JIT settle in the first thousands of updates: judge the slope over the later half.
    const ref = marks[Math.floor(marks.length / 2)] ?? first;
    const last = marks.at(-1);
    if (first && ref && last) {
      const growth = last.used - ref.used;
      const perK = (growth / Math.max(1, last.updates - ref.updates)) * 1000;
      console.log(
        `Memory: ${fmt(first.used / 2 ** 20, 1)} MB after ${first.updates} updates, ${fmt(last.used / 2 ** 20, 1)} MB after ${last.updates}${last.updates < HEAP_UPDATES ? ` (the ${HEAP_BUDGET_MS / 1000} s budget ran out before ${HEAP_UPDATES})` : ''}; from ${ref.updates} on, ${growth >= 0 ? '+' : ''}${fmt(growth / 1024)} KB (${fmt(perK / 1024, 1)} KB per 1,000 updates): ${Math.abs(growth) < 0.05 * ref.used ? 'flat' : 'growing — look for a leak'}.`,
      );
    }
    await context.close();
  }

  // 4. The wall on a TV's processor (issue 14 §2).
  if (ONLY !== 'classic')
    await runTv(browser, {
      served,
      viewports: [
        { width: 1920, height: 1080 },
        { width: 3840, height: 2160 },
      ],
      operators: [150, 1000],
      rate: envNumber('BENCH_TV_RATE', 4),
      samples: envNumber('BENCH_TV_SAMPLES', 30),
      // One snapshot per group poll (15 s) over a 12-hour day: 2,880 patches.
      dayHours: envNumber('BENCH_TV_DAY_HOURS', 12),
      dayStepSeconds: envNumber('BENCH_TV_DAY_STEP_S', 15),
      // BENCH_TV_DAY_VIEWPORTS=1920x1080,3840x2160 for both.
      dayViewports: (process.env['BENCH_TV_DAY_VIEWPORTS'] ?? '1920x1080').split(',').map((v) => {
        const [width, height] = v.split('x').map(Number);
        return { width: width ?? 1920, height: height ?? 1080 };
      }),
      dayRate: envNumber('BENCH_TV_DAY_RATE', 1),
    });
} finally {
  await browser?.close();
  await bff.close();
  rmSync(served, { recursive: true, force: true });
}
console.log(
  'Note: 2 shared cores, software rendering (--disable-gpu): times are noisy and pessimistic.',
);
process.exit(0);
