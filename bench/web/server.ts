// A tiny stand-in for the BFF: the built SPA, /api/snapshot and /api/stream fed by the bench.
import { createServer, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { builtInDefaultBoard } from '@vigie/bff/boards';
import type { WallBoardReply } from '@vigie/contract';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const DEFAULT_BOARD_REPLY = JSON.stringify({
  ...builtInDefaultBoard(),
  source: 'default',
  ticker: [],
} satisfies WallBoardReply);

export interface FakeBff {
  url: string;
  /**
   * Makes a snapshot the one /api/snapshot returns and sends it to every open stream, or sends
   * `patch` (its diff from the previous one, as a `?patch=1` stream gets it) instead.
   */
  push(json: string, seq: number, patch?: string): void;
  streams(): number;
  close(): Promise<void>;
}

export async function startFakeBff(
  distDir: string,
  initial: { json: string; seq: number },
): Promise<FakeBff> {
  const streams = new Set<ServerResponse>();
  let latest = initial;
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path === '/api/stream') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      });
      res.write(`retry: 1000\n\nid: ${latest.seq}\nevent: snapshot\ndata: ${latest.json}\n\n`);
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    if (path === '/api/snapshot') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(latest.json);
      return;
    }
    if (path === '/api/wall/board') {
      // The built-in default board, as the BFF answers it before anyone saved one (issue 13 §1).
      res.writeHead(200, { 'content-type': 'application/json' }).end(DEFAULT_BOARD_REPLY);
      return;
    }
    if (path.startsWith('/api/')) {
      // The drill-down routes are not what this bench measures: their pages show their error state.
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"statusCode":404,"error":"Not Found","message":"not in bench/web"}');
      return;
    }
    const file = extname(path) ? normalize(join(distDir, path)) : join(distDir, 'index.html');
    if (!file.startsWith(distDir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  const heartbeat = setInterval(() => {
    for (const s of streams) s.write(`event: heartbeat\ndata: ${new Date().toISOString()}\n\n`);
  }, 5000);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    push(json, seq, patch) {
      latest = { json, seq };
      const frame = Buffer.from(
        patch === undefined
          ? `id: ${seq}\nevent: snapshot\ndata: ${json}\n\n`
          : `id: ${seq}\nevent: patch\ndata: ${patch}\n\n`,
      );
      for (const s of streams) s.write(frame);
    },
    streams: () => streams.size,
    close: () =>
      new Promise<void>((r) => {
        clearInterval(heartbeat);
        for (const s of streams) s.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
