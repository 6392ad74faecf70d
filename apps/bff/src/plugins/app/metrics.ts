// Plugin: the Metrics registry, shared by the upstream wrapper, the poller and the SSE hub.
import fp from 'fastify-plugin';
import { Metrics } from '../../lib/metrics';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export default fp(
  async (app) => {
    app.decorate('metrics', new Metrics());
  },
  { name: 'vigie-metrics', fastify: '5.x' },
);
