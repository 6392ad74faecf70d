// GET /healthz (alive), /readyz (a first poll succeeded; in a cluster, a snapshot held) and /metrics (Prometheus text).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReplySchema } from '@vigie/contract';
import Type from 'typebox';

const Status = Type.Object({ status: Type.String(), upstream: Type.Optional(Type.String()) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    { config: { access: 'public' }, schema: { response: { 200: Status } }, logLevel: 'warn' },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: { response: { 200: Status, 503: Status } },
      logLevel: 'warn',
    },
    async (_req, reply) => {
      const h = app.source.health;
      // Cluster mode: only the leader polls; an instance is ready once it holds a snapshot.
      const ready = app.cluster
        ? app.snapshots.latest !== null
        : h.operators.lastSuccessAt !== null || h.groups.lastSuccessAt !== null;
      const upstream = app.snapshots.latest?.snapshot.upstream.status ?? 'starting';
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', upstream });
    },
  );

  app.get(
    '/metrics',
    {
      // Public unless VIGIE_METRICS_TOKEN is set (then that token as Bearer).
      config: { access: 'metrics' },
      schema: { response: { 200: Type.String(), 401: ErrorReplySchema } },
      logLevel: 'warn',
    },
    async (_req, reply) => {
      const text = await app.metrics.registry.metrics();
      return reply.type(app.metrics.registry.contentType).send(text);
    },
  );
};

export default routes;
