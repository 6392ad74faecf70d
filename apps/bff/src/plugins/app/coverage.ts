// Plugin: coverage per hour (coverage/): the step that records what each build adds, and the
// start-up backfill of the hours the board did not see.
import fp from 'fastify-plugin';
import type { Clock } from '../../lib/clock';
import type { Config } from '../../config/env';
import { CoverageRecorder } from '../../coverage/coverage';
import { StartupBackfill } from '../../coverage/startup-backfill';
import { CoverageStep } from '../../coverage/step';
import type { SnapshotStep } from '../../snapshot/pipeline';
import { warmUp } from '../../snapshot/warm-up';

declare module 'fastify' {
  interface FastifyInstance {
    coverage: {
      readonly step: SnapshotStep;
      /** Resolves once the start-up coverage backfill has run (or was not needed). */
      readonly backfilled: Promise<void>;
    };
  }
}

export default fp<{ config: Config; clock: Clock }>(
  async (app, { config, clock }) => {
    const cluster = app.cluster;
    const { store, write, ready } = app.history;
    const maxPollMs = Math.max(config.poll.operatorsMs, config.poll.groupsMs);
    const recorder = new CoverageRecorder({
      timeZone: config.axialys.timeZone,
      // Two polls, plus a lease in a cluster (a fail-over leaves a gap that long).
      maxGapMs: 2 * maxPollMs + (cluster ? config.cluster.leaseMs : 0) + 1000,
    });
    const step = new CoverageStep({
      recorder,
      store,
      write,
      term: () => cluster?.lease.token ?? null,
      warming: warmUp(clock.now(), maxPollMs),
    });
    if (!cluster) await step.resume();

    const backfill = new StartupBackfill({
      // Same client as the poller's: in a cluster it is fenced (only the leader calls upstream).
      client: cluster ? cluster.fence(app.upstream.client) : app.upstream.client,
      store,
      timeZone: config.axialys.timeZone,
      startedAt: clock.now(),
      storeReady: ready,
      maxCalls: config.intelligence.backfillMaxCalls,
      latest: () => app.snapshots.latest?.snapshot ?? null,
      log: app.log,
    });
    app.source.onEvent((e) => {
      // Read once the publisher (which listens after us) has made this event's snapshot.
      if (e.kind === 'history') queueMicrotask(() => backfill.onHistory(e.events));
    });
    app.decorate('coverage', { step, backfilled: backfill.done });
  },
  {
    name: 'vigie-coverage',
    fastify: '5.x',
    dependencies: ['vigie-history', 'vigie-poller', 'vigie-upstream', 'vigie-cluster'],
  },
);
