// Issue 7 over real HTTP: each alert rule raised and cleared against the simulator, the webhook once per transition, no flapping, a hung receiver.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlertsReply, Snapshot } from '@vigie/contract';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build, eventually, sleep } from './support';

/** A local webhook receiver: records every POST; `hang` leaves requests unanswered. */
async function receiver(opts: { hang?: boolean } = {}) {
  const got: { type: string; eventId: string; rule: string; source: string; subject: string }[] =
    [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const p = JSON.parse(body) as {
        type: string;
        eventId: string;
        source: string;
        alert: { rule: string; subject: { id: string } };
      };
      got.push({
        type: p.type,
        eventId: p.eventId,
        rule: p.alert.rule,
        source: p.source,
        subject: p.alert.subject.id,
      });
      if (!opts.hang) res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/hook`;
  onTestFinished(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return { url, got };
}

function rulesFile(rules: unknown[]): string {
  const f = join(mkdtempSync(join(tmpdir(), 'vigie-rules-')), 'rules.json');
  writeFileSync(f, JSON.stringify(rules));
  return f;
}

const post = (base: string, path: string, body: unknown) =>
  fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The latest snapshot; before the first one the route answers 503 and this waits for it. */
const snapshot = async (base: string): Promise<Snapshot> =>
  eventually(async () => {
    const res = await fetch(`${base}/api/snapshot`);
    return res.ok ? ((await res.json()) as Snapshot) : null;
  }, 8000);

describe('alerts against the simulator', () => {
  it('raises and clears queue-unattended, longest-wait, operator-state and upstream-stale, one webhook each way', async () => {
    const hook = await receiver();
    const GROUP = 103;
    const rules = rulesFile([
      {
        id: 'unattended',
        kind: 'queue-unattended',
        severity: 'critical',
        for: 0.3,
        clearFor: 0.6,
        groups: [GROUP],
      },
      // Callers of the flooded group wait over 20 s (the buckets say someone waits now).
      {
        id: 'wait',
        kind: 'longest-wait',
        limit: 20,
        for: 0.3,
        clearFor: 0.6,
        groups: [GROUP],
      },
      { id: 'test-break', kind: 'operator-state', breakName: 'Test', limit: 0.5, clearFor: 0.6 },
      // Five polls: a loaded machine may be one poll late, never five.
      { id: 'stale', kind: 'upstream-stale', polls: 5, for: 0, clearFor: 1 },
    ]);
    const b = await build({
      env: {
        VIGIE_RULES_FILE: rules,
        VIGIE_ALERT_WEBHOOK_URL: hook.url,
        // A simulator at 30× runs its own clock ahead of the BFF's: a live oldest wait (an instant
        // on upstream's clock) means nothing here, so this test keeps to the 4.3 figures it is
        // about; the live figure's rule is tested in engine.test.ts and on the wall (e2e).
        VIGIE_REALTIME_MAX_PER_MIN: '0',
      },
      sim: { speed: 30, groups: 5, operators: 24 },
    });
    const first = await eventually(async () => {
      const s = await snapshot(b.base);
      return s.operators.length > 0 && s.groups.length > 0 ? s : null;
    }, 8000);
    // Erlang C through the snapshot: a first poll is no sample, so no figure, with the reason.
    for (const g of first.groups) {
      expect(g.staffing.agentsNeeded).toBeNull();
      expect(g.staffing.predictedServiceLevelPercent).toBeNull();
      expect(['sample-too-small', 'no-traffic']).toContain(g.staffing.basis.reason);
    }
    const members = first.operators.filter((o) => o.groups.includes(GROUP)).map((o) => o.id);
    expect(members.length).toBeGreaterThan(0);
    const active = async () => (await snapshot(b.base)).alerts;

    // queue-unattended: every member on a break, callers in the queue.
    for (const id of members)
      await post(b.sim.url, `/sim/operators/${id}/state`, {
        state: 'unavailable',
        breakName: 'Formation',
      });
    await post(b.sim.url, `/sim/groups/${GROUP}/flood`, { calls: 3 });
    const raised = await eventually(
      async () => (await active()).find((a) => a.rule === 'unattended'),
      8000,
      'queue-unattended raised',
    );
    expect(raised.subject).toEqual({ kind: 'group', id: String(GROUP) });
    expect(raised.severity).toBe('critical');
    expect(raised.figures['waiting']).toBeGreaterThan(0);
    const waited = await eventually(
      async () => (await active()).find((a) => a.rule === 'wait'),
      8000,
      'longest-wait raised',
    );
    expect(waited.subject).toEqual({ kind: 'group', id: String(GROUP) });
    expect(waited.figures['waiting']).toBeGreaterThan(0);
    for (const id of members)
      await post(b.sim.url, `/sim/operators/${id}/state`, { state: 'available' });
    await eventually(
      async () => !(await active()).some((a) => a.rule === 'unattended'),
      15_000,
      'queue-unattended cleared',
    );
    // Nobody waits any more: the day's maximum stays high, the alert clears all the same.
    await eventually(
      async () => !(await active()).some((a) => a.rule === 'wait'),
      15_000,
      'longest-wait cleared',
    );

    // operator-state: one operator on a named break longer than the limit.
    const op = first.operators.find((o) => o.loggedInSince !== null)!.id;
    await post(b.sim.url, `/sim/operators/${op}/state`, {
      state: 'unavailable',
      breakName: 'Test',
    });
    const onBreak = await eventually(
      async () => (await active()).find((a) => a.rule === 'test-break'),
      8000,
      'operator-state raised',
    );
    expect(onBreak.subject).toEqual({ kind: 'operator', id: String(op) });
    await post(b.sim.url, `/sim/operators/${op}/state`, { state: 'available' });
    await eventually(
      async () => !(await active()).some((a) => a.rule === 'test-break'),
      8000,
      'operator-state cleared',
    );

    // upstream-stale: the operators endpoint fails for longer than two polls. A board whose
    // groups answered before its first operators_init may have raised and cleared this rule at
    // start (never having succeeded is stale): only what follows the fault is counted below (a
    // loaded clean-clone CI run on 2026-12-03 did so twice).
    const faultAt = Date.now();
    const hooksBeforeFault = hook.got.length;
    b.sim.setFaults({ errorRate: 1, endpoints: ['operators_init'] });
    await eventually(
      async () => (await active()).find((a) => a.rule === 'stale' && a.subject.id === 'operators'),
      8000,
      'upstream-stale raised',
    );
    b.sim.clearFaults();
    await eventually(
      async () => !(await active()).some((a) => a.rule === 'stale'),
      8000,
      'upstream-stale cleared',
    );

    // History: each transition once; the webhook got exactly one raise and one clear per alert.
    const history = (await (await fetch(`${b.base}/api/alerts`)).json()) as AlertsReply;
    for (const rule of ['unattended', 'wait', 'test-break', 'stale']) {
      const from = rule === 'stale' ? faultAt - 1000 : -Infinity;
      const types = history.events
        .filter(
          (e) =>
            e.alert.rule === rule && e.alert.subject.id !== 'groups' && Date.parse(e.at) >= from,
        )
        .map((e) => e.type);
      expect(types, rule).toEqual(['raised', 'cleared']);
    }
    await eventually(
      () => hook.got.filter((g) => g.subject !== 'groups').length >= 8,
      5000,
      'webhooks',
    );
    await sleep(300);
    for (const rule of ['unattended', 'wait', 'test-break', 'stale'])
      expect(
        hook.got
          .filter(
            (g, i) =>
              g.rule === rule &&
              g.subject !== 'groups' &&
              (rule !== 'stale' || i >= hooksBeforeFault),
          )
          .map((g) => g.type),
        rule,
      ).toEqual(['raised', 'cleared']);
    expect(new Set(hook.got.map((g) => g.eventId)).size).toBe(hook.got.length);
    expect(hook.got.every((g) => g.source === 'vigie')).toBe(true);
  }, 60_000);

  it('a warning that turns critical is one alert escalating: one id, one webhook per transition', async () => {
    const hook = await receiver();
    // Issue 12.3: two levels of the same figure (an operator's time on a break).
    const rules = rulesFile([
      { id: 'esc-warning', kind: 'operator-state', breakName: 'Esc', limit: 1, clearFor: 0.6 },
      {
        id: 'esc-critical',
        kind: 'operator-state',
        breakName: 'Esc',
        limit: 3,
        clearFor: 0.6,
        severity: 'critical',
      },
    ]);
    const b = await build({
      env: { VIGIE_RULES_FILE: rules, VIGIE_ALERT_WEBHOOK_URL: hook.url },
      sim: { speed: 1 },
    });
    const s = await eventually(async () => {
      const x = await snapshot(b.base);
      return x.operators.some((o) => o.loggedInSince !== null) ? x : null;
    }, 8000);
    const op = String(s.operators.find((o) => o.loggedInSince !== null)!.id);
    await post(b.sim.url, `/sim/operators/${op}/state`, { state: 'unavailable', breakName: 'Esc' });
    const seen: { id: string; severity: string; rule: string }[][] = [];
    const mine = async () => {
      const list = (await snapshot(b.base)).alerts.filter((a) => a.subject.id === op);
      seen.push(list.map((a) => ({ id: a.id, severity: a.severity, rule: a.rule })));
      return list;
    };
    await eventually(
      async () => (await mine()).some((a) => a.severity === 'warning'),
      8000,
      'warning raised',
    );
    await eventually(
      async () => (await mine()).some((a) => a.severity === 'critical'),
      8000,
      'escalated to critical',
    );
    await post(b.sim.url, `/sim/operators/${op}/state`, { state: 'available' });
    await eventually(async () => (await mine()).length === 0, 8000, 'cleared');
    // Never two alerts on the figure at once, and always the same id.
    expect(seen.every((list) => list.length <= 1)).toBe(true);
    const ids = new Set(seen.flat().map((a) => a.id));
    expect(ids.size).toBe(1);
    expect(seen.flat().find((a) => a.severity === 'critical')?.rule).toBe('esc-critical');

    const history = (await (await fetch(`${b.base}/api/alerts`)).json()) as AlertsReply;
    const events = history.events.filter((e) => e.alert.subject.id === op);
    expect(events.map((e) => `${e.type} ${e.alert.severity}`)).toEqual([
      'raised warning',
      'escalated critical',
      'cleared critical',
    ]);
    expect(new Set(events.map((e) => e.alert.id))).toEqual(ids);
    await eventually(() => hook.got.length >= 3, 5000, 'webhooks');
    await sleep(300);
    expect(hook.got.map((g) => g.type)).toEqual(['raised', 'escalated', 'cleared']);
    const [id] = [...ids];
    expect(hook.got.map((g) => g.eventId.replace(/:\d+$/, ''))).toEqual([
      `${id}:raised`,
      `${id}:escalated`,
      `${id}:cleared`,
    ]);
  }, 30_000);

  it('does not flap on a condition that toggles every poll', async () => {
    const rules = rulesFile([
      {
        id: 'flappy',
        kind: 'operator-state',
        breakName: 'Toggle',
        limit: 0.1,
        for: 2,
        clearFor: 2,
      },
    ]);
    const b = await build({ env: { VIGIE_RULES_FILE: rules }, sim: { speed: 30 } });
    const s = await eventually(async () => {
      const x = await snapshot(b.base);
      return x.operators.some((o) => o.loggedInSince !== null) ? x : null;
    }, 8000);
    const op = s.operators.find((o) => o.loggedInSince !== null)!.id;
    // On a break one poll, off it the next, for about twelve polls.
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await post(b.sim.url, `/sim/operators/${op}/state`, {
        state: i % 2 === 0 ? 'unavailable' : 'available',
        ...(i % 2 === 0 ? { breakName: 'Toggle' } : {}),
      });
      await sleep(320);
      for (const a of (await snapshot(b.base)).alerts) seen.add(a.rule);
    }
    expect(seen.has('flappy')).toBe(false);
    const history = (await (await fetch(`${b.base}/api/alerts`)).json()) as AlertsReply;
    expect(history.events).toEqual([]);
  }, 30_000);

  it('a webhook receiver that hangs does not slow the snapshots', async () => {
    const hook = await receiver({ hang: true });
    const rules = rulesFile([
      { id: 'hung-break', kind: 'operator-state', breakName: 'Hang', limit: 0.1, clearFor: 0.3 },
    ]);
    const b = await build({
      env: { VIGIE_RULES_FILE: rules, VIGIE_ALERT_WEBHOOK_URL: hook.url },
      sim: { speed: 30 },
    });
    const s = await eventually(async () => {
      const x = await snapshot(b.base);
      return x.operators.some((o) => o.loggedInSince !== null) ? x : null;
    }, 8000);
    // Several transitions while the receiver never answers.
    for (const o of s.operators.filter((x) => x.loggedInSince !== null).slice(0, 4))
      await post(b.sim.url, `/sim/operators/${o.id}/state`, {
        state: 'unavailable',
        breakName: 'Hang',
      });
    await eventually(() => hook.got.length > 0, 8000, 'a webhook attempt');
    const seqs: number[] = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 3000) {
      seqs.push((await snapshot(b.base)).seq);
      await sleep(100);
    }
    // Polls every 300 ms: about ten new snapshots in 3 s, whatever the receiver does.
    const fresh = new Set(seqs).size;
    expect(fresh).toBeGreaterThanOrEqual(7);
    expect(b.app.alerts.webhook?.pending).toBeGreaterThan(0);
  }, 30_000);
});
