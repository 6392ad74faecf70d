// Plugin: the groups' trend through the day, recorded from each snapshot with new group figures.
import fp from 'fastify-plugin';
import { TrendBook } from '../trend';

declare module 'fastify' {
  interface FastifyInstance {
    trend: TrendBook;
  }
}

export const TREND_STEP_MS = 60_000;

export default fp<{ timeZone: string; stepMs?: number }>(
  async (app, { timeZone, stepMs }) => {
    const book = new TrendBook({ stepMs: stepMs ?? TREND_STEP_MS, timeZone });
    app.snapshots.subscribe((p) => book.record(p.snapshot));
    app.decorate('trend', book);
  },
  { name: 'vigie-trend', fastify: '5.x', dependencies: ['vigie-snapshots'] },
);
