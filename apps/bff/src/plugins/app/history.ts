// Plugin: the board's own record (history/): the store (Redis in a cluster, SQLite, else memory),
// the queue every write goes through, and the retention applied at start and then daily.
import fp from 'fastify-plugin';
import { clusterNamespace, connectRedis, waitForReady } from '../../cluster';
import { realTimersWith, type Clock } from '../../lib/clock';
import type { Config } from '../../config/env';
import type { HistoryStore } from '../../history/history-store';
import type { SettingsStore } from '../../history/settings-store';
import { openStore } from '../../history/open-store';
import { startRetention } from '../../history/retention';
import { WriteQueue } from '../../history/write-queue';
import { pruneTickerMessages } from '../../settings/ticker';

declare module 'fastify' {
  interface FastifyInstance {
    history: {
      readonly store: HistoryStore;
      /** Boards, screens, queues, ticker, acknowledgements and their audit (issue 13). */
      readonly settings: SettingsStore;
      /** Why the store fell back to memory; null when it is the one configured. */
      readonly storeProblem: string | null;
      /**
       * Resolves once the store answers: in a cluster the Redis connection may still be being made
       * at start (commands fail at once meanwhile); never the start itself, which does not wait.
       */
      readonly ready: Promise<boolean>;
      /** Queues a write after the others, off the build path (`what` names it in the log). */
      write(what: string, op: () => Promise<unknown>): void;
    };
  }
}

export default fp<{ config: Config; clock: Clock }>(
  async (app, { config, clock }) => {
    const ic = config.intelligence;
    const zone = config.axialys.timeZone;
    const cluster = app.cluster;
    const { store, settings, problem } = await openStore({
      dataDir: ic.dataDir,
      retentionDays: ic.retentionDays,
      account: app.upstream.account,
      redis: cluster
        ? {
            redis: cluster.redis,
            namespace: clusterNamespace(
              config.axialys.url ?? 'embedded',
              config.axialys.user ?? 'demo',
            ),
            // Its own connection: a subscriber can send nothing else.
            subscriber: connectRedis(config.cluster.redisUrl ?? '', {
              name: `vigie:${cluster.instanceId}:settings`,
              subscriber: true,
            }),
            instanceId: cluster.instanceId,
          }
        : null,
      log: app.log,
    });
    app.metrics.storeOk.set(problem === null ? 1 : 0);
    const queue = new WriteQueue({
      store,
      log: app.log,
      onError: () => app.metrics.storeErrors.inc(),
    });
    const write = (what: string, op: () => Promise<unknown>) => queue.write(what, op);
    const ready = cluster ? waitForReady(cluster.redis, 5000) : Promise.resolve(true);

    const stopRetention = startRetention({
      store,
      clock: realTimersWith(clock),
      timeZone: zone,
      retentionDays: ic.retentionDays,
      run: (prune) =>
        write('retention', async () => {
          await ready;
          await prune();
          // Past ticker messages follow the same retention (issue 13 §4: kept, not for ever).
          const removed = await pruneTickerMessages(
            settings,
            clock.now(),
            ic.retentionDays,
            app.log,
          );
          if (removed > 0) app.log.info({ removed }, 'ticker messages past the retention removed');
        }),
      onPruned: (removed, firstKeptDay) =>
        app.log.info({ removed, firstKeptDay }, 'history retention applied'),
    });

    app.decorate('history', { store, settings, storeProblem: problem, ready, write });
    // Closed after the plugins registered later (onClose runs last-registered first): their
    // writes are queued by then.
    app.addHook('onClose', async () => {
      stopRetention();
      await queue.drained();
      await settings.close();
      await store.close();
    });
  },
  {
    name: 'vigie-history',
    fastify: '5.x',
    dependencies: ['vigie-upstream', 'vigie-cluster', 'vigie-metrics'],
  },
);
