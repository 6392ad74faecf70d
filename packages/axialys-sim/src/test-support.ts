// Helpers for this package's tests: a simulator on port 0 with a hand-driven real clock, and raw HTTP (GET with a body).

import { request as httpRequest } from 'node:http';
import { afterEach } from 'vitest';
import { startSimulator, type RunningSimulator, type SimOptions } from './index';

const START = '2026-03-10T10:00:00+01:00'; // a Tuesday morning, Paris

export interface TestSim {
  sim: RunningSimulator;
  /** Moves the injected real clock (the simulated clock follows at `speed`). */
  tick(realMs: number): void;
}

const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Starts a simulator closed after the test; the real clock stands still until tick(). */
export async function startTestSim(opts: SimOptions = {}): Promise<TestSim> {
  let real = 1_700_000_000_000;
  const sim = await startSimulator({
    port: 0,
    startAt: START,
    rateLimitMs: 0,
    now: () => real,
    ...opts,
  });
  running.push(sim);
  return {
    sim,
    tick(ms) {
      real += ms;
    },
  };
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => Record<string, unknown>;
}

export interface ReqOpts {
  method?: string;
  body?: string | object;
  auth?: 'basic' | 'query' | 'none' | { user: string; password: string };
  headers?: Record<string, string>;
  json?: boolean; // add accept=application/json (default true for /vm)
}

/** One HTTP exchange through node:http (fetch refuses a body on GET, which guide 4.3 uses). */
export function call(sim: RunningSimulator, path: string, o: ReqOpts = {}): Promise<Res> {
  const url = new URL(sim.url + path);
  const auth = o.auth ?? 'basic';
  if (url.pathname.startsWith('/vm') && (o.json ?? true) && !url.searchParams.has('accept')) {
    url.searchParams.set('accept', 'application/json');
  }
  if (auth === 'query') {
    url.searchParams.set('user', sim.user);
    url.searchParams.set('password', sim.password);
  }
  const headers: Record<string, string> = { ...o.headers };
  const cred =
    auth === 'basic'
      ? { user: sim.user, password: sim.password }
      : typeof auth === 'object'
        ? auth
        : null;
  if (cred && url.pathname.startsWith('/vm'))
    headers.authorization = `Basic ${Buffer.from(`${cred.user}:${cred.password}`).toString('base64')}`;
  const body =
    o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  // Node does not frame a GET body by itself: say its length, as curl -X GET -d does.
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: o.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: () => JSON.parse(text) as Record<string, unknown>,
        });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Reads a count or a time the way the client must (docs/axialys-wire.md "Values"). */
export function n(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  if (typeof v === 'string' && /^\d+:\d{2}(:\d{2})?$/.test(v)) {
    const parts = v.split(':').map(Number);
    return parts.reduce((acc, p) => acc * 60 + p, 0);
  }
  throw new Error(`not a number: ${JSON.stringify(v)}`);
}

/** A list given as an array or as an object keyed by id. */
export function records(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v as Record<string, unknown>[];
  if (v && typeof v === 'object') return Object.values(v) as Record<string, unknown>[];
  throw new Error('not a list');
}

export function groupIds(v: unknown): number[] {
  if (Array.isArray(v)) return v.map(Number);
  if (v && typeof v === 'object') return Object.keys(v).map(Number);
  throw new Error('not a list of groups');
}
