// The soak itself: simulator (in process) + the real BFF as a child on its clock, faults every hour, restarts, clients, figures.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@vigie/axialys-sim';
import type { CoverageReply } from '@vigie/contract';
import { sampleProc } from '../lib/proc';
import { freePort, spawnNode, type NodeChild } from '../lib/processes';
import { median, sleep } from '../lib/report';
import type { ClientsCommand, ClientsReply, ClientsReport } from './clients';
import { compareHistory, hourKeyer, type HistoryComparison, type StoredHour } from './history';
import { faultKinds, probeKinds, type FaultKind } from './kinds';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Europe/Paris';

/** The browser side, kept out of this file so the integration test runs without Chromium. */
export interface WallProbe {
  open(url: string): Promise<void>;
  /** After a forced garbage collection. */
  sample(): Promise<{ heapBytes: number; domNodes: number }>;
  /** Real ms of the last message the page's EventSource received (0: none yet). */
  lastMessageAt(): number;
  /** Page loads (1 = never reloaded). */
  loads(): number;
  close(): Promise<void>;
}

interface WallSample {
  heapBytes: number;
  domNodes: number;
  /** Local simulated time of the sample (what is on the board depends on the hour). */
  simAt: string;
}

export interface SoakOptions {
  days: number;
  /** Simulated ms per real ms. */
  speed: number;
  clients: number;
  wall?: WallProbe | null;
  /** How long each fault lasts, in simulated minutes (it starts at :15 of every hour). */
  faultMinutes?: number;
  /** The BFF's poll period in real ms (POLL_*_MS = this × speed; the simulator's 3.2 spacing = this). */
  pollRealMs?: number;
  /** UPSTREAM_TIMEOUT_MS (undici, real ms). */
  timeoutRealMs?: number;
  /** Simulated hours after each BFF start before its memory counts. */
  warmupHours?: number;
  seed?: number;
  /** Local time in Europe/Paris, ISO 8601 without offset. */
  startAt?: string;
  log?: (line: string) => void;
}

interface MemorySample {
  sim: number;
  rss: number;
  heap: number;
}

interface Life {
  pid: number;
  startedSim: number;
  samples: MemorySample[];
  /** How it ended: 'SIGTERM' / 'SIGKILL' by the bench, 'crash', or 'end'. */
  end: string;
  /** Answered /healthz: its SIGUSR2 handler (gc-hook.ts) is installed, the default would kill it. */
  ready: boolean;
}

interface Crash {
  simAt: string;
  code: number | null;
  signal: string | null;
  logTail: string;
}

export interface MemoryFigure {
  rss: number;
  heap: number;
}

export interface SoakResult {
  realMs: number;
  simFrom: string;
  simTo: string;
  kindsAvailable: string[];
  kindsUnavailable: { name: string; reason: string }[];
  faultsInjected: Record<string, number>;
  sigterms: number;
  sigkills: number;
  /** Real ms from each restart's signal to the new BFF answering. */
  restartMs: number[];
  /** A SIGTERM the BFF did not honour with exit code 0 within 15 s. */
  uncleanStops: string[];
  crashes: Crash[];
  audit: { violations: number; operatorsInitCalls: number; byEndpoint: Record<string, number> };
  memory: {
    start: MemoryFigure | null;
    end: MemoryFigure | null;
    /** Largest end/start ratio within one BFF life (warm-up excluded). */
    worstLife: { rss: number; heap: number } | null;
    lives: Life[];
  };
  clients: ClientsReport;
  history: HistoryComparison;
  historyToleranceMs: number;
  wall: {
    start: WallSample;
    end: WallSample;
    live: boolean;
    loads: number;
  } | null;
}

