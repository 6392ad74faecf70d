// Plugin: the snapshot publisher, fed by the source, with the board settings the screens need and
// the steps each build goes through (given in order by app.ts); in a cluster it publishes through
// Redis (the node relays, then hands every instance the same bytes back).
import type { BoardConfig } from '@vigie/contract';
import fp from 'fastify-plugin';
import type { Clock } from '../../lib/clock';
import type { Config } from '../../config/env';
import { openLastSnapshot } from '../../snapshot/last-snapshot';
import { SnapshotPipeline, type SnapshotStep } from '../../snapshot/pipeline';
import { SnapshotStore } from '../../snapshot/publisher';

declare module 'fastify' {
  interface FastifyInstance {
    snapshots: SnapshotStore;
  }
}

function boardConfigOf(config: Config, clockShiftMs: number): BoardConfig {
  return {
    serviceLevel: {
      answeredWithinSeconds: config.serviceLevel.answeredWithinSeconds,
      abandonedWithinSeconds: config.serviceLevel.abandonedWithinSeconds,
    },
    thresholds: {
      longestWaitSeconds: { ...config.thresholds.longestWaitSeconds },
      serviceLevelPercent: { ...config.thresholds.serviceLevelPercent },
      answeredPercent: { ...config.thresholds.answeredPercent },
      waiting: { ...config.thresholds.waiting },
    },
    heartbeatMs: config.sse.heartbeatMs,
    timeZone: config.axialys.timeZone,
    clockShiftMs,
  };
}

export default fp<{
  config: Config;
  clock: Clock;
  /** The demo's shift into business hours (lib/demo-clock.ts), 0 otherwise. */
  clockShiftMs: number;
  steps: readonly SnapshotStep[];
}>(
  async (app, { config, clock, clockShiftMs, steps }) => {
    const cluster = app.cluster;
    // Issue 10.4: a single board keeps its last snapshot in VIGIE_DATA_DIR (a cluster's is on
    // Redis; the embedded simulator starts afresh each time, so the demo keeps none).
    const last =
      cluster || app.upstream.demo
        ? null
        : openLastSnapshot(config.intelligence.dataDir, app.upstream.account, app.log, () =>
            clock.now(),
          );
    const store = new SnapshotStore({
      restored: last?.restored ?? null,
      source: app.source,
      clock,
      buildId: config.web.buildId,
      demo: app.upstream.demo,
      config: boardConfigOf(config, clockShiftMs),
      peekDetails: (id) => app.drilldown.peekOperatorDetails(id),
      pipeline: new SnapshotPipeline(steps),
      // Issue 12.4: the gauges' marks are where the rules fire, per group.
      // Issue 13 §3: a queue's own thresholds, where it has some.
      gaugeMarks: (id) => app.queues.gaugeMarks(app.alerts.rules())(id),
      serviceLevel: (id) => app.queues.serviceLevelOf(id),
      // Cluster mode: builds go to the cluster, which numbers and publishes them (`accept`).
      ...(cluster ? { relay: (r) => cluster.relay(r) } : {}),
      cluster: cluster
        ? () => cluster.info()
        : () => ({
            mode: 'single',
            instanceId: config.cluster.instanceId,
            leader: config.cluster.instanceId,
            redis: null,
          }),
    });
    app.decorate('snapshots', store);
    app.metrics.trackSnapshotTime(() => {
      const at = store.latest?.snapshot.takenAt;
      return at ? Date.parse(at) : null;
    });
    store.subscribe((p) => app.metrics.snapshotSeq.set(p.snapshot.seq));
    if (last) {
      store.subscribe((p) => {
        if (!p.restored && p.snapshot.upstream.lastSuccessAt !== null) last.save(p.snapshot);
      });
      app.addHook('onClose', async () => last.flush());
    }
  },
  {
    name: 'vigie-snapshots',
    fastify: '5.x',
    dependencies: [
      'vigie-poller',
      'vigie-drilldown',
      'vigie-metrics',
      'vigie-upstream',
      'vigie-queues',
    ],
  },
);
