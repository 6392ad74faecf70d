// A real BFF in process against a real simulator, both closed after the test (STYLE 2 and 9): build(), a fresh start, an SSE client, the logs.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator, type SimOptions } from '@vigie/axialys-sim';
import type { Snapshot } from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import { onTestFinished, vi } from 'vitest';
import { buildApp, type BuildOptions } from '../../src/app';
import { loadConfig, type Config, type Env } from '../../src/config/env';
import { accountEnv, PASSWORD, SIM_OPTIONS } from './fixtures';
import { LogCapture } from './log-capture';

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

/** Listens on a free port of 127.0.0.1; the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** A simulator on SIM_OPTIONS (and `options`), closed after the test. */
export async function simulator(options: Partial<SimOptions> = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ ...SIM_OPTIONS, ...options });
  onTestFinished(() => sim.close());
  return sim;
}

/**
 * A BFF as a fresh process would load it: new module instances, so what a module keeps (the
 * client's in-process operators_init budget) starts empty, as after a restart. Closed after the test.
 */
export async function startFresh(env: Env): Promise<{ app: FastifyInstance; logs: LogCapture }> {
  vi.resetModules();
  const { loadConfig: load } = await import('../../src/config/env');
  const { buildApp: buildFresh } = await import('../../src/app');
  const logs = new LogCapture();
  const app = await buildFresh(load(env), { logStream: logs });
  onTestFinished(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, logs };
}

export async function build(p: BuildParams = {}): Promise<Built> {
  const sim = await startSimulator({
    ...SIM_OPTIONS,
    rateLimitMs: 300,
    ...p.sim,
  });
  const logs = new LogCapture();
  const config = loadConfig(
    accountEnv(sim, {
      AXIALYS_PASSWORD: p.password ?? PASSWORD,
      WEB_DIST_DIR: fixtureDist(),
      ...p.env,
    }),
  );
  const app = await buildApp(config, { logStream: logs, ...p.app });
  onTestFinished(async () => {
    await app.close();
    await sim.close();
  });
  const base = await listen(app);
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
