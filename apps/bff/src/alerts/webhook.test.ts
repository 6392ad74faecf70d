// The alert webhook against a real local HTTP receiver: payload and order, retries with back-off, time-out, giving up, the queue bound, no secret in logs.
import type { AlertEvent } from '@vigie/contract';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startHookReceiver,
  type HookAnswer,
  type HookReceiver,
} from '../../test/support/hook-receiver';
import { LogCapture } from '../../test/support/log-capture';
import { freePort } from '../../test/support/redis-server';
import { eventually } from '../../test/support/wait';
import { createLogger } from '../lib/logger';
import { WebhookSender, type WebhookOptions, type WebhookPayload } from './webhook';

const event = (n: number, type: 'raised' | 'cleared' = 'raised'): AlertEvent => ({
  type,
  at: new Date(Date.UTC(2026, 2, 2, 9, 0, n)).toISOString(),
  alert: {
    id: `unattended:group:101:${n}`,
    rule: 'unattended',
    kind: 'queue-unattended',
    severity: 'critical',
    subject: { kind: 'group', id: '101' },
    since: new Date(Date.UTC(2026, 2, 2, 8, 59, n)).toISOString(),
    figures: { waiting: n, longestWaitSeconds: 90 },
  },
});

interface Run {
  hook: HookReceiver;
  sender: WebhookSender;
  outcomes: string[];
  logs: LogCapture;
}

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

/** A sender on a fresh receiver answering `answer`; both closed after the test. */
async function run(
  answer: (n: number) => HookAnswer,
  o: Partial<WebhookOptions> = {},
  path = '',
): Promise<Run> {
  const hook = await startHookReceiver(answer);
  const logs = new LogCapture();
  const outcomes: string[] = [];
  const sender = new WebhookSender({
    url: hook.url + path,
    instanceId: 'bff-1',
    baseDelayMs: 100,
    timeoutMs: 1000,
    log: createLogger({ level: 'info', secrets: [], stream: logs }),
    onOutcome: (x) => outcomes.push(x),
    ...o,
  });
  open.push(async () => {
    sender.close();
    await hook.close();
  });
  return { hook, sender, outcomes, logs };
}

/** The log lines (JSON) whose msg is `msg`. */
const logged = (logs: LogCapture, msg: string) =>
  logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['msg'] === msg);

