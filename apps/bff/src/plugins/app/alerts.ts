// Plugin: alerts (alerts/): the step that evaluates the rules on each build, and the webhook the
// transitions are sent to (VIGIE_ALERT_WEBHOOK_URL).
import fp from 'fastify-plugin';
import { AlertsStep } from '../../alerts/step';
import { WebhookSender } from '../../alerts/webhook';
import type { Clock } from '../../lib/clock';
import type { Config } from '../../config/env';
import type { SnapshotStep } from '../../snapshot/pipeline';
import { warmUp } from '../../snapshot/warm-up';

declare module 'fastify' {
  interface FastifyInstance {
    alerts: {
      readonly step: SnapshotStep;
      readonly webhook: WebhookSender | null;
    };
  }
}

export default fp<{ config: Config; clock: Clock }>(
  async (app, { config, clock }) => {
    const ic = config.intelligence;
    const cluster = app.cluster;
    const webhook = ic.webhookUrl
      ? new WebhookSender({
          url: ic.webhookUrl,
          instanceId: config.cluster.instanceId,
          log: app.log,
          onOutcome: (o) => app.metrics.alertWebhook.inc({ outcome: o }),
        })
      : null;
    const step = new AlertsStep({
      // Issue 13 §3: each queue's thresholds as its limits, followed at each build.
      rules: () => app.queues.rules(ic.rules),
      liveWait: config.poll.realtimeMaxPerMin > 0,
      store: app.history.store,
      write: app.history.write,
      term: () => cluster?.lease.token ?? null,
      warming: warmUp(clock.now(), Math.max(config.poll.operatorsMs, config.poll.groupsMs)),
      webhook,
      onEvent: (e) => app.metrics.alertEvents.inc({ type: e.type }),
      log: app.log,
    });
    if (!cluster) await step.resume();
    app.decorate('alerts', { step, webhook });
    // Before the history's onClose (registered earlier, run later): the store closes after this.
    app.addHook('onClose', async () => webhook?.close());
  },
  {
    name: 'vigie-alerts',
    fastify: '5.x',
    dependencies: ['vigie-history', 'vigie-metrics', 'vigie-cluster', 'vigie-queues'],
  },
);
