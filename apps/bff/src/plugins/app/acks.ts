// Plugin: acknowledgements end with their alert (issue 13 §5). On each snapshot whose active
// alerts changed, the acks of alerts gone (or raised again since) are removed from the store.
import fp from 'fastify-plugin';
import { pruneAcks } from '../../settings/acks';

export default fp(
  async (app) => {
    let lastIds = '';
    let running = false;
    const off = app.snapshots.subscribe((p) => {
      // The leader builds the alerts: another instance's snapshot may lag behind a new raise.
      if (app.cluster && !app.cluster.lease.held) return;
      const ids = p.snapshot.alerts.map((a) => `${a.id}@${a.since}`).join(',');
      if (ids === lastIds || running) return;
      running = true;
      pruneAcks(app.history.settings, p.snapshot.alerts, app.clock.now(), app.log)
        .then(() => {
          lastIds = ids;
        })
        .catch((err: Error) => app.log.warn({ err: err.message }, 'could not prune the acks'))
        .finally(() => {
          running = false;
        });
    });
    app.addHook('onClose', async () => off());
  },
  { name: 'vigie-acks', fastify: '5.x', dependencies: ['vigie-snapshots', 'vigie-history'] },
);