describe('alert webhook', () => {
  it('POSTs each event as JSON, in order, with who sent it and a stable id', async () => {
    const r = await run(() => ({ status: 204 }));
    r.sender.enqueue(event(1), 'e-1');
    r.sender.enqueue(event(2, 'cleared'), 'e-2');
    r.sender.enqueue(event(3), 'e-3');
    await eventually(() => r.outcomes.length === 3, 5000, 'three sent');
    expect(r.outcomes).toEqual(['sent', 'sent', 'sent']);
    expect(r.sender.pending).toBe(0);
    for (const req of r.hook.got) {
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/hook');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['user-agent']).toBe('vigie-alerts');
    }
    const payloads = r.hook.payloads<WebhookPayload>();
    expect(payloads.map((p) => p.eventId)).toEqual(['e-1', 'e-2', 'e-3']);
    expect(payloads[1]).toEqual({
      ...event(2, 'cleared'),
      source: 'vigie',
      instanceId: 'bff-1',
      eventId: 'e-2',
    });
    // Any 2xx is taken.
    const ok = await run(() => ({ status: 200 }));
    ok.sender.enqueue(event(4), 'e-4');
    await eventually(() => ok.outcomes[0], 5000, 'sent on 200');
    expect(ok.outcomes).toEqual(['sent']);
  });

  it('retries a refusal with a doubling back-off, then sends, and logs each retry', async () => {
    const r = await run((n) => (n < 2 ? { status: 503 } : { status: 204 }), {
      random: () => 1, // the top of each jittered ceiling: 100 ms, then 200 ms
    });
    r.sender.enqueue(event(1), 'e-1');
    await eventually(() => r.outcomes.includes('sent'), 5000, 'sent at last');
    expect(r.outcomes).toEqual(['retried', 'retried', 'sent']);
    const at = r.hook.got.map((g) => g.at);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(100 - 5);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(200 - 5);
    // The same event each time.
    expect(new Set(r.hook.payloads<WebhookPayload>().map((p) => p.eventId))).toEqual(
      new Set(['e-1']),
    );
    const retries = logged(r.logs, 'alert webhook failed; will retry');
    expect(retries.map((l) => [l['attempt'], l['retryInMs'], l['error']])).toEqual([
      [1, 100, 'HTTP 503'],
      [2, 200, 'HTTP 503'],
    ]);
  });

  it('never retries sooner than a tenth of the base, whatever the draw', async () => {
    const r = await run((n) => (n < 1 ? { status: 500 } : { status: 204 }), {
      baseDelayMs: 1000,
      random: () => 0,
    });
    r.sender.enqueue(event(1), 'e-1');
    await eventually(() => r.outcomes.includes('sent'), 5000, 'sent');
    const [retry] = logged(r.logs, 'alert webhook failed; will retry');
    expect(retry?.['retryInMs']).toBe(100);
    expect(r.hook.got[1]!.at - r.hook.got[0]!.at).toBeGreaterThanOrEqual(100 - 5);
  });

  it('gives a receiver that does not answer up after the time-out, and retries', async () => {
    const r = await run((n) => (n === 0 ? 'hang' : { status: 204 }), { timeoutMs: 300 });
    const started = Date.now();
    r.sender.enqueue(event(1), 'e-1');
    await eventually(() => r.outcomes.includes('sent'), 5000, 'sent after the time-out');
    expect(r.outcomes).toEqual(['retried', 'sent']);
    expect(r.hook.got[1]!.at - started).toBeGreaterThanOrEqual(300 + 10 - 5);
    const [retry] = logged(r.logs, 'alert webhook failed; will retry');
    expect(retry?.['error']).toBe('TimeoutError');
  });

  it('gives up on an event after maxAttempts and goes on with the next', async () => {
    const r = await run((n) => (n < 3 ? { status: 500 } : { status: 204 }), {
      maxAttempts: 3,
      baseDelayMs: 20,
    });
    r.sender.enqueue(event(1), 'e-1');
    r.sender.enqueue(event(2), 'e-2');
    await eventually(() => r.outcomes.includes('sent'), 5000, 'the next one sent');
    expect(r.outcomes).toEqual(['retried', 'retried', 'failed', 'sent']);
    expect(r.hook.payloads<WebhookPayload>().map((p) => p.eventId)).toEqual([
      'e-1',
      'e-1',
      'e-1',
      'e-2',
    ]);
    const [gaveUp] = logged(r.logs, 'alert webhook: gave up on an event');
    expect(gaveUp).toMatchObject({ eventId: 'e-1', attempts: 3, error: 'HTTP 500' });
  });

  it('keeps at most maxQueue events waiting: the oldest goes, the rest are sent in order', async () => {
    // The first event fails and waits 300 ms to retry; three more come meanwhile.
    const r = await run((n) => (n === 0 ? { status: 503 } : { status: 204 }), {
      maxQueue: 2,
      baseDelayMs: 300,
      random: () => 1,
    });
    r.sender.enqueue(event(1), 'e-1');
    await eventually(() => r.outcomes.includes('retried'), 5000, 'the first refused');
    r.sender.enqueue(event(2), 'e-2');
    r.sender.enqueue(event(3), 'e-3');
    expect(r.outcomes).toEqual(['retried', 'dropped']);
    expect(r.sender.pending).toBe(2);
    await eventually(() => r.sender.pending === 0 && r.outcomes.length === 4, 5000, 'all sent');
    expect(r.outcomes).toEqual(['retried', 'dropped', 'sent', 'sent']);
    expect(r.hook.payloads<WebhookPayload>().map((p) => p.eventId)).toEqual(['e-1', 'e-2', 'e-3']);
    expect(logged(r.logs, 'alert webhook queue full: oldest event dropped')).toHaveLength(1);
  });

  // A full queue used to drop queue[0] even while it was on the wire: delivered all the same, its
  // success then took the next event off unsent, counted as sent. The dropped one must be an event
  // the receiver never got.
  it('names as dropped an event that was not delivered, never the one in flight', async () => {
    const r = await run((n) => (n === 0 ? { status: 204, delayMs: 300 } : { status: 204 }), {
      maxQueue: 2,
    });
    r.sender.enqueue(event(1), 'e-1');
    await eventually(() => r.hook.got.length === 1, 5000, 'the first on the wire');
    r.sender.enqueue(event(2), 'e-2');
    r.sender.enqueue(event(3), 'e-3');
    await eventually(() => r.sender.pending === 0 && r.outcomes.length === 3, 5000, 'all done');
    const received = r.hook.payloads<WebhookPayload>().map((p) => p.eventId);
    const [dropped] = logged(r.logs, 'alert webhook queue full: oldest event dropped');
    expect(received).not.toContain(dropped?.['eventId']);
  });

  it('never logs the webhook URL nor its secret parts, whatever fails', async () => {
    const secretPath = 's3cr3t-path-Zq81';
    const secretQuery = 'tok-9f8e7d6c5b4a';
    const r = await run(
      (n) => (n < 2 ? { status: 500 } : { status: 204 }),
      { maxAttempts: 2, baseDelayMs: 20 },
      `/${secretPath}?token=${secretQuery}`,
    );
    r.sender.enqueue(event(1), 'e-1');
    r.sender.enqueue(event(2), 'e-2');
    await eventually(() => r.outcomes.length === 3, 5000, 'failed then sent');
    // It did reach the receiver with them.
    expect(r.hook.got[0]!.path).toBe(`/hook/${secretPath}?token=${secretQuery}`);
    // A receiver that is not there at all, and a shutdown with events pending.
    const port = await freePort();
    const logs = new LogCapture();
    const gone = new WebhookSender({
      url: `http://127.0.0.1:${port}/${secretPath}?token=${secretQuery}`,
      instanceId: 'bff-1',
      baseDelayMs: 10_000,
      log: createLogger({ level: 'info', secrets: [], stream: logs }),
    });
    gone.enqueue(event(3), 'e-3');
    await eventually(() => logs.lines.length > 0, 5000, 'the refusal logged');
    gone.close();
    const text = `${r.logs.text}\n${logs.text}`;
    expect(logged(logs, 'alert webhook failed; will retry')[0]?.['error']).toBe('ECONNREFUSED');
    expect(logged(logs, 'alert webhook: events not sent at shutdown')).toHaveLength(1);
    expect(logged(r.logs, 'alert webhook: gave up on an event')).toHaveLength(1);
    for (const s of [secretPath, secretQuery, String(port), '/hook']) expect(text).not.toContain(s);
  });
});
