// The store in cluster mode: the same record in the cluster's Redis, so a new leader carries on where the last stopped.
import { AlertEventSchema, type AlertEvent, type TrendPoint } from '@vigie/contract';
import type { Redis } from 'ioredis';
import { LuaScript } from '../cluster';
import { checkedJson, checkedJsonList, type CheckLog } from '../lib/checked-json';
import { AlertStateSchema, type AlertState } from './alert-state';
import {
  CounterBaselineSchema,
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
  /** Where a record read back with another version's shape is reported (then treated as absent). */
  log: CheckLog;
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
 * KEYS: the event's once-only key, the events' sorted set. ARGV: TTL (s), `at` (ms), event JSON.
 * The gate and the record in one step: a leader killed in between can neither lose the event from
 * the history (gate set, never recorded) nor record it twice.
 */
const ADD_EVENT = new LuaScript(
  `if not redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]), 'NX') then return 0 end
redis.call('ZADD', KEYS[2], tonumber(ARGV[2]), ARGV[3])
return 1`,
  2,
);

/** A glob pattern matching `prefix` literally, then anything. */
const globPrefix = (prefix: string): string => `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;

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
      const added = await ADD_EVENT.run(
        this.r,
        [`${this.p}:event:${eventId(e)}`, `${this.p}:events`],
        [this.ttlS, Date.parse(e.at), JSON.stringify(e)],
      );
      if (added === 1) fresh.push(e);
    }
    return fresh;
  }

  async alertEvents(fromMs: number, toMs: number) {
    const raw = await this.r.zrangebyscore(`${this.p}:events`, fromMs, `(${toMs}`);
    return checkedJsonList(AlertEventSchema, raw, this.o.log, `${this.location} alert events`);
  }

  async loadAlertState() {
    const raw = await this.r.get(`${this.p}:alert-state`);
    if (raw === null) return null;
    return checkedJson(AlertStateSchema, raw, this.o.log, `${this.location} alert state`);
  }

  async saveAlertState(state: AlertState) {
    await this.r.set(`${this.p}:alert-state`, JSON.stringify(state), 'EX', this.ttlS);
  }

  async loadBaseline() {
    const raw = await this.r.get(`${this.p}:baseline`);
    if (raw === null) return null;
    return checkedJson(CounterBaselineSchema, raw, this.o.log, `${this.location} counter baseline`);
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

  /** Every key under `prefix` (SCAN, never KEYS: the cluster's Redis keeps serving meanwhile). */
  private async scan(prefix: string): Promise<string[]> {
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.r.scan(cursor, 'MATCH', globPrefix(prefix), 'COUNT', 500);
      cursor = next;
      out.push(...keys);
    } while (cursor !== '0');
    return out;
  }

  /**
   * Days before `firstKeptDay` are deleted now, as in the SQLite store: their TTL alone would keep
   * them up to a day past the retention, and for as long as the old retention after it is lowered.
   * Counts group-hours and events, like the SQLite store counts rows.
   */
  async prune(firstKeptDay: string, firstKeptMs: number) {
    let n = await this.r.zremrangebyscore(`${this.p}:events`, '-inf', `(${firstKeptMs}`);
    const old: string[] = [];
    const coveredPrefix = `${this.p}:covered:`;
    for (const key of await this.scan(coveredPrefix)) {
      if (key.slice(coveredPrefix.length) >= firstKeptDay) continue;
      n += await this.r.scard(key);
      old.push(key);
    }
    const coveragePrefix = `${this.p}:coverage:`;
    for (const key of await this.scan(coveragePrefix))
      // `<day>:<group>`: the day is the first 10 characters.
      if (key.slice(coveragePrefix.length, coveragePrefix.length + 10) < firstKeptDay)
        old.push(key);
    for (let i = 0; i < old.length; i += 500) await this.r.del(...old.slice(i, i + 500));
    return n;
  }

  async close() {}
}
