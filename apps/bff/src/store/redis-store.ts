// The store in cluster mode: the same record in the cluster's Redis, so a new leader carries on where the last stopped.
import type { AlertEvent, TrendPoint } from '@vigie/contract';
import type { Redis } from 'ioredis';
import type { AlertState } from '../intelligence/alerts';
import {
  eventId,
  type CounterBaseline,
  type CoverageBackfill,
  type CoverageCell,
  type CoverageLive,
  type HistoryStore,
} from './history-store';

export interface RedisStoreOptions {
  /** The cluster's command connection (fails fast while Redis is away: callers log and carry on). */
  redis: Redis;
  /** The account's cluster namespace (`vigie:{…}`): every key shares its hash slot. */
  namespace: string;
  retentionDays: number;
}

const LIVE_FIELDS = [
  'calls',
  'answered',
  'lost',
  'observedSeconds',
  'loggedInSeconds',
  'availableSeconds',
] as const;
const BACKFILL_FIELDS = [
  'calls',
  'answered',
  'lost',
  'seconds',
  'loggedInSeconds',
  'availableSeconds',
] as const;

/**
 * Trend points are not written here: in cluster mode the leader already keeps the day's trend in
 * Redis for every instance (cluster/shared-trend.ts, issue 6); `trendOf` answers empty.
 */
export class RedisStore implements HistoryStore {
  readonly kind = 'redis' as const;
  readonly location: string;
  private readonly p: string;
  private readonly ttlS: number;

  constructor(private readonly o: RedisStoreOptions) {
    this.p = `${o.namespace}:intel`;
    this.location = `redis ${this.p}`;
    // Keys outlive the retention by a day, then Redis forgets them by itself.
    this.ttlS = (o.retentionDays + 1) * 86_400;
  }

  private get r(): Redis {
    return this.o.redis;
  }

  async appendTrend() {}

  async trendOf() {
    return new Map<number, TrendPoint[]>();
  }

  async addAlertEvents(events: readonly AlertEvent[]) {
    const fresh: AlertEvent[] = [];
    for (const e of events) {
      // SET NX is the once-only gate: two leaders for a moment still store (and send) it once.
      const ok = await this.r.set(`${this.p}:event:${eventId(e)}`, '1', 'EX', this.ttlS, 'NX');
      if (ok !== 'OK') continue;
      await this.r.zadd(`${this.p}:events`, Date.parse(e.at), JSON.stringify(e));
      fresh.push(e);
    }
    return fresh;
  }

  async alertEvents(fromMs: number, toMs: number) {
    const raw = await this.r.zrangebyscore(`${this.p}:events`, fromMs, `(${toMs}`);
    return raw.map((r) => JSON.parse(r) as AlertEvent);
  }

  async loadAlertState() {
    const raw = await this.r.get(`${this.p}:alert-state`);
    return raw === null ? null : (JSON.parse(raw) as AlertState);
  }

  async saveAlertState(state: AlertState) {
    await this.r.set(`${this.p}:alert-state`, JSON.stringify(state), 'EX', this.ttlS);
  }

  async loadBaseline() {
    const raw = await this.r.get(`${this.p}:baseline`);
    return raw === null ? null : (JSON.parse(raw) as CounterBaseline);
  }

  async saveBaseline(baseline: CounterBaseline) {
    await this.r.set(`${this.p}:baseline`, JSON.stringify(baseline), 'EX', this.ttlS);
  }

  private coverageKey(day: string, groupId: number): string {
    return `${this.p}:coverage:${day}:${groupId}`;
  }

  async addCoverage(day: string, groupId: number, hour: number, d: CoverageLive) {
    const key = this.coverageKey(day, groupId);
    const m = this.r.multi();
    m.hset(key, `${hour}:live`, '1');
    for (const f of LIVE_FIELDS) m.hincrbyfloat(key, `${hour}:${f}`, d[f]);
    m.expire(key, this.ttlS);
    m.sadd(`${this.p}:covered:${day}`, `${groupId}:${hour}`);
    m.expire(`${this.p}:covered:${day}`, this.ttlS);
    await m.exec();
  }

  async setBackfill(day: string, groupId: number, hour: number, b: CoverageBackfill) {
    const key = this.coverageKey(day, groupId);
    const fields: Record<string, string> = { [`${hour}:bf`]: '1' };
    for (const f of BACKFILL_FIELDS) fields[`${hour}:bf:${f}`] = b[f] === null ? '' : String(b[f]);
    const m = this.r.multi();
    m.hset(key, fields);
    m.expire(key, this.ttlS);
    m.sadd(`${this.p}:covered:${day}`, `${groupId}:${hour}`);
    m.expire(`${this.p}:covered:${day}`, this.ttlS);
    await m.exec();
  }

  async coverage(day: string, groupId: number): Promise<CoverageCell[]> {
    const h = await this.r.hgetall(this.coverageKey(day, groupId));
    const num = (k: string): number => Number(h[k] ?? 0);
    const orNull = (k: string): number | null =>
      h[k] === undefined || h[k] === '' ? null : Number(h[k]);
    const hours = new Set(Object.keys(h).map((k) => Number(k.split(':')[0])));
    return [...hours]
      .sort((a, b) => a - b)
      .map((hour) => ({
        hour,
        live:
          h[`${hour}:live`] === '1'
            ? {
                calls: num(`${hour}:calls`),
                answered: num(`${hour}:answered`),
                lost: num(`${hour}:lost`),
                observedSeconds: num(`${hour}:observedSeconds`),
                loggedInSeconds: num(`${hour}:loggedInSeconds`),
                availableSeconds: num(`${hour}:availableSeconds`),
              }
            : null,
        backfill:
          h[`${hour}:bf`] === '1'
            ? {
                calls: orNull(`${hour}:bf:calls`),
                answered: orNull(`${hour}:bf:answered`),
                lost: orNull(`${hour}:bf:lost`),
                seconds: num(`${hour}:bf:seconds`),
                loggedInSeconds: orNull(`${hour}:bf:loggedInSeconds`),
                availableSeconds: orNull(`${hour}:bf:availableSeconds`),
              }
            : null,
      }));
  }

  async coveredHours(day: string) {
    return new Set(await this.r.smembers(`${this.p}:covered:${day}`));
  }

  async prune(_firstKeptDay: string, firstKeptMs: number) {
    // Day keys expire by themselves (TTL); the events' sorted set is trimmed by time.
    return this.r.zremrangebyscore(`${this.p}:events`, '-inf', `(${firstKeptMs}`);
  }

  async close() {}
}
