// GET /api/snapshot (the latest snapshot, as serialised once) and GET /api/stream (SSE).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReplySchema, SnapshotSchema, type Snapshot } from '@vigie/contract';
import Type from 'typebox';

const StreamQuerySchema = Type.Object({
  /** For an EventSource created from scratch, which cannot set the Last-Event-ID header. */
  lastEventId: Type.Optional(Type.String({ maxLength: 20 })),
});

const parseSeq = (v: unknown): number | null =>
  typeof v === 'string' && /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : null;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/snapshot',
    { schema: { response: { 200: SnapshotSchema, 503: ErrorReplySchema } } },
    async (_req, reply) => {
      const latest = app.snapshots.latest;
      if (!latest) {
        return reply.code(503).header('retry-after', '1').send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'no snapshot yet: the first poll is under way',
        });
      }
      // Already serialised once for every viewer: Fastify sends a JSON-typed string as is (the
      // schema still documents the reply). The cast only tells TypeScript so.
      return reply
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(latest.json as unknown as Snapshot);
    },
  );

  app.get('/api/stream', { schema: { querystring: StreamQuerySchema } }, (req, reply) => {
    const lastEventId = parseSeq(req.headers['last-event-id']) ?? parseSeq(req.query.lastEventId);
    reply.hijack();
    app.sse.attach(req.raw, reply.raw, lastEventId);
  });
};

export default routes;
