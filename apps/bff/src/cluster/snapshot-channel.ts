// Fan-out of snapshots through Redis: the leader numbers, stores and publishes; every instance receives.
import type { Redis } from 'ioredis';
import { LUA_NOW_MS, LuaScript } from './lua-script';

/**
 * The next cluster-wide seq. A missing counter (first start, or a Redis that lost its data) starts
 * from Redis's clock in ms, so seqs never go back and `Last-Event-ID` stays meaningful across a
 * Redis restart; the caller's last known seq is a floor as well.
 */
const NEXT_SEQ = new LuaScript(
  `local cur = tonumber(redis.call('GET', KEYS[1]))
if cur == nil then
  ${LUA_NOW_MS}
  cur = now
end
local floor = tonumber(ARGV[1])
if cur < floor then cur = floor end
cur = cur + 1
redis.call('SET', KEYS[1], string.format('%d', cur))
return cur`,
  1,
);

/** Store as the latest and publish, only while ARGV[3] holds the lease ('' = no fencing). */
const PUBLISH = new LuaScript(
  `if ARGV[3] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[3] then return -1 end
redis.call('SET', KEYS[1], ARGV[1])
return redis.call('PUBLISH', ARGV[2], ARGV[1])`,
  2,
);

export interface ReceivedSnapshot {
  seq: number;
  json: string;
  /** The publisher's clock when it published (ms), for the fan-out latency. */
  publishedAt: number;
  /** 'channel': a live message; 'latest': read from the key (start-up, after a reconnect). */
  via: 'channel' | 'latest';
}

/** Wire form: `<seq> <publishedAt>\n<json>`: the header is read without parsing the JSON. */
function encodeSnapshotMessage(seq: number, publishedAt: number, json: string): string {
  return `${seq} ${publishedAt}\n${json}`;
}

function decodeSnapshotMessage(
  message: string,
): { seq: number; publishedAt: number; json: string } | null {
  const nl = message.indexOf('\n');
  if (nl < 0) return null;
  const m = /^(\d{1,15}) (\d{1,15})$/.exec(message.slice(0, nl));
  if (!m) return null;
  return { seq: Number(m[1]), publishedAt: Number(m[2]), json: message.slice(nl + 1) };
}

export interface SnapshotChannelOptions {
  /** Commands (seq, store, publish, read latest). */
  redis: Redis;
  /** Its own connection: a subscribed connection can run nothing else. */
  subscriber: Redis;
  keys: { seq: string; latest: string; channel: string; lease: string };
  /** Each snapshot newer than the last one delivered, once, in seq order. */
  onSnapshot: (s: ReceivedSnapshot) => void;
  onError?: (err: Error) => void;
  now?: () => number;
}

export class SnapshotChannel {
  private lastSeq = 0;
  private started = false;
  private readonly now: () => number;
  private readonly onMessage = (channel: string, message: string) => {
    if (channel === this.o.keys.channel) this.receive(message, 'channel');
  };
  /** After each (re)connect of the subscriber: what was published meanwhile is in the key. */
  private readonly onReady = () => void this.catchUp().catch((e: Error) => this.o.onError?.(e));

  constructor(private readonly o: SnapshotChannelOptions) {
    this.now = o.now ?? Date.now;
  }

  /** The seq of the last snapshot delivered (0 before any). */
  get seq(): number {
    return this.lastSeq;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.o.subscriber.on('message', this.onMessage);
    this.o.subscriber.on('ready', this.onReady);
    // Subscribe first, then read the latest (STYLE 6): nothing published in between is lost.
    await this.o.subscriber.subscribe(this.o.keys.channel);
    await this.catchUp().catch((e: Error) => this.o.onError?.(e));
  }

  /** Deliver the stored latest snapshot if it is newer than the last one delivered. */
  async catchUp(): Promise<void> {
    const latest = await this.o.redis.get(this.o.keys.latest);
    if (latest !== null) this.receive(latest, 'latest');
  }

  /**
   * Leader side: take the next seq, build the JSON for it, store it as the latest and publish it.
   * Returns null when `leaseValue` no longer holds the lease (nothing is published).
   */
  async publish(
    build: (seq: number) => string,
    leaseValue: string | null = null,
  ): Promise<{ seq: number; json: string; receivers: number } | null> {
    const r = await NEXT_SEQ.run(this.o.redis, [this.o.keys.seq], [this.lastSeq]);
    const seq = Number(r);
    const json = build(seq);
    const receivers = await PUBLISH.run(
      this.o.redis,
      [this.o.keys.latest, this.o.keys.lease],
      [encodeSnapshotMessage(seq, this.now(), json), this.o.keys.channel, leaseValue ?? ''],
    );
    if (receivers === -1) return null;
    return { seq, json, receivers: Number(receivers) };
  }

  private receive(message: string, via: ReceivedSnapshot['via']): void {
    const m = decodeSnapshotMessage(message);
    if (!m) {
      this.o.onError?.(new Error('snapshot channel: a message without a header was ignored'));
      return;
    }
    // At most once and in order: the key and the channel may both carry one snapshot.
    if (m.seq <= this.lastSeq) return;
    this.lastSeq = m.seq;
    this.o.onSnapshot({ ...m, via });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.o.subscriber.off('message', this.onMessage);
    this.o.subscriber.off('ready', this.onReady);
    await this.o.subscriber.unsubscribe(this.o.keys.channel).catch(() => undefined);
  }
}
