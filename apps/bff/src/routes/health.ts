// GET /healthz (alive), /readyz (a first poll succeeded) and /metrics (Prometheus text).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';

const Status = Type.Object({ status: Type.String(), upstream: Type.Optional(Type.String()) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { response: { 200: Status } }, logLevel: 'warn' }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    { schema: { response: { 200: Status, 503: Status } }, logLevel: 'warn' },
    async (_req, reply) => {
      const h = app.source.health;
      const ready = h.operators.lastSuccessAt !== null || h.groups.lastSuccessAt !== null;
      const upstream = app.snapshots.latest?.snapshot.upstream.status ?? 'starting';
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', upstream });
    },
  );

  app.get(
    '/metrics',
    { schema: { response: { 200: Type.String() } }, logLevel: 'warn' },
    async (_req, reply) => {
      const text = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(text);
    },
  );
};

export default routes;
