// Outbound alert webhook (VIGIE_ALERT_WEBHOOK_URL): a bounded queue sent in order, retried with jittered backoff, never awaited by the poller.
import type { AlertEvent } from '@vigie/contract';
import { fullJitter } from '../lib/backoff';

export interface WebhookPayload extends AlertEvent {
  source: 'vigie';
  /** The instance that sent it (the leader in cluster mode). */
  instanceId: string;
  /** Stable per transition: a receiver may dedupe on it. */
  eventId: string;
}

export interface WebhookOptions {
  url: string;
  instanceId: string;
  /** Tries per event, the first included (default 6: about five minutes with the default base). */
  maxAttempts?: number;
  /** First retry waits up to this (full jitter), doubling each time (default 10 s). */
  baseDelayMs?: number;
  /** Events waiting beyond this many: the oldest is dropped (default 1,000). */
  maxQueue?: number;
  /** One POST may take this long (default 5 s). */
  timeoutMs?: number;
  random?: () => number;
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  onOutcome?: (outcome: 'sent' | 'retried' | 'failed' | 'dropped') => void;
}

/** Full jitter (STYLE 7): anywhere up to the doubled ceiling, at least 10 % of the base. */
function retryDelay(base: number, attempt: number, random: () => number): number {
  return fullJitter({
    baseMs: base,
    exponent: Math.min(attempt - 1, 10),
    floorMs: Math.round(base / 10),
    random,
  });
}

export class WebhookSender {
  private readonly queue: { payload: WebhookPayload; attempt: number }[] = [];
  private running = false;
  /** The event being posted: never the one a full queue drops, whatever its place. */
  private current: { payload: WebhookPayload; attempt: number } | null = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private readonly inFlight = new AbortController();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxQueue: number;
  private readonly timeoutMs: number;
  private readonly random: () => number;

  constructor(private readonly o: WebhookOptions) {
    this.maxAttempts = o.maxAttempts ?? 6;
    this.baseDelayMs = o.baseDelayMs ?? 10_000;
    this.maxQueue = o.maxQueue ?? 1000;
    this.timeoutMs = o.timeoutMs ?? 5000;
    this.random = o.random ?? Math.random;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Synchronous and cheap: the caller (the snapshot build) never waits for the receiver. */
  enqueue(event: AlertEvent, eventId: string): void {
    if (this.closed) return;
    this.queue.push({
      payload: { ...event, source: 'vigie', instanceId: this.o.instanceId, eventId },
      attempt: 0,
    });
    while (this.queue.length > this.maxQueue) {
      const at = this.queue[0] === this.current ? 1 : 0;
      const [dropped] = this.queue.splice(at, 1);
      this.o.onOutcome?.('dropped');
      this.o.log.warn(
        { eventId: dropped?.payload.eventId, maxQueue: this.maxQueue },
        'alert webhook queue full: oldest event dropped',
      );
    }
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (!this.closed && this.queue.length > 0) {
        const item = this.queue[0]!;
        item.attempt += 1;
        this.current = item;
        const error = await this.post(item.payload);
        this.current = null;
        if (this.closed) return;
        if (error === null) {
          this.settle(item);
          this.o.onOutcome?.('sent');
          continue;
        }
        if (item.attempt >= this.maxAttempts) {
          this.settle(item);
          this.o.onOutcome?.('failed');
          this.o.log.warn(
            { eventId: item.payload.eventId, attempts: item.attempt, error },
            'alert webhook: gave up on an event',
          );
          continue;
        }
        this.o.onOutcome?.('retried');
        const delay = retryDelay(this.baseDelayMs, item.attempt, this.random);
        this.o.log.warn(
          { eventId: item.payload.eventId, attempt: item.attempt, retryInMs: delay, error },
          'alert webhook failed; will retry',
        );
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, delay);
          this.timer.unref();
        });
        this.wake = null;
      }
    } finally {
      this.running = false;
    }
  }

  /** Takes a posted event out of the queue by identity: the queue may have moved meanwhile. */
  private settle(item: { payload: WebhookPayload; attempt: number }): void {
    const at = this.queue.indexOf(item);
    if (at >= 0) this.queue.splice(at, 1);
  }

  /** null when the receiver took it (any 2xx), else why not. */
  private async post(payload: WebhookPayload): Promise<string | null> {
    try {
      const res = await fetch(this.o.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'vigie-alerts' },
        body: JSON.stringify(payload),
        signal: AbortSignal.any([this.inFlight.signal, AbortSignal.timeout(this.timeoutMs)]),
        redirect: 'error',
      });
      await res.body?.cancel().catch(() => undefined);
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return e.cause?.code ?? e.name ?? 'error';
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    this.inFlight.abort();
    if (this.queue.length > 0)
      this.o.log.warn({ pending: this.queue.length }, 'alert webhook: events not sent at shutdown');
  }
}
