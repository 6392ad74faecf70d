// Plugin: the groups' trend through the day, recorded from each snapshot with new group figures;
// a single process also keeps it in the history store across restarts (a cluster, in Redis).
import fp from 'fastify-plugin';
import { localDay } from '../../lib/local-time';
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
    if (app.cluster) return;

    // Single process: today's points read back at start, and each new one written (issue 7).
    const { store, write } = app.history;
    const today = localDay(app.clock.now(), timeZone);
    try {
      book.restore(today, await store.trendOf(today));
    } catch (err) {
      app.log.warn({ err: (err as Error).message }, 'could not read the trend back from the store');
    }
    let lastGroupsAt: string | null = null;
    app.snapshots.subscribe((p) => {
      const at = p.snapshot.upstream.sources.groups.lastSuccessAt;
      if (p.restored || at === null || at === lastGroupsAt) return;
      lastGroupsAt = at;
      const points = p.snapshot.groups.flatMap((g) => {
        const last = book.points(g.id)?.at(-1);
        return last ? [[g.id, last] as const] : [];
      });
      write('trend', () => store.appendTrend(localDay(Date.parse(at), timeZone), points));
    });
  },
  { name: 'vigie-trend', fastify: '5.x', dependencies: ['vigie-snapshots', 'vigie-history'] },
);
