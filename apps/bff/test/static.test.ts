// Serving the built SPA: cache headers, client-route fallback, a missing build, and the build id.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { buildIdOf } from '../src/config/env';
import { build, eventually } from './support';

describe('static SPA', () => {
  it('serves index.html with no-cache and hashed assets as immutable', async () => {
    const b = await build();
    const index = await b.get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('Vigie test');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = await b.get('/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('falls back to index.html for client routes, never for /api, files or assets', async () => {
    const b = await build();
    for (const path of ['/wall', '/operators/1001', '/groups/101?tab=trend']) {
      const r = await b.get(path, { accept: 'text/html' });
      expect(r.status, path).toBe(200);
      expect(r.body, path).toContain('Vigie test');
      expect(r.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect((await b.get('/assets/missing-123.js')).status).toBe(404);
    expect((await b.get('/favicon.ico')).status).toBe(404);
    const api = await b.get('/api/unknown/route');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
  });

  it('puts the hash of index.html in the snapshot as buildId', async () => {
    const b = await build();
    const s = await eventually(() => b.app.snapshots.latest?.snapshot, 5000, 'a snapshot');
    expect(s.buildId).toBe(buildIdOf(b.config.web.distDir));
    expect(s.buildId).toMatch(/^[0-9a-f]{12}$/);
    const viaEnv = await build({ env: { VIGIE_BUILD_ID: 'release-42' } });
    const s2 = await eventually(() => viaEnv.app.snapshots.latest?.snapshot, 5000, 'a snapshot');
    expect((s2 as Snapshot).buildId).toBe('release-42');
  });

  it('without a built SPA, serves a page saying how to build it (and does not crash)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vigie-nodist-'));
    const b = await build({ env: { WEB_DIST_DIR: join(empty, 'dist') } });
    for (const path of ['/', '/wall']) {
      const r = await b.get(path);
      expect(r.status).toBe(200);
      expect(r.body).toContain('pnpm --filter @vigie/web build');
    }
    expect(b.config.web.buildId).toBe('dev');
    expect((await b.get('/healthz')).status).toBe(200);
  });
});
