// Issue 13 §5 over real HTTP: an active alert acknowledged (who, when, note, snooze) is listed for
// the walls, clears by itself with the alert and does not carry over to the next raise.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Acknowledgement, AcksReply, Alert, Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { buildWithAuth, eventually, SseClient, TOKENS, type AuthBuilt } from './support';

const json = { 'content-type': 'application/json' };

function rulesFile(rules: unknown[]): string {
  const f = join(mkdtempSync(join(tmpdir(), 'vigie-rules-')), 'rules.json');
  writeFileSync(f, JSON.stringify(rules));
  return f;
}

async function alertsOf(b: AuthBuilt, cookie: string): Promise<Alert[]> {
  const res = await b.call('/api/snapshot', { headers: { cookie } });
  return res.status === 200 ? (res.json() as Snapshot).alerts : [];
}

/** A board whose only rule raises on an operator on the break "Test" and clears when back. */
async function boardWithBreakRule() {
  const b = await buildWithAuth({
    env: {
      VIGIE_RULES_FILE: rulesFile([
        { id: 'test-break', kind: 'operator-state', breakName: 'Test', limit: 0.5, clearFor: 0.3 },
      ]),
      VIGIE_REALTIME_MAX_PER_MIN: '0',
    },
    sim: { speed: 30, groups: 3, operators: 12 },
  });
  const alice = await b.signIn('alice');
  const first = await eventually(async () => {
    const res = await b.call('/api/snapshot', { headers: { cookie: alice } });
    const s = res.status === 200 ? (res.json() as Snapshot) : null;
    return s && s.operators.some((o) => o.loggedInSince !== null) ? s : null;
  }, 8000);
  const op = first.operators.find((o) => o.loggedInSince !== null)!.id;
  const setBreak = (on: boolean) =>
    fetch(`${b.sim.url}/sim/operators/${op}/state`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(
        on ? { state: 'unavailable', breakName: 'Test' } : { state: 'available' },
      ),
    });
  const raise = async () => {
    await setBreak(true);
    return eventually(
      async () => (await alertsOf(b, alice)).find((a) => a.rule === 'test-break'),
      8000,
      'the alert raised',
    );
  };
  const clear = async () => {
    await setBreak(false);
    await eventually(
      async () => !(await alertsOf(b, alice)).some((a) => a.rule === 'test-break'),
      8000,
      'the alert cleared',
    );
  };
  return { b, alice, raise, clear };
}

