// Plugin: the one poller of the process, started when the app is ready and stopped first on close.
import fp from 'fastify-plugin';
import type { Clock } from '../../lib/clock';
import type { Config } from '../../config/env';
import { localCallBudget, slotMs } from '../../upstream/fast-budget';
import { Poller } from '../../upstream/poller';
import type { SnapshotSource } from '../../upstream/source';

declare module 'fastify' {
  interface FastifyInstance {
    source: SnapshotSource;
  }
}

interface PollerPluginOptions {
  config: Config;
  clock: Clock;
  /** Tests may shorten the back-off after bad credentials (default five minutes). */
  authRetryMs?: number;
}

export default fp<PollerPluginOptions>(
  async (app, { config, clock, authRetryMs }) => {
    // Cluster mode: no upstream call without the lease, operators_init spaced on Redis's clock.
    const client = app.cluster ? app.cluster.fence(app.upstream.client) : app.upstream.client;
    const fast = config.poll.fastStates;
    const hold = slotMs(config.axialys.timeoutMs);
    app.metrics.fastStatesEnabled.set(fast.enabled ? 1 : 0);
    const poller = new Poller({
      client,
      clock,
      timeZone: config.axialys.timeZone,
      operatorsMs: config.poll.operatorsMs,
      groupsMs: config.poll.groupsMs,
      directoryMs: config.poll.directoryMs,
      answeredWithinSeconds: config.serviceLevel.answeredWithinSeconds,
      abandonedWithinSeconds: config.serviceLevel.abandonedWithinSeconds,
      // Per-queue pairs (plugins/app/queues.ts, registered later): read at each poll.
      serviceLevels: () => (app.hasDecorator('queues') ? app.queues.requests() : []),
      realtimeMaxPerMin: config.poll.realtimeMaxPerMin,
      ...(fast.enabled
        ? {
            fastStates: {
              // op_details through the viewers' cache: one upstream call per operator per 5 s.
              details: {
                get: (id) => app.drilldown.operatorDetails(id),
                peek: (id) => app.drilldown.peekOperatorDetails(id),
              },
              detailsTtlMs: app.drilldown.detailsTtlMs,
              // Cluster-wide on Redis: the budget binds the account, not one instance.
              budget: app.cluster
                ? app.cluster.fastStatesBudget(fast.maxPerMin, hold)
                : localCallBudget(fast.maxPerMin, () => clock.now(), hold),
              onCall: (endpoint) => app.metrics.fastStatesCalls.inc({ endpoint }),
              onExhausted: () => app.metrics.fastStatesBudgetExhausted.inc(),
            },
          }
        : {}),
      ...(authRetryMs === undefined ? {} : { authRetryMs }),
      observe: (source, seconds, ok) =>
        app.metrics.pollDuration.observe({ source, outcome: ok ? 'ok' : 'error' }, seconds),
      log: app.log,
    });
    app.decorate('source', poller);
    poller.onEvent((e) => {
      if (e.kind === 'fast-states') app.metrics.fastStatesApplied.inc(e.updates.length);
    });
    // In a cluster, leadership starts and stops it (plugins/cluster-fanout.ts).
    if (!app.cluster) app.addHook('onReady', async () => poller.start());
    // Stop polling before streams end and the client closes (an answer in flight is let go).
    app.addHook('preClose', async () => {
      await Promise.race([poller.stop(), new Promise((r) => setTimeout(r, 1000).unref())]);
    });
  },
  {
    name: 'vigie-poller',
    fastify: '5.x',
    dependencies: ['vigie-upstream', 'vigie-metrics', 'vigie-cluster', 'vigie-drilldown'],
  },
);
