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

  private latestSnapshotAt: () => number | null = () => null;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'vigie_' });
  }

  trackSnapshotTime(fn: () => number | null): void {
    this.latestSnapshotAt = fn;
  }
}
