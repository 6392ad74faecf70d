// Plugin: cluster mode when REDIS_URL is set (issue 6); `app.cluster` is null in a single process.
// The node is made first (the rate limiter, the poller's fence and the history store use its
// Redis) with its hooks: the fan-out to the snapshot publisher and the poller, made later.
import fp from 'fastify-plugin';
import { ClusterNode, clusterNamespace } from '../../cluster';
import type { Config } from '../../config/env';
import { ClusterFanout } from '../../snapshot/cluster-fanout';

declare module 'fastify' {
  interface FastifyInstance {
    cluster: ClusterNode | null;
  }
}

/** A day of one-minute points per group, as the local trend keeps. */
const TREND_MAX_POINTS = 1441;

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const c = config.cluster;
    if (c.redisUrl === null) {
      app.decorate('cluster', null);
      return;
    }
    // Leadership drives the poller, Redis feeds the publisher, stale while Redis is away. The
    // hooks fire only once the node started (onReady): every plugin is registered by then.
    const fanout = new ClusterFanout({
      targets: () => ({ publisher: app.snapshots, source: app.source }),
      clock: app.clock,
      instanceId: c.instanceId,
      log: app.log,
    });
    const node = new ClusterNode({
      url: c.redisUrl,
      instanceId: c.instanceId,
      // One namespace per account: the embedded simulator's demo shares one too.
      namespace: clusterNamespace(config.axialys.url ?? 'embedded', config.axialys.user ?? 'demo'),
      leaseMs: c.leaseMs,
      upstreamTimeoutMs: config.axialys.timeoutMs,
      operatorsInitMinIntervalMs: config.poll.operatorsMs,
      trendMaxPoints: TREND_MAX_POINTS,
      metrics: app.metrics,
      log: app.log,
      hooks: fanout,
    });
    app.decorate('cluster', node);
    app.log.info(
      { instanceId: c.instanceId, leaseMs: c.leaseMs },
      'cluster mode: Redis elects the one poller',
    );
    // Started once every plugin is wired (onReady), stopped after the streams ended (onClose).
    app.addHook('onReady', async () => node.start());
    app.addHook('preClose', async () => fanout.stop());
    app.addHook('onClose', async () => node.stop());
  },
  { name: 'vigie-cluster', fastify: '5.x', dependencies: ['vigie-metrics'] },
);
