// Child processes of a bench: started with a raised fd limit, all stopped on exit, whatever happens.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './report';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../..');

const children = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** Every child dies with the bench: on exit, on Ctrl-C, and when the bench overruns its budget. */
export function guard(budgetMs: number): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.on(sig, () => {
      killAll();
      process.exit(130);
    });
  const t = setTimeout(() => {
    console.error(`bench: over its ${budgetMs / 1000} s budget, stopping`);
    killAll();
    process.exit(2);
  }, budgetMs);
  t.unref();
}

export interface NodeChild {
  proc: ChildProcess;
  pid: number;
  logs(): string;
  stop(): Promise<void>;
}

/**
 * A TypeScript entry run through tsx, in `sh -c 'ulimit -n …; exec node …'` so that it gets as
 * many sockets as the hard limit allows; `exec` keeps the pid (and the IPC channel) the node one.
 */
export function spawnNode(
  entry: string,
  opts: { env?: NodeJS.ProcessEnv; ipc?: boolean; args?: string[]; nodeArgs?: string[] } = {},
): NodeChild {
  const node = [process.execPath, ...(opts.nodeArgs ?? []), '--import', 'tsx'];
  const quoted = [...node, entry, ...(opts.args ?? [])]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const script = `ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec ${quoted}`;
  const proc = spawn('sh', ['-c', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    ...(opts.ipc ? { serialization: 'advanced' as const } : {}),
  });
  children.add(proc);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  proc.once('exit', () => children.delete(proc));
  if (proc.pid === undefined) throw new Error(`could not start ${entry}`);
  return {
    proc,
    pid: proc.pid,
    logs: () => output,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      if ((await Promise.race([exited.then(() => 'ok'), sleep(10_000)])) !== 'ok') {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((ok, ko) => {
    const srv = createServer();
    srv.on('error', ko);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface BffChild extends NodeChild {
  url: string;
}

/** The real BFF (apps/bff/src/server.ts) as its own process, on a simulator, ready to serve. */
export async function startBff(
  upstream: { url: string; user: string; password: string },
  env: NodeJS.ProcessEnv,
  /** Another entry that loads the server (e.g. on the simulator's clock, bench/soak/sim-clock.ts). */
  entry = 'apps/bff/src/server.ts',
  /** Flags for node itself (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs: string[] = [],
): Promise<BffChild> {
  const port = await freePort();
  const child = spawnNode(entry, {
    nodeArgs,
    env: {
      AXIALYS_URL: upstream.url,
      AXIALYS_USER: upstream.user,
      AXIALYS_PASSWORD: upstream.password,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      VIGIE_BUILD_ID: 'bench',
      // A real account without users or tokens: the BFF refuses to start unless told (issue 5).
      VIGIE_AUTH: 'off',
      // Thousands of clients from one address: lift the per-address and per-principal stream caps.
      VIGIE_MAX_STREAMS_PER_PRINCIPAL: '100000',
      VIGIE_MAX_STREAMS_PER_IP: '100000',
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`the BFF exited:\n${child.logs()}`);
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`the BFF was not ready within 60 s:\n${child.logs()}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return { ...child, url };
}
