// Plugin: the staffing step (staffing/step.ts) for the snapshot pipeline: arrivals and Erlang C.
import fp from 'fastify-plugin';
import type { Config } from '../../config/env';
import type { SnapshotStep } from '../../snapshot/pipeline';
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
  },
  { name: 'vigie-staffing', fastify: '5.x' },
);
