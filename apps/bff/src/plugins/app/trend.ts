// Plugin: the groups' trend through the day, recorded from each snapshot with new group figures.
import fp from 'fastify-plugin';
import { TrendBook } from '../../trend/trend';

declare module 'fastify' {
  interface FastifyInstance {
    trend: TrendBook;
  }
}

const TREND_STEP_MS = 60_000;

export default fp<{ timeZone: string; stepMs?: number }>(
  async (app, { timeZone, stepMs }) => {
    const book = new TrendBook({ stepMs: stepMs ?? TREND_STEP_MS, timeZone });
    app.snapshots.subscribe((p) => {
      if (p.restored) return; // figures from before the restart: already in the trend
      const update = book.record(p.snapshot);
      // Cluster mode: the leader keeps the trend once for every instance (cluster/shared-trend.ts).
      const cluster = app.cluster;
      if (update && cluster?.election.isLeader)
        cluster.trend.append(update).catch((err: Error) => {
          app.log.warn({ err: err.message }, 'could not write the trend to Redis');
        });
    });
    app.decorate('trend', book);
  },
  { name: 'vigie-trend', fastify: '5.x', dependencies: ['vigie-snapshots'] },
);
