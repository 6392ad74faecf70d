// Prometheus figures of the BFF, in its own Registry (never the global one: tests build many apps).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly upstreamRequests = new Counter({
    name: 'vigie_upstream_requests_total',
    help: 'Requests to Axialys by endpoint and outcome (ok, or the client error code)',
    labelNames: ['endpoint', 'status'] as const,
    registers: [this.registry],
  });
  readonly pollDuration = new Histogram({
    name: 'vigie_poll_duration_seconds',
    help: 'Duration of one poll of a source, by source and outcome',
    labelNames: ['source', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly snapshotAge = new Gauge({
    name: 'vigie_snapshot_age_seconds',
    help: 'Seconds since the latest snapshot was taken',
    registers: [this.registry],
    collect: () => {
      const at = this.latestSnapshotAt();
      if (at !== null) this.snapshotAge.set((Date.now() - at) / 1000);
    },
  });
  readonly snapshotSeq = new Gauge({
    name: 'vigie_snapshot_seq',
    help: 'seq of the latest snapshot',
    registers: [this.registry],
  });
  readonly sseClients = new Gauge({
    name: 'vigie_sse_clients',
    help: 'Connected SSE clients',
    registers: [this.registry],
  });
  readonly sseDropped = new Counter({
    name: 'vigie_sse_dropped_clients_total',
    help: 'SSE clients dropped by the BFF, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  // The board's own record and what it derives (issue 7): history, alerts, webhook.
  readonly storeOk = new Gauge({
    name: 'vigie_store_ok',
    help: '1 when the history store is the configured one; 0 when it fell back to memory',
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({
    name: 'vigie_store_errors_total',
    help: 'Writes or reads of the history store that failed',
    registers: [this.registry],
  });
  readonly alertEvents = new Counter({
    name: 'vigie_alert_events_total',
    help: 'Alert transitions stored, by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly alertWebhook = new Counter({
    name: 'vigie_alert_webhook_total',
    help: 'Alert webhook attempts by outcome (sent, retried, failed, dropped)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  // Cluster mode (issue 6): zero and absent in a single process.
  readonly clusterIsLeader = new Gauge({
    name: 'vigie_cluster_is_leader',
    help: '1 while this instance holds the poller lease',
    registers: [this.registry],
  });
  readonly clusterLeaseRenewals = new Counter({
    name: 'vigie_cluster_lease_renewals_total',
    help: 'Poller lease renewals by this instance',
    registers: [this.registry],
  });
  readonly clusterLeaseLosses = new Counter({
    name: 'vigie_cluster_lease_losses_total',
    help: 'Times this instance lost the poller lease while holding it',
    registers: [this.registry],
  });
  readonly clusterFailovers = new Counter({
    name: 'vigie_cluster_failovers_total',
    help: 'Times this instance took the lease over from another instance',
    registers: [this.registry],
  });
  readonly clusterRedisUp = new Gauge({
    name: 'vigie_cluster_redis_up',
    help: '1 while Redis answers this instance',
    registers: [this.registry],
  });
  readonly clusterRedisRtt = new Histogram({
    name: 'vigie_cluster_redis_rtt_seconds',
    help: 'Round trip of a PING to Redis',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly clusterSnapshotsReceived = new Counter({
    name: 'vigie_cluster_snapshots_received_total',
    help: 'Snapshots received from Redis, by way (channel, or the latest key)',
    labelNames: ['via'] as const,
    registers: [this.registry],
  });
  readonly clusterFanoutDelay = new Histogram({
    name: 'vigie_cluster_fanout_seconds',
    help: 'From the leader publishing a snapshot to this instance receiving it (clocks may differ)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly fastStatesEnabled = new Gauge({
    name: 'vigie_fast_states_enabled',
    help: 'VIGIE_FAST_STATES: 1 when states between polls come from 3.4 and 3.5, else 0',
    registers: [this.registry],
  });
  readonly fastStatesCalls = new Counter({
    name: 'vigie_fast_states_calls_total',
    help: 'Upstream calls of VIGIE_FAST_STATES by endpoint (calls_status, op_details), within its budget',
    labelNames: ['endpoint'] as const,
    registers: [this.registry],
  });
  readonly fastStatesBudgetExhausted = new Counter({
    name: 'vigie_fast_states_budget_exhausted_total',
    help: 'Times VIGIE_FAST_STATES_MAX_PER_MIN ran out: states wait for the poll until the minute has room',
    registers: [this.registry],
  });
  readonly fastStatesApplied = new Counter({
    name: 'vigie_fast_states_applied_total',
    help: 'Operator states applied to the snapshot from op_details between two polls',
    registers: [this.registry],
  });

  private latestSnapshotAt: () => number | null = () => null;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'vigie_' });
  }

  trackSnapshotTime(fn: () => number | null): void {
    this.latestSnapshotAt = fn;
  }
}