function ask<R extends ClientsReply>(
  proc: ChildProcess,
  msg: ClientsCommand | null,
  type: R['type'],
): Promise<R> {
  return new Promise((ok, ko) => {
    const onExit = () => ko(new Error('the stream clients exited'));
    const onMessage = (m: ClientsReply) => {
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

async function getJson<T>(url: string, timeoutMs = 5000): Promise<T> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

const localFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});
/** `2026-03-02 11:35` in the account's zone. */
const localTime = (ms: number): string => localFormat.format(ms);

/** One figure from a Prometheus text page (first sample of `name`). */
function metricValue(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

/** Median of the first and of the last `k` samples after warm-up: GC makes single readings noisy. */
function ends(
  samples: readonly MemorySample[],
  k = 3,
): { first: MemoryFigure; last: MemoryFigure } | null {
  if (samples.length < 2) return null;
  const n = Math.min(k, Math.floor(samples.length / 2));
  const fig = (s: readonly MemorySample[]) => ({
    rss: median(s.map((x) => x.rss)),
    heap: median(s.map((x) => x.heap)),
  });
  return { first: fig(samples.slice(0, n)), last: fig(samples.slice(-n)) };
}

/**
 * What the board shows depends on the hour (3 night operators or 40 by day): the end is compared
 * with the first sample after warm-up taken at the same local hour, else with the first one.
 */
function wallBaseline(samples: readonly WallSample[], end: WallSample): WallSample | null {
  const hour = (w: WallSample) => w.simAt.slice(11, 13);
  return samples.find((w) => hour(w) === hour(end)) ?? samples[0] ?? null;
}

class BffSupervisor {
  child: NodeChild | null = null;
  readonly lives: Life[] = [];
  readonly crashes: Crash[] = [];
  readonly uncleanStops: string[] = [];
  /** Real ms from each bench signal to the new BFF answering /healthz. */
  readonly restartMs: number[] = [];
  private expected = false;
  private starting: Promise<void> | null = null;
  private closing = false;

  constructor(
    readonly url: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly simNow: () => number,
    private readonly log: (l: string) => void,
  ) {}

  get life(): Life | undefined {
    return this.lives.at(-1);
  }

  /** Spawns the BFF and waits until it answers /healthz (not /readyz: a fault may be in force). */
  start(): Promise<void> {
    this.starting ??= this.spawn().finally(() => (this.starting = null));
    return this.starting;
  }

  private async spawn(): Promise<void> {
    const child = spawnNode('bench/soak/bff.ts', { env: this.env });
    this.child = child;
    const life: Life = {
      pid: child.pid,
      startedSim: this.simNow(),
      samples: [],
      end: 'end',
      ready: false,
    };
    this.lives.push(life);
    child.proc.once('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      if (this.expected || this.closing) return;
      life.end = 'crash';
      this.crashes.push({
        simAt: new Date(this.simNow()).toISOString(),
        code,
        signal,
        logTail: child.logs().slice(-2000),
      });
      this.log(`  crash: the BFF exited (${code ?? signal}) — restarting it`);
      void this.start().catch((e: Error) => this.log(`  could not restart the BFF: ${e.message}`));
    });
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
      if (Date.now() > deadline)
        throw new Error(`the BFF did not answer within 90 s:\n${child.logs()}`);
      try {
        if ((await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) {
          // Warm-up counts from here: a start slowed by a loaded machine is not warm-up.
          life.startedSim = this.simNow();
          life.ready = true;
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
  }

  /** The bench's own restart: SIGTERM (a deploy) or SIGKILL (kill -9), then a new BFF on the same port and data. */
  async restart(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    await this.starting;
    const t = Date.now();
    const child = this.child;
    if (child) {
      this.expected = true;
      const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
        child.proc.once('exit', (code, sig) => r({ code, signal: sig })),
      );
      const life = this.life;
      if (life) life.end = signal;
      child.proc.kill(signal);
      const res = await Promise.race([exited, sleep(15_000).then(() => null)]);
      if (signal === 'SIGTERM' && (res === null || res.code !== 0)) {
        this.uncleanStops.push(
          `${new Date(this.simNow()).toISOString()}: ${res === null ? 'still running 15 s after SIGTERM (killed)' : `exit ${res.code ?? res.signal}`}`,
        );
      }
      if (res === null) {
        child.proc.kill('SIGKILL');
        await exited;
      }
      this.expected = false;
    }
    await this.start();
    this.restartMs.push(Date.now() - t);
  }

  /** A GET that outlives a restart or a crash: retried on a BFF (re)started, for up to a minute. */
  async getJson<T>(path: string): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await this.ensureUp();
        return await getJson<T>(this.url + path);
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await sleep(500);
      }
    }
  }

  /** Waits for a BFF: the one running, the one starting, or a new one if none. */
  async ensureUp(): Promise<void> {
    if (this.starting) await this.starting;
    else if (!this.child) await this.start();
  }

  async stop(): Promise<void> {
    this.closing = true;
    await this.starting?.catch(() => undefined);
    await this.child?.stop();
  }
}

export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => undefined);
  const speed = o.speed;
  const pollRealMs = o.pollRealMs ?? 300;
  const timeoutRealMs = o.timeoutRealMs ?? 1000;
  const faultMs = (o.faultMinutes ?? 20) * 60_000;
  const warmupMs = (o.warmupHours ?? 3) * HOUR;
  const realT0 = Date.now();

  let t0: number | null = null;
  const realNow = () => {
    const t = Date.now();
    t0 ??= t;
    return t;
  };
  const sim: RunningSimulator = await startSimulator({
    port: 0,
    seed: o.seed ?? 7,
    speed,
    startAt: o.startAt ?? '2026-03-02T00:05:00',
    timeZone: ZONE,
    // guide 3.2 at the soak's pace: one operators_init per poll period (real ms) is the limit.
    rateLimitMs: pollRealMs,
    now: realNow,
  });
  const realStart = t0 ?? Date.now();
  const simStart = sim.centre.now();
  const simNow = () => simStart + (Date.now() - realStart) * speed;
  const simEnd = simStart + o.days * DAY;
  const kinds = probeKinds(faultKinds({ slowMs: Math.round(timeoutRealMs * 0.6) }), sim);
  if (kinds.unavailable.length)
    log(
      `fault kinds this simulator does not have (skipped): ${kinds.unavailable.map((u) => u.kind.name).join(', ')}`,
    );

  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-soak-'));
  const port = await freePort();
  const pollSimMs = pollRealMs * speed;
  const bff = new BffSupervisor(
    `http://127.0.0.1:${port}`,
    {
      AXIALYS_URL: sim.url,
      AXIALYS_USER: sim.user,
      AXIALYS_PASSWORD: sim.password,
      AXIALYS_TIMEZONE: ZONE,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // One build throughout: a new id would make the wall reload itself and hide its heap growth.
      VIGIE_BUILD_ID: 'soak',
      VIGIE_AUTH: 'off',
      VIGIE_MAX_STREAMS_PER_PRINCIPAL: '100000',
      VIGIE_MAX_STREAMS_PER_IP: '100000',
      ALLOW_FAST_POLL: '1',
      POLL_OPERATORS_MS: String(pollSimMs),
      POLL_GROUPS_MS: String(pollSimMs),
      POLL_DIRECTORY_MS: String(HOUR),
      UPSTREAM_TIMEOUT_MS: String(timeoutRealMs),
      VIGIE_DATA_DIR: dataDir,
      SOAK_SIM_T0: String(realStart),
      SOAK_SIM_START: String(simStart),
      SOAK_SPEED: String(speed),
    },
    simNow,
    log,
  );

  let clients: NodeChild | null = null;
  let sampler: NodeJS.Timeout | null = null;
  const injected: Record<string, number> = {};
  let sigterms = 0;
  let sigkills = 0;
  const wallSamples: (WallSample & { sim: number })[] = [];
  let wallBusy = false;
  // Whoever runs the soak (a test worker too) takes its processes with it when it exits.
  const orphans = () => {
    bff.child?.proc.kill('SIGKILL');
    clients?.proc.kill('SIGKILL');
  };
  process.once('exit', orphans);
  try {
    await bff.start();
    clients = spawnNode('bench/soak/clients.ts', { ipc: true });
    await ask(clients.proc, null, 'ready');
    await ask(
      clients.proc,
      { cmd: 'start', url: `${bff.url}/api/stream`, n: o.clients },
      'started',
    );
    await o.wall?.open(`${bff.url}/wall`);

    // Memory of the BFF after a full GC (sim-clock.ts: SIGUSR2), every simulated hour (at least
    // every 2 s real), warm-up excluded: single readings between GCs say nothing of a leak.
    const sampleMs = Math.max(2000, HOUR / speed);
    let sampling = false;
    sampler = setInterval(() => {
      const child = bff.child;
      const life = bff.life;
      if (sampling || !child || !life || !life.ready || life.pid !== child.pid) return;
      if (simNow() - life.startedSim < warmupMs) return;
      sampling = true;
      void (async () => {
        try {
          child.proc.kill('SIGUSR2');
          await sleep(300);
          const text = await (
            await fetch(`${bff.url}/metrics`, { signal: AbortSignal.timeout(5000) })
          ).text();
          const heap = metricValue(text, 'vigie_nodejs_heap_size_used_bytes');
          const rss = sampleProc(child.pid).rssBytes;
          if (Number.isFinite(heap) && Number.isFinite(rss))
            life.samples.push({ sim: simNow(), rss, heap });
        } catch {
          // the BFF is restarting: no sample
        } finally {
          sampling = false;
        }
      })();
    }, sampleMs);

    // The timeline, in simulated time.
    type Ev = { at: number; what: () => Promise<void> | void };
    const events: Ev[] = [];
    const available = kinds.available;
    for (let h = 0; available.length && h < o.days * 24; h++) {
      const kind: FaultKind = available[h % available.length]!;
      const on = simStart + h * HOUR + 15 * 60_000;
      events.push({
        at: on,
        what: () => {
          sim.setFaults(kind.faults);
          injected[kind.name] = (injected[kind.name] ?? 0) + 1;
        },
      });
      events.push({ at: on + faultMs, what: () => sim.clearFaults() });
    }
    if (o.wall) {
      // Every simulated hour after warm-up while the page is receiving (a board, not the
      // connecting screen); off the timeline so a slow page does not delay the faults.
      const wall = o.wall;
      for (let t = simStart + warmupMs; t < simEnd; t += HOUR)
        events.push({
          at: t,
          what: () => {
            if (wallBusy || Date.now() - wall.lastMessageAt() > 2000) return;
            wallBusy = true;
            void wall
              .sample()
              .then((w) => wallSamples.push({ ...w, simAt: localTime(simNow()), sim: simNow() }))
              .catch(() => undefined)
              .finally(() => (wallBusy = false));
          },
        });
    }
    const killDay = Math.floor((o.days - 1) / 2);
    for (let d = 0; d < Math.ceil(o.days); d++) {
      events.push({
        at: simStart + d * DAY + 11 * HOUR + 35 * 60_000,
        what: async () => {
          sigterms++;
          await bff.restart('SIGTERM');
        },
      });
      if (d === killDay)
        events.push({
          at: simStart + d * DAY + 15 * HOUR + 40 * 60_000,
          what: async () => {
            sigkills++;
            await bff.restart('SIGKILL');
          },
        });
      events.push({
        at: Math.min(simStart + (d + 1) * DAY, simEnd) - 1,
        what: async () => {
          const r = await ask<ClientsReport>(
            clients!.proc,
            { cmd: 'report', since: Date.now() - 5000 },
            'report',
          );
          const s = bff.life?.samples.at(-1);
          const mb = (b: number | undefined) =>
            b === undefined ? '–' : `${(b / 2 ** 20).toFixed(0)} MB`;
          log(
            `day ${d + 1}/${o.days} (${localTime(simNow())} sim) · ${((Date.now() - realT0) / 1000).toFixed(0)} s real · faults ${Object.values(injected).reduce((a, b) => a + b, 0)} · SIGTERM ${sigterms} · SIGKILL ${sigkills} · crashes ${bff.crashes.length} · streams open ${r.open}/${r.n} (fresh ${r.liveSince}) · BFF RSS ${mb(s?.rss)} heap ${mb(s?.heap)} · audit violations ${sim.audit().violations}`,
          );
        },
      });
    }
    events.sort((a, b) => a.at - b.at);
    for (const ev of events.filter((e) => e.at < simEnd)) {
      const wait = (ev.at - simNow()) / speed;
      if (wait > 0) await sleep(wait);
      await ev.what();
    }
    const wait = (simEnd - simNow()) / speed;
    if (wait > 0) await sleep(wait);

    // The end: faults off, the BFF up, then every client and the wall must be receiving snapshots.
    sim.clearFaults();
    await bff.ensureUp();
    clearInterval(sampler);
    sampler = null;
    const mark = Date.now();
    let report = await ask<ClientsReport>(clients.proc, { cmd: 'report', since: mark }, 'report');
    const deadline = mark + 30_000;
    while (
      Date.now() < deadline &&
      (report.liveSince < report.n || (o.wall && o.wall.lastMessageAt() < mark))
    ) {
      await sleep(500);
      report = await ask<ClientsReport>(clients.proc, { cmd: 'report', since: mark }, 'report');
    }

    let wall: SoakResult['wall'] = null;
    if (o.wall) {
      const end = { ...(await o.wall.sample()), simAt: localTime(simNow()) };
      wall = {
        start: wallBaseline(wallSamples, end) ?? end,
        end,
        live: o.wall.lastMessageAt() >= mark,
        loads: o.wall.loads(),
      };
    }

    // History: every group-hour the BFF stored, against the passages in the simulator's log.
    const key = hourKeyer(ZONE);
    const days = new Set<string>();
    for (let t = simStart; t <= simNow(); t += HOUR) days.add(key(t).split('|')[0]!);
    days.add(key(simNow()).split('|')[0]!);
    const stored: StoredHour[] = [];
    for (const day of days)
      for (const g of sim.centre.groups) {
        const r = await bff.getJson<CoverageReply>(`/api/groups/${g.id}/coverage?date=${day}`);
        for (const h of r.hours) stored.push({ day, groupId: g.id, hour: h.hour, calls: h.calls });
      }
    const legs = sim.centre.log.calls.flatMap((c) =>
      c.legs.map((l) => ({ groupId: l.groupId, enteredAt: l.enteredAt })),
    );
    // The BFF's own largest gap between two polls still counted (plugins/intelligence.ts).
    const toleranceMs = 2 * pollSimMs + 1000;
    const history = compareHistory(stored, legs, { timeZone: ZONE, toleranceMs });

    const audit = sim.audit();
    const lives = bff.lives;
    const firstEnds = ends(lives.find((l) => l.samples.length >= 2)?.samples ?? []);
    const lastEnds = ends([...lives].reverse().find((l) => l.samples.length >= 2)?.samples ?? []);
    const growth = lives.flatMap((l) => {
      const e = ends(l.samples);
      return e ? [{ rss: e.last.rss / e.first.rss, heap: e.last.heap / e.first.heap }] : [];
    });
    const worstLife = growth.length
      ? {
          rss: Math.max(...growth.map((g) => g.rss)),
          heap: Math.max(...growth.map((g) => g.heap)),
        }
      : null;
    return {
      realMs: Date.now() - realT0,
      simFrom: new Date(simStart).toISOString(),
      simTo: new Date(simNow()).toISOString(),
      kindsAvailable: kinds.available.map((k) => k.name),
      kindsUnavailable: kinds.unavailable.map((u) => ({ name: u.kind.name, reason: u.reason })),
      faultsInjected: injected,
      sigterms,
      sigkills,
      restartMs: bff.restartMs,
      uncleanStops: bff.uncleanStops,
      crashes: bff.crashes,
      audit: {
        violations: audit.violations,
        operatorsInitCalls: audit.operatorsInitCalls,
        byEndpoint: audit.byEndpoint,
      },
      memory: {
        start: firstEnds?.first ?? null,
        end: lastEnds?.last ?? null,
        worstLife,
        lives,
      },
      clients: report,
      history,
      historyToleranceMs: toleranceMs,
      wall,
    };
  } finally {
    process.off('exit', orphans);
    if (sampler) clearInterval(sampler);
    if (clients) {
      await ask(clients.proc, { cmd: 'stop' }, 'stopped').catch(() => undefined);
      await clients.stop();
    }
    await o.wall?.close().catch(() => undefined);
    await bff.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
