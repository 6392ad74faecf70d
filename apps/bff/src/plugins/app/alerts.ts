// Plugin: alerts (alerts/): the step that evaluates the rules on each build, and the webhook the
// transitions are sent to (VIGIE_ALERT_WEBHOOK_URL).
import fp from 'fastify-plugin';
import { AlertsStep } from '../../alerts/step';
import { WebhookSender } from '../../alerts/webhook';
import type { Rule } from '../../config/rules-file';
import { storedRules } from '../../settings/rules';
import type { Clock } from '../../lib/clock';
import type { Config } from '../../config/env';
import type { SnapshotStep } from '../../snapshot/pipeline';
import { warmUp } from '../../snapshot/warm-up';

declare module 'fastify' {
  interface FastifyInstance {
    alerts: {
      readonly step: SnapshotStep;
      readonly webhook: WebhookSender | null;
      /** The rules in force (the file's, or those stored from the browser). */
      rules(): readonly Rule[];
      /** Where they come from. */
      rulesSource(): 'file' | 'ui';
      /** Reads the stored rules again (after a write here: the engine has them at the next build). */
      reloadRules(): Promise<void>;
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
    // The file's rules, or those stored from the browser (issue 13 §5, loaded below).
    let base: readonly Rule[] = ic.rules;
    const step = new AlertsStep({
      // Issue 13 §3: each queue's thresholds as its limits, followed at each build.
      rules: () => app.queues.rules(base),
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
    // Issue 13 §5: rules stored from the browser win over the file, from the next build on; in a
    // cluster the leader hears another instance's change through the store's channel.
    let source: 'file' | 'ui' = 'file';
    const settings = app.history.settings;
    const loadRules = async () => {
      const stored = await storedRules(settings, app.log);
      base = stored?.rules ?? ic.rules;
      source = stored ? 'ui' : 'file';
    };
    await loadRules();
    const off = settings.onChange((c) => {
      if (c.kinds.includes('rules'))
        loadRules().catch((err: Error) =>
          app.log.warn({ err: err.message }, 'could not read the stored rules'),
        );
    });
    app.decorate('alerts', {
      step,
      webhook,
      rules: () => base,
      rulesSource: () => source,
      reloadRules: loadRules,
    });
    app.addHook('onClose', async () => off());
    // Before the history's onClose (registered earlier, run later): the store closes after this.
    app.addHook('onClose', async () => webhook?.close());
  },
  {
    name: 'vigie-alerts',
    fastify: '5.x',
    dependencies: ['vigie-history', 'vigie-metrics', 'vigie-cluster', 'vigie-queues'],
  },
);
