// Plugin: the board's own record and what it derives — store, trend kept across restarts, alerts, staffing, coverage, webhook.
import type { Alert, AlertEvent, Snapshot } from '@vigie/contract';
import fp from 'fastify-plugin';
import { Gauge, Counter } from 'prom-client';
import { clusterNamespace, waitForReady } from '../../cluster';
import { realTimersWith, type Clock } from '../../lib/clock';
import type { Config } from '../../config/env';
import { createAlertEngine, initialAlertState, type AlertState } from '../../alerts/engine';
import { ArrivalsWindow } from '../../staffing/arrivals';
import { backfillToday } from '../../coverage/backfill';
import { CoverageRecorder } from '../../coverage/coverage';
import { groupStaffing } from '../../staffing/group-staffing';
import { localDay } from '../../lib/local-time';
import { WebhookSender } from '../../alerts/webhook';
import { eventId, type HistoryStore } from '../../history/history-store';
import { openStore } from '../../history/open-store';
import { startRetention } from '../../history/retention';

declare module 'fastify' {
  interface FastifyInstance {
    intelligence: {
      readonly store: HistoryStore;
      /** Why the store fell back to memory; null when it is the one configured. */
      readonly storeProblem: string | null;
      readonly webhook: WebhookSender | null;
      /** Resolves once the start-up coverage backfill has run (or was not needed). */
      readonly backfilled: Promise<void>;
    };
  }
}

