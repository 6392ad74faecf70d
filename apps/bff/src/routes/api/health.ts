// GET /healthz (alive), /readyz (upstream answers: a fresh poll in, not down) and /metrics (Prometheus text).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorReplySchema } from '@vigie/contract';
import Type from 'typebox';

const Status = Type.Object({
  status: Type.String(),
  upstream: Type.Optional(Type.String()),
  /** Why not ready (never a secret: the board's own message for people). */
  reason: Type.Optional(Type.String()),
});

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
      // Issue 10.4: ready means upstream answers: a fresh poll came in (not the figures kept from
      // before a restart) and the board is not down; in a cluster, as the snapshot held says.
      const latest = app.snapshots.latest;
      const upstream = latest?.snapshot.upstream.status ?? 'starting';
      const reason = !latest
        ? 'waiting for the first answer from Axialys'
        : latest.restored
          ? 'showing the figures kept from before the restart until the first fresh poll'
          : upstream === 'waiting'
            ? 'waiting for the first answer from Axialys'
            : upstream === 'down' || upstream === 'unauthorized'
              ? (latest.snapshot.upstream.error ?? `upstream ${upstream}`)
              : null;
      return reply
        .code(reason === null ? 200 : 503)
        .send(
          reason === null
            ? { status: 'ready', upstream }
            : { status: 'not ready', upstream, reason },
        );
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
