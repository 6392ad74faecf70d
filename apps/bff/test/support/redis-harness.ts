// One real redis-server per test file and the connections its tests open, all closed after the file.
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { closeRedis, connectRedis, waitForReady } from '../../src/cluster';
import { RedisServer } from './redis-server';

interface ConnectOptions {
  subscriber?: boolean;
  commandTimeoutMs?: number;
  /** Another server than the file's (one a test stops on its own). */
  url?: string;
}

export interface RedisHarness {
  /** The file's server, started in beforeAll. */
  readonly server: RedisServer;
  /** Every connection opened through `connect`. */
  readonly conns: Redis[];
  /** A connection named `name`, ready (asserted); closed after the file. */
  connect(o?: ConnectOptions): Promise<Redis>;
}

/** Registers beforeAll/afterAll: call it at the top of a test file. */
export function redisForFile(name: string): RedisHarness {
  let server: RedisServer | null = null;
  const conns: Redis[] = [];
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(conns.map(closeRedis));
    await server?.dispose();
  });
  const h: RedisHarness = {
    get server() {
      if (!server) throw new Error('redisForFile: the server starts in beforeAll');
      return server;
    },
    conns,
    async connect(o = {}) {
      const r = connectRedis(o.url ?? h.server.url, {
        name,
        ...(o.subscriber === undefined ? {} : { subscriber: o.subscriber }),
        ...(o.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: o.commandTimeoutMs }),
      });
      conns.push(r);
      expect(await waitForReady(r)).toBe(true);
      return r;
    },
  };
  return h;
}
