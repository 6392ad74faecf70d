// Plugin: per-queue service levels and thresholds (settings/queues.ts), read from the settings
// store at start and again at every change (here or, in a cluster, on another instance).
import fp from 'fastify-plugin';
import type { Config } from '../../config/env';
import { QueueSettings } from '../../settings/queues';

declare module 'fastify' {
  interface FastifyInstance {
    queues: QueueSettings & {
      /** Reads the stored documents again (a route awaits it before it answers). */
      reload(): Promise<void>;
    };
  }
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const settings = app.history.settings;
    const queues = Object.assign(new QueueSettings(config, app.log), {
      reload: async () => {
        queues.load(await settings.list('queue'));
      },
    });
    const reload = () =>
      queues.reload().then(
        // New definitions apply at the next group poll: ask for it now, not in up to 15 s.
        () => app.source.requestGroupsRefresh?.(),
        (err: Error) => app.log.warn({ err: err.message }, 'could not read the per-queue settings'),
      );
    // In a cluster the store may still be connecting: its first read waits for it.
    await app.history.ready;
    await reload();
    const off = settings.onChange((c) => {
      if (c.kinds.includes('queue')) void reload();
    });
    app.addHook('onClose', async () => off());
    app.decorate('queues', queues);
  },
  { name: 'vigie-queues', fastify: '5.x', dependencies: ['vigie-history', 'vigie-poller'] },
);
