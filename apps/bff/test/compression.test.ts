// Bytes on the wire (issue 12 §7): precompressed assets by Accept-Encoding, JSON compressed per
// request, and the SSE stream never compressed, still one flush per event. Raw node:http, no fetch
// (fetch inflates silently, so it could not tell a compressed reply from a plain one).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_ONLY_HEADERS } from '../src/lib/document-headers';
import { build, eventually, SseClient } from './support';

/** A built SPA as apps/web/precompress.ts leaves it: each file with its .br and .gz beside it. */
function precompressedDist(): { dir: string; js: string; html: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-dist-br-'));
  mkdirSync(join(dir, 'assets'));
  const html = `<!doctype html><title>Vigie test</title><div id="root"></div>${'<!-- pad -->'.repeat(200)}`;
  const js = Array.from({ length: 400 }, (_, i) => `export const tile${i} = "operator ${i}";`).join(
    '\n',
  );
  const files: [string, string][] = [
    ['index.html', html],
    ['assets/index-AbC123.js', js],
  ];
  for (const [name, body] of files) {
    writeFileSync(join(dir, name), body);
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(body));
    writeFileSync(join(dir, `${name}.gz`), gzipSync(body));
  }
  return { dir, js, html };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decoded(r: Raw): string {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(r.body).toString('utf8');
  if (enc === 'gzip') return gunzipSync(r.body).toString('utf8');
  return r.body.toString('utf8');
}

describe('compression', () => {
  it('serves the precompressed asset the browser asks for: br, gzip, or the plain file', async () => {
    const dist = precompressedDist();
    const b = await build({ env: { WEB_DIST_DIR: dist.dir } });
    const url = `${b.base}/assets/index-AbC123.js`;

    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(Buffer.byteLength(dist.js) / 4);
    expect(decoded(br)).toBe(dist.js);
    // Only what a script obeys: the document-only headers are the shell's, not the assets'.
    expect(br.headers['x-content-type-options']).toBe('nosniff');
    expect(br.headers['cross-origin-resource-policy']).toBe('same-origin');
    for (const h of DOCUMENT_ONLY_HEADERS) expect(br.headers[h], h).toBeUndefined();
    // Immutable under its hash: no validators to revalidate with.
    for (const h of ['etag', 'last-modified', 'accept-ranges'])
      expect(br.headers[h], h).toBeUndefined();

    const gz = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(Buffer.byteLength(dist.js) / 4);
    expect(decoded(gz)).toBe(dist.js);

    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(dist.js);

    // The shell too, on / and on a client route (the SPA fallback).
    for (const path of ['/', '/wall']) {
      const page = await rawGet(b.base + path, { accept: 'text/html', 'accept-encoding': 'br' });
      expect(page.status, path).toBe(200);
      expect(page.headers['content-encoding'], path).toBe('br');
      expect(page.headers['cache-control'], path).toBe('no-cache');
      expect(decoded(page), path).toBe(dist.html);
      expect(page.headers['content-security-policy'], path).toContain("script-src 'self'");
      expect(page.headers['x-frame-options'], path).toBe('SAMEORIGIN');
    }
  });

  it('compresses JSON replies with br or gzip as asked, and not without Accept-Encoding', async () => {
    const b = await build();
    await eventually(
      () => ((b.app.snapshots.latest?.snapshot.operators.length ?? 0) > 0 ? true : undefined),
      5000,
      'a snapshot with operators',
    );
    for (const enc of ['br', 'gzip'] as const) {
      const r = await rawGet(`${b.base}/api/snapshot`, { 'accept-encoding': enc });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe(enc);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      const text = decoded(r);
      expect(r.body.length).toBeLessThan(Buffer.byteLength(text) / 2);
      const snap = JSON.parse(text) as Snapshot;
      expect(snap.operators.length).toBeGreaterThan(0);
    }
    const plain = await rawGet(`${b.base}/api/snapshot`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((JSON.parse(plain.body.toString('utf8')) as Snapshot).operators.length).toBeGreaterThan(
      0,
    );
  });

  it('never compresses /api/stream, and each event still leaves at once', async () => {
    const b = await build({ env: { SSE_HEARTBEAT_MS: '200' } });
    const c = new SseClient(`${b.base}/api/stream`, { 'accept-encoding': 'br, gzip, deflate' });
    await c.until(() => c.snapshots.length > 0, 5000, 'the first snapshot');
    expect(c.res?.headers['content-encoding']).toBeUndefined();
    expect(c.res?.headers['content-type']).toMatch(/^text\/event-stream/);
    // Heartbeats every 200 ms, each a few bytes: a compressor holding them back would starve this.
    const before = c.events.filter((e) => e.event === 'heartbeat').length;
    const t0 = Date.now();
    await c.until(
      () => c.events.filter((e) => e.event === 'heartbeat').length >= before + 3,
      3000,
      'three heartbeats',
    );
    expect(Date.now() - t0).toBeLessThan(2000);
    // And snapshots keep coming, one event per poll, readable as plain text.
    const seen = c.snapshots.length;
    await c.until(() => c.snapshots.length > seen, 5000, 'a later snapshot');
    expect(c.snapshots.at(-1)?.seq).toBeGreaterThan(c.snapshots[0]?.seq ?? 0);
  });
});
