// Plugin: screens made in the browser (issue 13 §2): the directory of stored screens (tokens by
// hash, refreshed on the change feed), their presence from the SSE hub, and the revocation of a
// deleted screen's streams on every instance.
import fp from 'fastify-plugin';
import { clusterNamespace } from '../../cluster';
import { ScreenDirectory } from '../../settings/screens';
import { ScreenPresence } from '../../settings/screen-presence';
import { RedisSeen } from '../../settings/screen-presence-redis';

declare module 'fastify' {
  interface FastifyInstance {
    screens: {
      readonly directory: ScreenDirectory;
      readonly presence: ScreenPresence;
    };
  }
}

/** Another instance's "online" is believed for this many heartbeats without news. */
const STALE_HEARTBEATS = 3;
/** The stored screens are re-read this often whatever the change feed says. */
const RESYNC_MS = 15_000;

export default fp(
  async (app) => {
    const directory = new ScreenDirectory(app.history.settings, app.log);
    // Before the first request: a screen made before a restart works at once.
    await directory
      .refresh()
      .catch((err: unknown) =>
        app.log.error(
          { error: (err as Error).message },
          'screens: cannot read the stored screens; only file/env tokens work until the next change',
        ),
      );
    app.auth.credentials.useScreens(directory);
    const c = app.config;
    const shared = app.cluster
      ? new RedisSeen(
          app.cluster.redis,
          `${clusterNamespace(c.axialys.url ?? 'embedded', c.axialys.user ?? 'demo')}:screens:seen`,
          app.log,
        )
      : null;
    const presence = new ScreenPresence(
      app.sse,
      STALE_HEARTBEATS * c.sse.heartbeatMs,
      shared,
      app.log,
    );
    const offStreams = app.sse.onStreams((now) => presence.update(now));
    // A deleted screen's streams end at once, on every instance (each hears the change).
    const offRevoke = directory.onRefresh((revoked) => {
      if (revoked.size === 0) return;
      const owners = new Set([...revoked].map((id) => `display:${id}`));
      const n = app.sse.closeOwners(owners);
      if (n > 0) app.metrics.sseDropped.inc({ reason: 'revoked' }, n);
      app.log.info({ screens: [...revoked], streams: n }, 'screens revoked');
      if (shared) for (const o of owners) shared.forget(o).catch(() => undefined);
    });
    // A safety net under the change feed: a message lost while Redis reconnected is caught up.
    const timer = setInterval(() => directory.refreshLogged('the periodic check'), RESYNC_MS);
    timer.unref();
    app.decorate('screens', { directory, presence });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      offStreams();
      offRevoke();
      directory.close();
    });
  },
  {
    name: 'vigie-screens',
    fastify: '5.x',
    dependencies: ['vigie-history', 'vigie-auth', 'vigie-sse', 'vigie-metrics'],
  },
);
