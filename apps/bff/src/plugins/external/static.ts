// Plugin: serves the built SPA (hashed assets cached for a year, index.html never) with a client-route fallback.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { DOCUMENT_ONLY_HEADERS } from '../../lib/document-headers';

declare module 'fastify' {
  interface FastifyInstance {
    spa: { available: boolean; sendIndex(reply: FastifyReply): FastifyReply };
  }
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

const MISSING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vigie</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>Vigie is running, but the SPA is not built</h1>
<p>Build it with <code>pnpm --filter @vigie/web build</code> (or run <code>pnpm start</code> from the repository),
or point <code>WEB_DIST_DIR</code> at a built copy. The API is live: <a href="/api/snapshot">/api/snapshot</a>,
<a href="/api/stream">/api/stream</a>.</p>
</body></html>
`;

const VALIDATORS = ['etag', 'last-modified', 'accept-ranges'] as const;

/** Vite puts content-hashed files under /assets: their name changes whenever their bytes do. */
const isHashedAsset = (path: string) => /[\\/]assets[\\/]/.test(path);

export default fp<{ distDir: string }>(
  async (app, { distDir }) => {
    // The shell and its assets hold no data: public. Only routes added by this plugin are marked.
    let marking = true;
    app.addHook('onRoute', (r) => {
      if (marking) r.config = { ...r.config, access: r.config?.access ?? 'public' };
    });
    const available = existsSync(join(distDir, 'index.html'));
    if (!available) {
      // Never crash on a missing build: say what to do instead.
      app.log.warn({ distDir }, 'no built SPA: serving a page that says how to build it');
      const sendIndex = (reply: FastifyReply) =>
        reply
          .code(200)
          .header('cache-control', NO_CACHE)
          .type('text/html; charset=utf-8')
          .send(MISSING_PAGE);
      app.decorate('spa', { available, sendIndex });
      app.get('/', { config: { access: 'public' } }, (_req, reply) => sendIndex(reply));
      marking = false;
      return;
    }
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      cacheControl: false, // set per file below
      etag: true,
      lastModified: true,
      // file.br / file.gz written by the build (apps/web/precompress.ts), chosen by Accept-Encoding.
      preCompressed: true,
      setHeaders: (reply, path) => {
        const hashed = isHashedAsset(path);
        reply.header('cache-control', hashed ? IMMUTABLE : NO_CACHE);
        // Helmet wrote them on the raw response (onRequest); index.html and the SPA keep them all.
        // Scripts and styles only: an SVG or an HTML file opened on its own is a document.
        if (hashed && /\.(?:js|css)(?:\.br|\.gz)?$/.test(path))
          for (const h of DOCUMENT_ONLY_HEADERS) reply.raw.removeHeader(h);
      },
    });
    // Immutable for a year under a name that is its hash: never revalidated, so no validators
    // (~90 bytes on each of the wall's assets, issue 12 §7's budget).
    app.addHook('onSend', async (req, reply) => {
      if (reply.statusCode === 200 && String(reply.getHeader('cache-control')) === IMMUTABLE)
        for (const h of VALIDATORS) reply.removeHeader(h);
    });
    marking = false;
    app.decorate('spa', {
      available,
      sendIndex: (reply: FastifyReply) =>
        reply.header('cache-control', NO_CACHE).sendFile('index.html'),
    });
  },
  { name: 'vigie-static', fastify: '5.x' },
);
