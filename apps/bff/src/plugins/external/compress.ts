// Plugin: compressed replies (issue 12 §7). JSON and text are compressed per request; the SPA's
// assets come precompressed from the build (static.ts); the SSE stream never is (see below).
import compress from '@fastify/compress';
import fp from 'fastify-plugin';

/**
 * What is worth compressing on the fly. `text/event-stream` is left out on purpose: a compressor
 * holds bytes back until its block fills, so a snapshot or a heartbeat would reach the wall late.
 */
const COMPRESSIBLE =
  /^(?:application\/(?:[\w.+-]+\+)?json|text\/(?:html|css|plain|csv|javascript)|application\/javascript|image\/svg\+xml)(?:;|$)/;

export default fp(
  async (app) => {
    await app.register(compress, {
      global: true,
      // br first (smaller than gzip at a like cost); Node 20 has no zstd.
      encodings: ['br', 'gzip'],
      customTypes: COMPRESSIBLE,
      // Bodies under 1 KiB (errors, health) gain nothing worth the CPU.
      threshold: 1024,
      // Request bodies are small JSON (sign-in): a compressed one is refused, not inflated.
      globalDecompression: false,
    });
  },
  { name: 'vigie-compress', fastify: '5.x' },
);