describe('alert acknowledgements', () => {
  it('acknowledges an active alert for every wall within a second, and the ack ends with the alert', async () => {
    const { b, alice, raise, clear } = await boardWithBreakRule();
    const tv = { authorization: `Bearer ${TOKENS['tv-hall']}` };
    const stream = new SseClient(`${b.base}/api/stream`, tv);
    await stream.until(() => stream.snapshots.length > 0, 8000, 'a first snapshot');
    const alert = await raise();

    const ack = (id: string, body: unknown, cookie = alice) =>
      b.call(`/api/alerts/${encodeURIComponent(id)}/ack`, {
        method: 'POST',
        headers: { ...json, cookie },
        body: JSON.stringify(body),
      });
    const res = await ack(alert.id, { note: 'On it, rappel en cours' });
    expect(res.status, res.body).toBe(201);
    const answered = Date.now();
    expect(res.json()).toMatchObject({
      alertId: alert.id,
      by: 'alice',
      note: 'On it, rappel en cours',
      until: null,
    } satisfies Partial<Acknowledgement>);
    await stream.until(
      () => stream.events.some((e) => e.event === 'settings' && e.data.includes('"ack"')),
      1000,
      'the settings event',
    );
    expect(Date.now() - answered).toBeLessThan(1000);
    // The wall (a display) reads the acks in force and merges them by alert id.
    const onWall = (await b.call('/api/alerts/acks', { headers: tv })).json() as AcksReply;
    expect(onWall.acks.map((a) => [a.alertId, a.by])).toEqual([[alert.id, 'alice']]);

    // The alert clears: the ack goes with it, and the next raise (a new life) is not acknowledged.
    await clear();
    await eventually(
      async () =>
        ((await b.call('/api/alerts/acks', { headers: tv })).json() as AcksReply).acks.length === 0,
      3000,
      'the ack gone',
    );
    await eventually(
      async () => (await b.app.history.settings.list('ack')).length === 0,
      3000,
      'pruned',
    );
    const again = await raise();
    expect(again.id).not.toBe(alert.id);
    expect(((await b.call('/api/alerts/acks', { headers: tv })).json() as AcksReply).acks).toEqual(
      [],
    );
    // Acknowledging the old, cleared one is refused.
    expect((await ack(alert.id, {})).status).toBe(404);
  });

  it('snoozes until a time, un-acks, and refuses what it must', async () => {
    const { b, alice, raise } = await boardWithBreakRule();
    const alert = await raise();
    const ack = (id: string, body: unknown, headers: Record<string, string> = { cookie: alice }) =>
      b.call(`/api/alerts/${encodeURIComponent(id)}/ack`, {
        method: 'POST',
        headers: { ...json, ...headers },
        body: JSON.stringify(body),
      });
    const field = async (p: ReturnType<typeof ack>) => {
      const r = await p;
      return { status: r.status, field: (r.json() as { field?: string }).field };
    };
    const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
    expect(await field(ack(alert.id, { until: inMs(-1000) }))).toEqual({
      status: 400,
      field: 'until',
    });
    expect(await field(ack(alert.id, { until: inMs(25 * 3600_000) }))).toEqual({
      status: 400,
      field: 'until',
    });
    expect(await field(ack(alert.id, { until: 'later' }))).toEqual({ status: 400, field: 'until' });
    expect(await field(ack(alert.id, { note: 'x'.repeat(281) }))).toEqual({
      status: 400,
      field: 'note',
    });
    expect((await ack('no-such-alert', {})).status).toBe(404);
    // Team leads shape boards and tickers only; a display nothing.
    const bob = await b.signIn('bob');
    expect((await ack(alert.id, {}, { cookie: bob })).status).toBe(403);
    expect((await ack(alert.id, {}, { authorization: `Bearer ${TOKENS['tv-hall']}` })).status).toBe(
      403,
    );

    // A short snooze: in force, then over by itself (the alert sounds again).
    const snoozed = await ack(alert.id, { until: inMs(1500) });
    expect(snoozed.status, snoozed.body).toBe(201);
    const acks = async () =>
      ((await b.call('/api/alerts/acks', { headers: { cookie: alice } })).json() as AcksReply).acks;
    expect((await acks()).map((a) => a.until)).toEqual([(snoozed.json() as Acknowledgement).until]);
    await eventually(async () => (await acks()).length === 0, 4000, 'the snooze over');

    // Acknowledged again, then withdrawn.
    expect((await ack(alert.id, { note: 'vu' })).status).toBe(201);
    expect(await acks()).toHaveLength(1);
    const unack = (id: string, cookie: string) =>
      b.call(`/api/alerts/${encodeURIComponent(id)}/ack`, {
        method: 'DELETE',
        headers: { cookie },
      });
    expect((await unack(alert.id, bob)).status).toBe(403);
    expect((await unack(alert.id, alice)).status).toBe(204);
    expect(await acks()).toEqual([]);
    expect((await unack(alert.id, alice)).status).toBe(404);
    const audit = (
      await b.call('/api/activity?kind=ack', { headers: { cookie: alice } })
    ).json() as {
      entries: { action: string; actor: string }[];
    };
    expect(audit.entries.map((e) => `${e.action} by ${e.actor}`)).toEqual([
      'delete by alice',
      'update by alice',
      'create by alice',
    ]);
  });
});
