// Plugin: cluster wiring of the services: leadership drives the poller, Redis feeds the store, stale while Redis is away.
import fp from 'fastify-plugin';
import { markStale } from '../../snapshot/stale';
import { restoredUpstream } from '../../snapshot/last-snapshot';

/** While Redis is down, the re-marked snapshot is refreshed this often (its age grows). */
const STALE_REMARK_MS = 5_000;

export default fp<{ staleRemarkMs?: number }>(
  async (app, { staleRemarkMs }) => {
    const node = app.cluster;
    if (!node) return;
    const store = app.snapshots;
    const source = app.source;
    store.relayTo((r) => node.relay(r));

    // Leadership changes are applied one after the other: a stop finishes before a new start.
    let leadership: Promise<void> = Promise.resolve();
    let stale: NodeJS.Timeout | null = null;
    const remark = () => {
      const latest = store.latest;
      if (latest) store.replace(markStale(latest.snapshot, app.clock.now(), node.instanceId));
    };

    node.hooks = {
      onSnapshot: (s) => {
        const p = store.accept(s.seq, s.json);
        if (!p) {
          app.log.warn(
            { seq: s.seq, via: s.via },
            'a snapshot from Redis is not of this version’s contract: ignored',
          );
          return;
        }
        if (p.snapshot.upstream.sources.operators.lastSuccessAt !== null)
          node.holdBackWithoutOperators = true;
        // Issue 10.4: the key read at start may hold the figures of a cluster that stopped (or
        // is about to be taken over by this instance): shown with their real age, never 'ok',
        // until a fresh one is published on the channel.
        const now = app.clock.now();
        if (s.via === 'latest')
          store.replace(
            {
              ...p.snapshot,
              takenAt: new Date(now).toISOString(),
              upstream: restoredUpstream(p.snapshot, now, p.snapshot.upstream),
            },
            true,
          );
      },
      onLeadership: (isLeader) => {
        leadership = leadership
          .then(async () => {
            if (isLeader) {
              // Start from our own answers, keeping the time in state of unchanged operators.
              store.resetSources(store.latest?.snapshot ?? null);
              source.start();
            } else {
              await source.stop();
            }
          })
          // One failed change must not block every later one (nor go unhandled).
          .catch((err: unknown) => app.log.error({ err, isLeader }, 'leadership change failed'));
      },
      onRedisStatus: (status) => {
        if (status === 'down') {
          remark();
          stale ??= setInterval(remark, staleRemarkMs ?? STALE_REMARK_MS);
          stale.unref();
        } else {
          if (stale) clearInterval(stale);
          stale = null;
          void node.channel.catchUp().catch(() => undefined);
        }
      },
    };
    app.addHook('preClose', async () => {
      if (stale) clearInterval(stale);
      stale = null;
    });
  },
  {
    name: 'vigie-cluster-fanout',
    fastify: '5.x',
    dependencies: ['vigie-cluster', 'vigie-snapshots', 'vigie-poller'],
  },
);
