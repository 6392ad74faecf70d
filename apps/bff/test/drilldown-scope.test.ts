// A team lead's scope over every drill-down route, over real HTTP: nothing of another group's calls (issue 10).
import type { Call } from '@vigie/axialys-sim';
import type { HistoryReply, OperatorDetail, Snapshot } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { type AuthBuilt, buildWithAuth, eventually, LEAD_GROUP, sleep } from './support';

/** Between polls of a route: the drill-down budget (300 a minute) must last the whole test. */
const PACE_MS = 400;

/** A busy afternoon of the simulator, with its history since midnight. */
const DAY = '2026-11-27';
const START = `${DAY}T14:00:00`;
const PERIOD = `from=${DAY}&to=${DAY}`;

async function ready(b: AuthBuilt): Promise<Snapshot> {
  return eventually(
    () => {
      const s = b.app.snapshots.latest?.snapshot;
      return s && s.upstream.lastSuccessAt && s.operators.length > 0 ? s : undefined;
    },
    8000,
    'a full snapshot',
  );
}

/** The group a call belongs to in the simulator (op_details id_group): answering leg, or caller's group. */
const groupOf = (c: Call | undefined): number | null => c?.groupId ?? null;
/** A call that went through the lead's queue (an overflow has a leg in each group). */
const touchesLead = (c: Call | undefined): boolean =>
  groupOf(c) === LEAD_GROUP || (c?.legs.some((l) => l.groupId === LEAD_GROUP) ?? false);

/** Everything that identifies a call of another group only: caller numbers and service variables. */
function foreignMarks(calls: readonly Call[]): string[] {
  const mine = new Set<string>();
  for (const c of calls)
    if (touchesLead(c)) {
      mine.add(c.callerNumber);
      for (const v of Object.values(c.vars)) mine.add(v);
    }
  const marks = new Set<string>();
  for (const c of calls)
    if (!touchesLead(c)) {
      marks.add(c.callerNumber);
      // client_id values (C123456) are unique enough to be searched for as text.
      for (const v of Object.values(c.vars)) if (v.length >= 6) marks.add(v);
    }
  for (const m of mine) marks.delete(m);
  return [...marks];
}

