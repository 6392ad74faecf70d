// Plugin: the staffing step (staffing/step.ts) for the snapshot pipeline: arrivals and Erlang C.
import fp from 'fastify-plugin';
import type { Config } from '../../config/env';
import type { SnapshotStep } from '../../snapshot/pipeline';
import { localDay } from '../../lib/local-time';
import { staffingStep } from '../../staffing/step';

declare module 'fastify' {
  interface FastifyInstance {
    staffing: { readonly step: SnapshotStep };
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const ic = config.intelligence;
    const step = staffingStep({
      timeZone: config.axialys.timeZone,
      windowMinutes: ic.staffingWindowMinutes,
      target: {
        targetSeconds: config.serviceLevel.answeredWithinSeconds,
        targetPercent: ic.serviceLevelTargetPercent,
        minWindowMinutes: ic.staffingWindowMinutes / 3,
      },
    });
    app.decorate('staffing', { step });
    // Issue 12.6: a single board reads today's trend back, so staffing has figures right after a
    // restart (a cluster's trend lives in Redis, written by the leader: its window fills live).
    if (app.cluster) return;
    const now = app.clock.now();
    const today = localDay(now, config.axialys.timeZone);
    try {
      step.seed(today, await app.history.store.trendOf(today), now);
    } catch (err) {
      app.log.warn(
        { err: (err as Error).message },
        'could not seed staffing from the stored trend',
      );
    }
  },
  { name: 'vigie-staffing', fastify: '5.x', dependencies: ['vigie-history'] },
);
