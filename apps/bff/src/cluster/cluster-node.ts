// One instance's membership of the cluster: its Redis connections and every shared piece, started and stopped together.
import type { AxialysClient } from '@vigie/axialys-client';
import type { ClusterInfo } from '@vigie/contract';
import type { Redis } from 'ioredis';
import type { Metrics } from '../lib/metrics';
import { FastStatesBudget } from './fast-states-budget';
import { fencedClient } from './fenced-client';
import { clusterKeys, type ClusterKeys } from './keys';
import { LeaderElection } from './leader-election';
import { Lease } from './lease';
import { OperatorsInitGate } from './operators-init-gate';
import { closeRedis, connectRedis } from './redis-connection';
import { RedisHealth, type RedisStatus } from './redis-health';
import { SharedCache } from './shared-cache';
import { SharedTrend } from './shared-trend';
import { SnapshotChannel, type ReceivedSnapshot } from './snapshot-channel';

export interface ClusterNodeOptions {
  url: string;
  instanceId: string;
  /** Keys of one account (see keys.ts). */
  namespace: string;
  leaseMs: number;
  /** The upstream request timeout (fencing: the lease must outlive a request). */
  upstreamTimeoutMs: number;
  /** guide 3.2 spacing of operators_init (POLL_OPERATORS_MS). */
  operatorsInitMinIntervalMs: number;
  trendMaxPoints: number;
  metrics: Metrics;
  log: {
    warn(obj: object, msg: string): void;
    info(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
  /** PING period of the health monitor (default 1 s). */
  healthIntervalMs?: number;
  /** Where what the cluster says goes (the snapshot fan-out); called only once the node started. */
  hooks: ClusterHooks;
}

export interface ClusterHooks {
  /**
   * A snapshot from the channel (or the latest key), for this instance's streams. True when it
   * was taken and shows operators: a new leader then holds back until its own operators_init.
   */
  onSnapshot(s: ReceivedSnapshot): boolean;
  onLeadership(isLeader: boolean): void;
  /** Redis went away or came back (then the channel catches up on what was published meanwhile). */
  onRedisStatus(status: RedisStatus): void;
}

/** What a leader hands over for publication: built only once the cluster seq is known. */
export interface RelayRequest {
  build: (seq: number) => unknown;
  hasOperators: boolean;
}

export class ClusterNode {
  readonly keys: ClusterKeys;
  /** Commands; also the rate-limit store's connection. */
  readonly redis: Redis;
  private readonly subscriber: Redis;
  readonly lease: Lease;
  readonly election: LeaderElection;
  readonly gate: OperatorsInitGate;
  readonly channel: SnapshotChannel;
  readonly health: RedisHealth;
  readonly cache: SharedCache;
  readonly trend: SharedTrend;
  /**
   * True once the cluster has shown operators: a new leader then publishes nothing until its own
   * first operators_init, so boards keep the last operators rather than an empty list.
   */
  private holdBackWithoutOperators = false;
  private pending: RelayRequest | null = null;
  private publishing: Promise<void> | null = null;

  constructor(private readonly o: ClusterNodeOptions) {
    const m = o.metrics;
    this.keys = clusterKeys(o.namespace);
    let lastError = '';
    const onError = (err: Error) => {
      // One line per distinct error, not one per reconnect attempt.
      if (err.message !== lastError) o.log.warn({ err: err.message }, 'redis connection error');
      lastError = err.message;
    };
    this.redis = connectRedis(o.url, { name: `vigie:${o.instanceId}:cmd`, onError });
    this.subscriber = connectRedis(o.url, {
      name: `vigie:${o.instanceId}:sub`,
      subscriber: true,
      onError,
    });
    this.lease = new Lease({
      redis: this.redis,
      key: this.keys.lease,
      owner: o.instanceId,
      ttlMs: o.leaseMs,
    });
    this.election = new LeaderElection({
      lease: this.lease,
      log: o.log,
      onRenewal: () => m.clusterLeaseRenewals.inc(),
      onLoss: () => m.clusterLeaseLosses.inc(),
      onAcquire: (failover) => {
        if (failover) m.clusterFailovers.inc();
      },
      onChange: ({ isLeader }) => {
        m.clusterIsLeader.set(isLeader ? 1 : 0);
        o.hooks.onLeadership(isLeader);
      },
    });
    this.gate = new OperatorsInitGate({
      redis: this.redis,
      key: this.keys.operatorsInit,
      leaseKey: this.keys.lease,
      timeoutMs: o.upstreamTimeoutMs,
    });
    this.channel = new SnapshotChannel({
      redis: this.redis,
      subscriber: this.subscriber,
      keys: this.keys,
      onSnapshot: (s) => {
        m.clusterSnapshotsReceived.inc({ via: s.via });
        if (s.via === 'channel')
          m.clusterFanoutDelay.observe(Math.max(0, Date.now() - s.publishedAt) / 1000);
        if (o.hooks.onSnapshot(s)) this.holdBackWithoutOperators = true;
      },
      onError: (err) => o.log.warn({ err: err.message }, 'snapshot channel'),
    });
    this.health = new RedisHealth({
      redis: this.redis,
      intervalMs: o.healthIntervalMs ?? 1000,
      observe: (s) => m.clusterRedisRtt.observe(s),
      onChange: (status, error) => {
        m.clusterRedisUp.set(status === 'ok' ? 1 : 0);
        if (status === 'down') o.log.warn({ error }, 'redis is down: no instance polls');
        else o.log.info({}, 'redis is back');
        o.hooks.onRedisStatus(status);
        if (status === 'ok') void this.channel.catchUp().catch(() => undefined);
      },
    });
    this.cache = new SharedCache({
      redis: this.redis,
      valueKey: this.keys.cacheValue,
      lockKey: this.keys.cacheLock,
      fetchTimeoutMs: o.upstreamTimeoutMs,
      log: o.log,
    });
    this.trend = new SharedTrend({
      redis: this.redis,
      prefix: this.keys.trend,
      maxPoints: o.trendMaxPoints,
      log: o.log,
    });
  }

  get instanceId(): string {
    return this.o.instanceId;
  }

  /** The `cluster` block of a snapshot this instance builds (as the leader). */
  info(): ClusterInfo {
    return {
      mode: 'cluster',
      instanceId: this.o.instanceId,
      leader: this.election.isLeader ? this.o.instanceId : this.election.leader,
      redis: this.health.status,
    };
  }

  /** The poller's client: fenced by the lease, operators_init spaced on Redis's clock. */
  fence(client: AxialysClient): AxialysClient {
    return fencedClient({
      client,
      lease: this.lease,
      gate: this.gate,
      operatorsInitMinIntervalMs: this.o.operatorsInitMinIntervalMs,
      timeoutMs: this.o.upstreamTimeoutMs,
    });
  }

  /** VIGIE_FAST_STATES's calls-per-minute budget, shared by every instance of the account. */
  fastStatesBudget(maxPerMinute: number, holdMs: number): { take(): Promise<number | null> } {
    return new FastStatesBudget({
      redis: this.redis,
      key: this.keys.fastStatesBudget,
      instanceId: this.o.instanceId,
      maxPerMinute,
      holdMs,
    });
  }

  /**
   * Leader side: publish what the source says. Never two publications at once, and only the
   * newest pending build is kept (a build reads the state when it runs, so nothing is lost).
   */
  relay(r: RelayRequest): void {
    if (!this.election.isLeader) return;
    this.pending = r;
    this.publishing ??= this.drain().finally(() => (this.publishing = null));
  }

  private async drain(): Promise<void> {
    for (let r = this.pending; r !== null; r = this.pending) {
      this.pending = null;
      if (!r.hasOperators && this.holdBackWithoutOperators) continue;
      const token = this.lease.token;
      if (token === null) continue;
      try {
        const out = await this.channel.publish((seq) => JSON.stringify(r.build(seq)), token);
        if (out === null) this.o.log.warn({}, 'not published: the lease moved meanwhile');
      } catch (err) {
        this.o.log.warn({ err: (err as Error).message }, 'could not publish a snapshot');
      }
    }
  }

  /** Never waits for Redis: an instance starts (and serves what it has) while Redis is away. */
  async start(): Promise<void> {
    await this.health.start();
    // Subscribe first, then read the latest: a new instance serves the cluster's snapshot at once.
    // The subscription waits for Redis if it is away; each reconnect reads the latest again.
    void this.channel.start().catch((err: Error) => {
      this.o.log.warn({ err: err.message }, 'snapshot channel: could not subscribe');
    });
    this.election.start();
  }

  /** Leave cleanly: give the lease back (a successor takes over at once), then disconnect. */
  async stop(): Promise<void> {
    await this.election.stop();
    await this.publishing;
    this.health.stop();
    await this.channel.stop();
    await Promise.all([closeRedis(this.subscriber), closeRedis(this.redis)]);
  }
}
