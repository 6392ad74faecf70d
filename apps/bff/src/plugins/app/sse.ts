// Plugin: the SSE hub, fed by the snapshot store; streams end cleanly before the server closes.
import { STREAM_EVENTS, type SettingsEvent } from '@vigie/contract';
import fp from 'fastify-plugin';
import { realTimersWith } from '../../lib/clock';
import { SseHub } from '../../stream/sse-hub';

declare module 'fastify' {
  interface FastifyInstance {
    sse: SseHub;
  }
}

export default fp<{ heartbeatMs: number; maxBufferedBytes?: number }>(
  async (app, { heartbeatMs, maxBufferedBytes }) => {
    const hub = new SseHub({
      store: app.snapshots,
      heartbeatMs,
      ...(maxBufferedBytes === undefined ? {} : { maxBufferedBytes }),
      onCountChange: (n) => app.metrics.sseClients.set(n),
      onDrop: (reason) => {
        app.metrics.sseDropped.inc({ reason });
        app.log.warn({ reason }, 'dropped an SSE client');
      },
      onEnd: (reason, n) => {
        app.metrics.sseDropped.inc({ reason }, n);
        app.log.info({ reason, streams: n }, 'ended SSE streams');
      },
      // Sessions expire on the app's clock; heartbeats tick on real timers.
      clock: realTimersWith(app.clock),
      sessionLive: (id, now) => app.auth.credentials.sessionLive(id, now),
    });
    app.decorate('sse', hub);
    // Issue 13: a change made here or on another instance reaches every open page at once.
    const off = app.history.settings.onChange((c) =>
      hub.announce(STREAM_EVENTS.settings, {
        kinds: [...c.kinds],
        at: new Date(app.clock.now()).toISOString(),
      } satisfies SettingsEvent),
    );
    app.addHook('onClose', async () => off());
    app.addHook('preClose', async () => hub.close());
  },
  {
    name: 'vigie-sse',
    fastify: '5.x',
    dependencies: ['vigie-snapshots', 'vigie-metrics', 'vigie-auth', 'vigie-history'],
  },
);
