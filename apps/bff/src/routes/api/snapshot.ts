// GET /api/snapshot (the latest snapshot, as serialised once) and GET /api/stream (SSE).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReplySchema, SnapshotSchema, type Snapshot } from '@vigie/contract';
import Type from 'typebox';
import { limitKey, ownerKey } from '../../auth/principal';
import { TooManyError } from '../../lib/errors';
import { dropDocumentHeaders } from '../../lib/document-headers';

const StreamQuerySchema = Type.Object({
  /** For an EventSource created from scratch, which cannot set the Last-Event-ID header. */
  lastEventId: Type.Optional(Type.String({ maxLength: 20 })),
  /** `1`: send `patch` events (contract SnapshotPatchSchema) after the first full snapshot. */
  patch: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
  /**
   * `<seq>-<takenAt in ms>` of the snapshot the page fetched from /api/snapshot: with `patch=1`
   * and while it is the latest, the stream starts with patches onto it (issue 12.7).
   */
  base: Type.Optional(Type.String({ pattern: '^\\d{1,15}-\\d{1,15}$' })),
});

const parseBase = (v: string | undefined): { seq: number; takenAtMs: number } | null => {
  const m = v === undefined ? null : /^(\d{1,15})-(\d{1,15})$/.exec(v);
  return m ? { seq: Number(m[1]), takenAtMs: Number(m[2]) } : null;
};

const StreamHeadersSchema = Type.Object({
  'last-event-id': Type.Optional(Type.String({ maxLength: 20 })),
});

const parseSeq = (v: unknown): number | null =>
  typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : null;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/snapshot',
    {
      config: { access: 'wall' },
      schema: {
        response: {
          200: SnapshotSchema,
          401: ErrorReplySchema,
          403: ErrorReplySchema,
          503: ErrorReplySchema,
        },
      },
    },
    async (req, reply) => {
      const latest = app.snapshots.latest;
      if (!latest) {
        return reply.code(503).header('retry-after', '1').send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'no snapshot yet: the first poll is under way',
        });
      }
      // Already serialised once per scope: Fastify sends a JSON-typed string as is (the schema
      // still documents the reply). The cast only tells TypeScript so.
      const { json } = app.sse.scoped.bytesFor(
        latest,
        req.principal?.groups ?? null,
        req.principal?.role === 'display',
      );
      return reply
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(json as unknown as Snapshot);
    },
  );

  app.get(
    '/api/stream',
    {
      config: { access: 'wall' },
      // Never compressed: each event must leave at once (the stream is hijacked anyway).
      compress: false,
      // A HEAD would open a stream that never ends and count against the caps.
      exposeHeadRoute: false,
      schema: {
        querystring: StreamQuerySchema,
        headers: StreamHeadersSchema,
        response: { 401: ErrorReplySchema, 403: ErrorReplySchema, 429: ErrorReplySchema },
      },
    },
    (req, reply) => {
      const principal = req.principal;
      if (!principal) throw new Error('the access hook let a stream through without a principal');
      const key = limitKey(principal, req.ip);
      const open = app.sse.countFor(key, req.ip);
      const { maxStreamsPerPrincipal, maxStreamsPerIp } = app.config.auth;
      if (open.principal >= maxStreamsPerPrincipal)
        throw new TooManyError(`at most ${maxStreamsPerPrincipal} open streams per principal`);
      if (open.address >= maxStreamsPerIp)
        throw new TooManyError(`at most ${maxStreamsPerIp} open streams per address`);
      const lastEventId = parseSeq(req.headers['last-event-id']) ?? parseSeq(req.query.lastEventId);
      reply.hijack();
      // Helmet's page-only headers are already on the raw response: an event stream is no page.
      dropDocumentHeaders(reply.raw);
      app.sse.attach(
        req.raw,
        reply.raw,
        lastEventId,
        {
          scope: principal.groups,
          owner: ownerKey(principal),
          limitKey: key,
          address: req.ip,
          display: principal.role === 'display',
          ...(req.sessionId !== null && req.sessionExpiresAt !== null
            ? { session: { id: req.sessionId, expiresAt: req.sessionExpiresAt } }
            : {}),
        },
        req.query.patch === '1',
        parseBase(req.query.base),
      );
    },
  );
};

export default routes;