export default fp<{ config: Config; clock: Clock }>(
  async (app, { config, clock }) => {
    const ic = config.intelligence;
    const zone = config.axialys.timeZone;
    const cluster = app.cluster;
    const log = app.log;

    const { store, problem } = await openStore({
      dataDir: ic.dataDir,
      retentionDays: ic.retentionDays,
      account: app.upstream.account,
      redis: cluster
        ? {
            redis: cluster.redis,
            namespace: clusterNamespace(
              config.axialys.url ?? 'embedded',
              config.axialys.user ?? 'demo',
            ),
          }
        : null,
      log,
    });

    // Metrics of this plugin, in the app's registry.
    const registers = [app.metrics.registry];
    new Gauge({
      name: 'vigie_store_ok',
      help: '1 when the history store is the configured one; 0 when it fell back to memory',
      registers,
    }).set(problem === null ? 1 : 0);
    const webhookOutcomes = new Counter({
      name: 'vigie_alert_webhook_total',
      help: 'Alert webhook attempts by outcome (sent, retried, failed, dropped)',
      labelNames: ['outcome'] as const,
      registers,
    });
    const alertEvents = new Counter({
      name: 'vigie_alert_events_total',
      help: 'Alert transitions stored, by type',
      labelNames: ['type'] as const,
      registers,
    });
    const storeErrors = new Counter({
      name: 'vigie_store_errors_total',
      help: 'Writes or reads of the history store that failed',
      registers,
    });

    // Writes go one after the other, off the build path: a slow store never delays a snapshot.
    let writes: Promise<void> = Promise.resolve();
    let lastWriteError = '';
    const write = (what: string, op: () => Promise<unknown>): void => {
      writes = writes.then(op).then(
        () => {
          lastWriteError = '';
        },
        (err: Error) => {
          storeErrors.inc();
          if (err.message !== lastWriteError)
            log.warn({ err: err.message, store: store.kind, what }, 'history store write failed');
          lastWriteError = err.message;
        },
      );
    };

    const webhook = ic.webhookUrl
      ? new WebhookSender({
          url: ic.webhookUrl,
          instanceId: config.cluster.instanceId,
          log,
          onOutcome: (o) => webhookOutcomes.inc({ outcome: o }),
        })
      : null;

    // Cluster mode: at start the Redis connection is still being made, and commands fail at once
    // meanwhile (no offline queue): the start-up reads and the first retention wait for it a little
    // (never the start itself: an instance starts while Redis is away).
    const storeReady = cluster ? waitForReady(cluster.redis, 5000) : Promise.resolve(true);

    // Retention at start and then daily.
    const stopRetention = startRetention({
      store,
      clock: realTimersWith(clock),
      timeZone: zone,
      retentionDays: ic.retentionDays,
      run: (prune) =>
        write('retention', async () => {
          await storeReady;
          await prune();
        }),
      onPruned: (removed, firstKeptDay) =>
        log.info({ removed, firstKeptDay }, 'history retention applied'),
    });

    // ---- trend across restarts (single process: in a cluster, Redis keeps it, issue 6) -----------
    if (!cluster) {
      const today = localDay(clock.now(), zone);
      try {
        app.trend.restore(today, await store.trendOf(today));
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'could not read the trend back from the store');
      }
      let lastGroupsAt: string | null = null;
      app.snapshots.subscribe((p) => {
        const at = p.snapshot.upstream.sources.groups.lastSuccessAt;
        if (p.restored || at === null || at === lastGroupsAt) return;
        lastGroupsAt = at;
        const day = localDay(Date.parse(at), zone);
        const points = p.snapshot.groups.flatMap((g) => {
          const last = app.trend.points(g.id)?.at(-1);
          return last ? [[g.id, last] as const] : [];
        });
        write('trend', () => store.appendTrend(day, points));
      });
    }

    // ---- what each build gets: staffing, coverage, alerts -----------------------------------------
    const engine = createAlertEngine(ic.rules);
    const arrivals = new ArrivalsWindow(ic.staffingWindowMinutes * 60_000);
    const maxPollMs = Math.max(config.poll.operatorsMs, config.poll.groupsMs);
    const recorder = new CoverageRecorder({
      timeZone: zone,
      // Two polls, plus a lease in a cluster (a fail-over leaves a gap that long).
      maxGapMs: 2 * maxPollMs + (cluster ? config.cluster.leaseMs : 0) + 1000,
    });
    const target = {
      targetSeconds: config.serviceLevel.answeredWithinSeconds,
      targetPercent: config.intelligence.serviceLevelTargetPercent,
      minWindowMinutes: ic.staffingWindowMinutes / 3,
    };

    let alertState: AlertState | null = null;
    /** Cluster: the lease token the state was loaded under; a new term reloads it from Redis. */
    let loadedFor: string | null = null;
    let loading: Promise<void> | null = null;
    const load = async (term: string | null) => {
      const [state, baseline] = await Promise.all([
        store.loadAlertState().catch((err: Error) => {
          log.warn({ err: err.message }, 'could not read the alert state: starting afresh');
          return null;
        }),
        store.loadBaseline().catch(() => null),
      ]);
      alertState = state ?? initialAlertState();
      recorder.resume(baseline);
      loadedFor = term;
    };
    if (!cluster) await load(null);

    let lastGroupsAt: string | null = null;
    const warmFrom = clock.now();
    const enrich = (s: Snapshot): Snapshot => {
      const now = clock.now();
      if (cluster) {
        const term = cluster.lease.token;
        if (term !== loadedFor) {
          alertState = null;
          loading ??= load(term).finally(() => (loading = null));
        }
      }
      const groupsAt = s.upstream.sources.groups.lastSuccessAt;
      if (groupsAt !== null && groupsAt !== lastGroupsAt) {
        lastGroupsAt = groupsAt;
        const at = Date.parse(groupsAt);
        arrivals.observe(at, localDay(at, zone), s.groups);
      }
      const groups = s.groups.map((g) => ({
        ...g,
        staffing: groupStaffing(g, s.operators, arrivals, target),
      }));
      let out: Snapshot = { ...s, groups };

      // Just started: sources that have not answered yet are not "stale" (every restart would
      // raise and clear upstream-stale); after two poll periods without an answer they are.
      const sources = s.upstream.sources;
      const warming =
        (sources.operators.lastSuccessAt === null || sources.groups.lastSuccessAt === null) &&
        now - warmFrom < 2 * maxPollMs;
      if (alertState === null || warming) {
        // A new leader reading the state back: keep showing the cluster's last alerts meanwhile.
        return { ...out, alerts: [...(app.snapshots.latest?.snapshot.alerts ?? [])] };
      }
      const { writes: cells, changedCounters } = recorder.observe(out, now);
      for (const c of cells)
        write('coverage', () => store.addCoverage(c.day, c.groupId, c.hour, c.live));
      const counters = recorder.counters;
      if (changedCounters && counters) write('counters', () => store.saveBaseline(counters));

      const result = engine.evaluate(alertState, out, now);
      alertState = result.state;
      const state = result.state;
      write('alert state', () => store.saveAlertState(state));
      if (result.events.length > 0) record(result.events);
      out = { ...out, alerts: result.alerts as Alert[] };
      return out;
    };

    const record = (events: AlertEvent[]) =>
      write('alert events', async () => {
        const fresh = await store.addAlertEvents(events);
        for (const e of fresh) {
          alertEvents.inc({ type: e.type });
          log.info(
            { alert: e.alert.id, rule: e.alert.rule, subject: e.alert.subject, type: e.type },
            `alert ${e.type}`,
          );
          webhook?.enqueue(e, eventId(e));
        }
      });

    app.snapshots.enrichWith(enrich);

    // ---- start-up backfill of today's coverage, once the poller has its status history ----------
    const startedAt = clock.now();
    const coveredAtStart = storeReady
      .then(() => store.coveredHours(localDay(startedAt, zone)))
      .catch(() => new Set<string>());
    let doneBackfill: () => void = () => undefined;
    const backfilled = new Promise<void>((r) => (doneBackfill = r));
    let backfillStarted = false;
    if (ic.backfillMaxCalls === 0) doneBackfill();
    app.source.onEvent((e) => {
      if (e.kind !== 'history' || backfillStarted || ic.backfillMaxCalls === 0) return;
      backfillStarted = true;
      const latest = app.snapshots.latest?.snapshot;
      const membership = new Map((latest?.operators ?? []).map((o) => [o.id, o.groups]));
      const groupIds = (latest?.groups ?? []).map((g) => g.id);
      // The day counters, once group figures have come: a backfilled hour cannot exceed them.
      const dayCalls = latest?.upstream.sources.groups.lastSuccessAt
        ? new Map(latest.groups.map((g) => [g.id, g.calls]))
        : undefined;
      // Same client as the poller's: in a cluster it is fenced (only the leader calls upstream).
      const client = cluster ? cluster.fence(app.upstream.client) : app.upstream.client;
      void coveredAtStart
        .then((covered) =>
          backfillToday({
            client,
            store,
            timeZone: zone,
            startedAt: Math.min(startedAt, latest ? Date.parse(latest.takenAt) : startedAt),
            covered,
            groupIds,
            membership,
            ...(dayCalls ? { dayCalls } : {}),
            history: e.events,
            maxCalls: ic.backfillMaxCalls,
            log,
          }),
        )
        .then((r) => log.info({ ...r }, 'coverage backfill done'))
        .catch((err: Error) => log.warn({ err: err.message }, 'coverage backfill failed'))
        .finally(doneBackfill);
    });

    app.decorate('intelligence', { store, storeProblem: problem, webhook, backfilled });

    app.addHook('onClose', async () => {
      stopRetention();
      webhook?.close();
      await writes;
      await store.close();
    });
  },
  {
    name: 'vigie-intelligence',
    fastify: '5.x',
    dependencies: ['vigie-snapshots', 'vigie-trend', 'vigie-poller', 'vigie-metrics'],
  },
);
