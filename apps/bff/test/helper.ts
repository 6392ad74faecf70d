// build(): a real BFF on port 0 against a real simulator, both closed after the test (STYLE 2 and 9).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startSimulator, type RunningSimulator, type SimOptions } from '@vigie/axialys-sim';
import type { Snapshot } from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import { onTestFinished } from 'vitest';
import { buildApp, type BuildOptions } from '../src/app';
import { loadConfig, type Config, type Env } from '../src/config/env';

/** A password with characters that change under URL and JSON encoding: it must never show up. */
export const PASSWORD = 'S3cr3t/p@ss word+"42"';
export const USER = 'supervisor-7';

/** Collects every log line of a run. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

/** A tiny built SPA: index.html and one hashed asset. */
export function fixtureDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>Vigie test</title><div id="root"></div>',
  );
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("vigie")');
  return dir;
}

export interface Built {
  app: FastifyInstance;
  sim: RunningSimulator;
  config: Config;
  base: string;
  logs: LogCapture;
  /** Every response body read through `get`, to check no secret ever leaves the BFF. */
  bodies: string[];
  get(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: string; json: () => unknown }>;
}

export interface BuildParams {
  env?: Env;
  sim?: SimOptions;
  app?: BuildOptions;
  /** Credentials the BFF uses (default: the simulator's own). */
  password?: string;
}

/** Fast polling on a small, fast simulated centre so the whole suite stays well under a minute. */
export const FAST_ENV: Env = {
  POLL_OPERATORS_MS: '300',
  ALLOW_FAST_POLL: '1',
  POLL_GROUPS_MS: '300',
  POLL_DIRECTORY_MS: '60000',
  UPSTREAM_TIMEOUT_MS: '600',
  SSE_HEARTBEAT_MS: '1000',
  LOG_LEVEL: 'debug',
  // The simulator runs behind AXIALYS_URL here (a "real account"): open unless a test configures access.
  VIGIE_AUTH: 'off',
};

/** The simulated centre every BFF test runs on (tests add their own rate limit and faults). */
export const SIM_OPTIONS = {
  port: 0,
  host: '127.0.0.1',
  user: USER,
  password: PASSWORD,
  seed: 7,
  speed: 30,
  operators: 24,
  groups: 4,
} as const;

export async function build(p: BuildParams = {}): Promise<Built> {
  const sim = await startSimulator({
    ...SIM_OPTIONS,
    rateLimitMs: 300,
    ...p.sim,
  });
  const logs = new LogCapture();
  const config = loadConfig({
    ...FAST_ENV,
    AXIALYS_URL: sim.url,
    AXIALYS_USER: USER,
    AXIALYS_PASSWORD: p.password ?? PASSWORD,
    WEB_DIST_DIR: fixtureDist(),
    // Each test its own history store (issue 7): nothing carries over between tests.
    VIGIE_DATA_DIR: mkdtempSync(join(tmpdir(), 'vigie-data-')),
    // No start-up backfill unless a test asks: it would add 4.2 calls to every audit.
    VIGIE_BACKFILL_MAX_CALLS: '0',
    ...p.env,
  });
  const app = await buildApp(config, { logStream: logs, ...p.app });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  onTestFinished(async () => {
    await app.close();
    await sim.close();
  });
  const base = `http://127.0.0.1:${port}`;
  const bodies: string[] = [];
  return {
    app,
    sim,
    config,
    base,
    logs,
    bodies,
    async get(path, headers = {}) {
      const res = await fetch(base + path, { headers });
      const body = await res.text();
      bodies.push(body);
      return {
        status: res.status,
        headers: res.headers,
        body,
        json: () => JSON.parse(body) as unknown,
      };
    },
  };
}

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** A raw SSE client over node:http: records every event and comment, closed after the test. */
export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  retry: number | null = null;
  res: IncomingMessage | null = null;
  ended = false;
  private buf = '';
  private waiters: (() => void)[] = [];
  private readonly req;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false });
    this.req.on('response', (res) => {
      this.res = res;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.feed(chunk));
      res.on('end', () => {
        this.ended = true;
        this.wake();
      });
      res.on('error', () => undefined);
      this.wake();
    });
    this.req.on('error', () => {
      this.ended = true;
      this.wake();
    });
    this.req.end();
    onTestFinished(() => this.close());
  }

  get snapshots(): Snapshot[] {
    return this.events
      .filter((e) => e.event === 'snapshot')
      .map((e) => JSON.parse(e.data) as Snapshot);
  }

  private feed(chunk: string): void {
    this.buf += chunk;
    let i: number;
    while ((i = this.buf.indexOf('\n\n')) >= 0) {
      const block = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 2);
      const ev: SseEvent = { id: null, event: 'message', data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments++;
        else if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
        else if (line.startsWith('id: ')) ev.id = line.slice(4);
        else if (line.startsWith('event: ')) ev.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          ev.data += (hasData ? '\n' : '') + line.slice(6);
          hasData = true;
        }
      }
      if (hasData) this.events.push(ev);
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when `pred` holds (checked on every chunk), rejects after `timeoutMs`. */
  async until(pred: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SSE: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.req.destroy();
    this.res?.destroy();
  }
}

/** Polls `fn` until it returns a value, or throws after `timeoutMs`. */
export async function eventually<T>(
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
