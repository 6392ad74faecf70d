// A real BFF as a child process (node --import tsx src/server.ts) on a free port: start, kill -9, freeze, stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server';
import { eventually } from './wait';

const here = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(here, '../../../..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class BffProcess {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The child's recent output, for failure messages. */
  logs(): string {
    return this.output;
  }

  /** Spawns the BFF with `env` (over the parent's) and waits until /healthz answers. */
  static async start(env: NodeJS.ProcessEnv, port?: number): Promise<BffProcess> {
    const bff = new BffProcess(port ?? (await freePort()), env);
    await bff.spawn();
    return bff;
  }

  private async spawn(): Promise<void> {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/server.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    proc.once('exit', () => {
      if (this.child === proc) this.child = null;
    });
    this.child = proc;
    // tsx compiles the whole BFF at start: ~3 s on a quiet machine, several times that on a busy
    // one. A start that times out is stopped here, so it never polls on behind the failed test.
    const deadline = Date.now() + 45_000;
    for (;;) {
      if (this.child !== proc) throw new Error(`BFF exited at start:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`BFF did not start:\n${this.output}`);
      }
      await sleep(100);
    }
  }

  /** GET a path; JSON body parsed when it is JSON. */
  async get(path: string): Promise<{ status: number; body: string }> {
    const res = await fetch(this.url + path);
    return { status: res.status, body: await res.text() };
  }

  /** One figure from /metrics (the sum over label sets matching `labels`). */
  async metric(name: string, labels = ''): Promise<number> {
    const { body } = await this.get('/metrics');
    let sum = 0;
    for (const line of body.split('\n')) {
      if (!line.startsWith(name)) continue;
      const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
      if (m?.[1] === name && (m[2] ?? '').includes(labels)) sum += Number(m[3]);
    }
    return sum;
  }

  /** kill -9: a crash, nothing released. */
  async kill(): Promise<void> {
    const proc = this.child;
    if (!proc) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGKILL');
    await exited;
  }

  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGTERM (after SIGCONT, should it be frozen), SIGKILL after 5 s. */
  async stop(): Promise<void> {
    const proc = this.child;
    if (!proc) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGCONT');
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  }
}

/** The one of `bffs` whose /metrics says it leads (one that does not answer counts as not). */
export function leaderOf(bffs: readonly BffProcess[], timeoutMs: number): Promise<BffProcess> {
  return eventually(
    async () => {
      for (const b of bffs)
        if (b.running && (await b.metric('vigie_cluster_is_leader').catch(() => 0)) === 1) return b;
      return null;
    },
    timeoutMs,
    'a leader',
  );
}