describe("a team lead's scope on drill-downs", () => {
  it("a team lead of one group sees no caller, call id, vars or event of another group's call on any drill-down route", async () => {
    const b = await buildWithAuth({ sim: { startAt: START } });
    const s = await ready(b);
    const centre = b.sim.centre;
    const bob = { cookie: await b.signIn('bob') };
    const alice = { cookie: await b.signIn('alice') };

    // The operator of the issue: in the lead's group and another, with calls of the other today.
    const foreignCallsOf = (id: number) =>
      centre.log.events.filter(
        (e) =>
          e.operatorId === id && e.callId !== null && groupOf(centre.call(e.callId)) !== LEAD_GROUP,
      ).length;
    const both = s.operators
      .filter((o) => o.groups.includes(LEAD_GROUP) && o.groups.some((g) => g !== LEAD_GROUP))
      .sort((x, y) => foreignCallsOf(y.id) - foreignCallsOf(x.id));
    const x = both[0];
    expect(x, 'an operator of the lead group and another').toBeDefined();
    if (!x) return;
    expect(foreignCallsOf(x.id), 'calls of another group in their history').toBeGreaterThan(0);

    // History: the other group's calls stay as timed events, without call id or caller.
    const hist = await b.call(`/api/operators/${x.id}/history?${PERIOD}`, { headers: bob });
    expect(hist.status, hist.body).toBe(200);
    expect(hist.headers.get('cache-control')).toBe('no-store');
    const h = hist.json() as HistoryReply;
    const full = (
      await b.call(`/api/operators/${x.id}/history?${PERIOD}`, { headers: alice })
    ).json() as HistoryReply;
    expect(h.events.length).toBe(full.events.length);
    expect(h.totals).toEqual(full.totals); // durations are kept: occupancy stays true
    let redacted = 0;
    for (const [i, e] of h.events.entries()) {
      const whole = full.events[i];
      expect(e.start).toBe(whole?.start);
      expect(e.durationSeconds).toBe(whole?.durationSeconds);
      if (whole?.callId) {
        const c = centre.call(Number(whole.callId));
        // Never shown unless the call is established in the lead's group.
        if (e.callId !== null || e.info !== null) expect(touchesLead(c), whole.callId).toBe(true);
        if (!touchesLead(c)) {
          expect(e).toMatchObject({ callId: null, info: null });
          redacted++;
        }
      }
    }
    expect(redacted).toBeGreaterThan(0);

    // Detail: an operator of the lead's group on another group's call right now.
    const onForeignCall = await eventually(
      async () => {
        const op = centre.operators.find((o) => {
          const c = o.callId === null ? undefined : centre.call(o.callId);
          return (
            o.activity === 'talk_in' &&
            o.groups.includes(LEAD_GROUP) &&
            c !== undefined &&
            groupOf(c) !== null &&
            groupOf(c) !== LEAD_GROUP &&
            Object.keys(c.vars).length > 0
          );
        });
        if (!op) return undefined;
        const r = await b.call(`/api/operators/${op.id}`, { headers: bob });
        const d = r.json() as OperatorDetail;
        // The call may have ended between the two readings: keep only a detail that shows one.
        if (d.currentCall?.answeredAt) return { r, d };
        await sleep(PACE_MS);
        return undefined;
      },
      20_000,
      'an operator of the lead group on a call of another group',
    );
    expect(onForeignCall.r.headers.get('cache-control')).toBe('no-store');
    expect(onForeignCall.d.currentCall).toMatchObject({
      id: null,
      callerNumber: null,
      serviceNumber: null,
      groupId: null,
    });
    expect(onForeignCall.d.vars).toEqual({});

    // A call of the lead's group seen in the detail is shown in full, there and in the history after.
    const own = await eventually(
      async () => {
        const op = centre.operators.find((o) => {
          const c = o.callId === null ? undefined : centre.call(o.callId);
          return o.activity === 'talk_in' && groupOf(c) === LEAD_GROUP;
        });
        if (!op || op.callId === null) return undefined;
        const d = (
          await b.call(`/api/operators/${op.id}`, { headers: bob })
        ).json() as OperatorDetail;
        if (d.currentCall?.id === String(op.callId)) return { op: op.id, d };
        await sleep(PACE_MS);
        return undefined;
      },
      20_000,
      'an operator on a call of the lead group',
    );
    expect(own.d.currentCall?.callerNumber).toBe(
      centre.call(Number(own.d.currentCall?.id))?.callerNumber,
    );
    const shown = await eventually(
      async () => {
        const r = await b.call(`/api/operators/${own.op}/history?${PERIOD}`, { headers: bob });
        expect(r.status, r.body).toBe(200);
        const e = (r.json() as HistoryReply).events.find(
          (x2) => x2.callId === own.d.currentCall?.id,
        );
        if (e?.info) return e;
        await sleep(1000);
        return undefined;
      },
      // The call must end, then the cached history (30 s: the simulated day is in the past) expire.
      55_000,
      'the call in the history',
    );
    expect(shown.info).toContain(own.d.currentCall?.callerNumber ?? '?');

    // Every drill-down route of the route table, as the team lead: no-store, and no mark of another
    // group's call. A new route must be added here.
    const paths: Record<string, string[]> = {
      '/api/operators/:id': both.slice(0, 4).map((o) => `/api/operators/${o.id}`),
      '/api/operators/:id/history': both
        .slice(0, 4)
        .flatMap((o) => [
          `/api/operators/${o.id}/history`,
          `/api/operators/${o.id}/history?${PERIOD}`,
        ]),
      '/api/groups/:id/trend': [`/api/groups/${LEAD_GROUP}/trend`],
      '/api/groups/:id/coverage': [`/api/groups/${LEAD_GROUP}/coverage?date=${DAY}`],
      '/api/directory': ['/api/directory'],
      '/api/stats/numbers': [], // refused to team leads (403), checked below
      '/api/stats/groups': [`/api/stats/groups?${PERIOD}`, `/api/stats/groups?realtime=true`],
      '/api/alerts': [`/api/alerts?${PERIOD}`],
      // Issue 13: what a team lead may read of the settings (their boards and queues, the default
      // board, the messages); the rest is a supervisor's (403, checked below).
      '/api/boards': ['/api/boards'],
      '/api/boards/:id': ['/api/boards/default'],
      '/api/queues': ['/api/queues'],
      '/api/ticker/messages': ['/api/ticker/messages'],
      '/api/activity': [],
      '/api/settings/export': [],
      '/api/screens': [],
      '/api/rules': [],
    };
    const routes = b.app.routeTable.filter((r) => r.access === 'drilldown' && r.method === 'GET');
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const bodies: { path: string; body: string }[] = [
      { path: 'history', body: hist.body },
      { path: 'detail', body: JSON.stringify(onForeignCall.d) },
    ];
    for (const r of routes) {
      const list = paths[r.url];
      expect(list, `${r.url}: add it to the team-lead sweep`).toBeDefined();
      for (const p of list ?? []) {
        const res = await b.call(p, { headers: bob });
        expect(res.status, `${p} → ${res.body.slice(0, 200)}`).toBe(200);
        expect(res.headers.get('cache-control'), p).toBe('no-store');
        bodies.push({ path: p, body: res.body });
      }
    }
    for (const p of [
      '/api/stats/numbers',
      '/api/activity',
      '/api/settings/export',
      '/api/screens',
      '/api/rules',
    ]) {
      const refused = await b.call(p, { headers: bob });
      expect(refused.status, p).toBe(403);
      expect(refused.headers.get('cache-control'), p).toBe('no-store');
    }

    const marks = foreignMarks(centre.calls);
    expect(marks.length).toBeGreaterThan(10);
    for (const { path, body } of bodies)
      for (const m of marks) expect(body.includes(m), `${path} carries ${m}`).toBe(false);
    // The supervisor, on the same history, does see those calls (the marks are real).
    expect(marks.some((m) => JSON.stringify(full).includes(m))).toBe(true);
  }, 120_000);
});
