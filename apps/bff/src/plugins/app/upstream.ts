// Plugin: the one Axialys client of the process (metered), on the configured account or the embedded simulator.
import { createAxialysClient, type AxialysClient } from '@vigie/axialys-client';
import fp from 'fastify-plugin';
import type { Config } from '../../config/env';
import { meteredClient } from '../../upstream/metered-client';
import { budgetedClient, fileBudget, memoryBudget } from '../../upstream/operators-init-budget';
import { accountKey } from '../../upstream/operators-init-record';

interface Upstream {
  client: AxialysClient;
  /** True on the embedded simulator (snapshot `demo`). */
  demo: boolean;
  /**
   * The account (URL + user, never the password) every stored record is keyed by; the embedded
   * simulator's is stable per seed (its URL changes with its port).
   */
  account: string;
  /** Service numbers known without asking Axialys (the embedded simulator's); op_details adds more. */
  knownNumbers: readonly string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    upstream: Upstream;
  }
}

interface UpstreamPluginOptions {
  config: Config;
  /** Credentials of the embedded simulator, chosen by buildApp so the logger can scrub them. */
  embedded: { user: string; password: string } | null;
  now: () => number;
}

export default fp<UpstreamPluginOptions>(
  async (app, { config, embedded, now }) => {
    let baseUrl = config.axialys.url;
    let user = config.axialys.user ?? '';
    let password = config.axialys.password ?? '';
    let closeSimulator: (() => Promise<void>) | null = null;
    let knownNumbers: string[] = [];
    if (baseUrl === null) {
      if (!embedded) throw new Error('embedded simulator credentials missing');
      // Loaded only for the demo: a real deployment never imports the simulator.
      const { startSimulator } = await import('@vigie/axialys-sim');
      const sim = await startSimulator({
        port: 0,
        host: '127.0.0.1',
        user: embedded.user,
        password: embedded.password,
        seed: config.embeddedSim.seed,
        speed: config.embeddedSim.speed,
        // The app's clock (shifted into business hours on the demo, lib/demo-clock.ts): the
        // simulator starts at the BFF's "now" and runs on it, so both tell the same time.
        startAt: new Date(now()),
        now,
        timeZone: config.axialys.timeZone,
        // The simulator audits operators_init at our own pace when fast polling is allowed.
        ...(config.poll.allowFast ? { rateLimitMs: config.poll.operatorsMs } : {}),
      });
      baseUrl = sim.url;
      user = sim.user;
      password = sim.password;
      closeSimulator = () => sim.close();
      knownNumbers = sim.centre.groups.flatMap((g) => g.numbers);
      app.log.info({ url: sim.url }, 'no AXIALYS_URL: started the embedded simulator (demo)');
    }
    const client = createAxialysClient({
      baseUrl,
      user,
      password,
      timeZone: config.axialys.timeZone,
      timeoutMs: config.axialys.timeoutMs,
      // guide 3.2: the client refuses in-process anything faster than the poller's own period.
      operatorsInitMinIntervalMs: config.poll.operatorsMs,
      now,
    });
    // guide 3.2 across restarts: a real account's last operators_init is kept in VIGIE_DATA_DIR
    // (cluster mode keeps it on Redis, under the fence; the embedded simulator starts fresh).
    const budget =
      config.axialys.url !== null && config.cluster.redisUrl === null
        ? fileBudget({
            dataDir: config.intelligence.dataDir,
            baseUrl,
            user,
            intervalMs: config.poll.operatorsMs,
            timeoutMs: config.axialys.timeoutMs,
            now,
            log: app.log,
          })
        : memoryBudget(config.poll.operatorsMs, now);
    app.decorate('upstream', {
      client: meteredClient(budgetedClient(client, budget), app.metrics),
      demo: config.axialys.url === null,
      account:
        config.axialys.url === null
          ? `demo-seed-${config.embeddedSim.seed}@embedded`
          : accountKey(baseUrl, user),
      knownNumbers,
    });
    app.addHook('onClose', async () => {
      await client.close();
      await closeSimulator?.();
    });
  },
  { name: 'vigie-upstream', fastify: '5.x', dependencies: ['vigie-metrics'] },
);
