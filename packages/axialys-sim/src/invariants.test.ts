// Figures served over HTTP agree with each other and with the call log, checked along a simulated
// day at high speed (guide 3.2–4.3).

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { call, groupIds, n, records, startTestSim, type TestSim } from './test-support';

const SPEED = 3600; // one simulated hour per real second of the injected clock
const STEP_REAL_MS = 1000 / 6; // ten simulated minutes

/** Groups seen with someone waiting at a checkpoint: the live oldest wait was checked on them. */
let liveWaitsSeen = 0;

async function checkpoint(t: TestSim): Promise<void> {
  const { sim } = t;
  const tz = 'Europe/Paris';
  const centre = sim.centre;

  // 4.3: each group's counts add up; waiting buckets add up to waiting.
  const gs = records((await call(sim, '/vm/stats/group_stats')).json().data);
  expect(gs).toHaveLength(centre.groups.length);
  for (const g of gs) {
    const id = Number(g.group_id);
    const answered = Number(g.nbr_repondus_total);
    expect(
      answered + n(g.nbr_perdus) + n(g.nbr_escalades) + n(g.nbr_attente),
    ).toBeGreaterThanOrEqual(n(g.nbr_global));
    const waitingToday = centre
      .waitingIn(id)
      .filter((c) => (c.legs.at(-1)?.enteredAt ?? 0) >= centre.dayStart()).length;
    expect(answered + n(g.nbr_perdus) + n(g.nbr_escalades) + waitingToday).toBe(n(g.nbr_global));
    expect(
      n(g.nbr_appels_attente_moins1m) +
        n(g.nbr_appels_attente_1a3m) +
        n(g.nbr_appels_attente_3mplus),
    ).toBe(n(g.nbr_attente));
    expect(n(g.nbr_attente)).toBe(centre.waitingIn(id).length);
    expect(n(g.nbr_global_reel)).toBeLessThanOrEqual(n(g.nbr_global));
    expect(n(g.nbr_perdus_reel)).toBeLessThanOrEqual(n(g.nbr_perdus));
    expect(n(g.nbr_repondu)).toBeLessThanOrEqual(answered);
    expect(n(g.nbr_abandonne)).toBeLessThanOrEqual(n(g.nbr_perdus));
    const pct = n(g.pourc_decroche);
    expect(pct).toBeGreaterThanOrEqual(0);
    expect(pct).toBeLessThanOrEqual(100);
    if (n(g.nbr_global) > 0) expect(pct).toBeCloseTo((answered / n(g.nbr_global)) * 100, 0);

    // 4.2 over today for this group = nbr_global of 4.3.
    const st = (await call(sim, `/vm/stats/groups?group_id=${id}&include_realtime=1`)).json();
    expect(st.calls_count).toBe(n(g.nbr_global));
    expect(st.agent_connected_calls_count).toBe(answered);
    expect(st.active_calls).toBe(n(g.nbr_attente) + n(g.nbr_comm));

    // 4.2 realtime, one group: the longest wait now is the oldest caller waiting in it, in the
    // bucket 4.3 counts it in; nobody waiting is null (issue 12.4).
    const since = st.oldest_call_waiting_since as string | null;
    if (n(g.nbr_attente) === 0) {
      expect(since).toBeNull();
    } else {
      const at = DateTime.fromFormat(String(since), 'yyyy-LL-dd HH:mm:ss', { zone: tz });
      const oldest = Math.min(...centre.waitingIn(id).map((c) => c.legs.at(-1)?.enteredAt ?? 0));
      expect(at.toMillis()).toBe(Math.floor(oldest / 1000) * 1000);
      const age = (centre.now() - oldest) / 1000;
      if (n(g.nbr_appels_attente_3mplus) > 0) expect(age).toBeGreaterThanOrEqual(180);
      else if (n(g.nbr_appels_attente_1a3m) > 0) expect(age >= 60 && age < 180).toBe(true);
      else expect(age).toBeLessThan(60);
      liveWaitsSeen += 1;
    }
  }

  // 3.2 and 3.5 tell the same state; a connected operator has a current call.
  const init = records((await call(sim, '/vm/operators_init')).json().data);
  expect(init).toHaveLength(centre.operators.length);
  let connectedIn = new Map<number, number>();
  for (const rec of init) {
    const d = (await call(sim, `/vm/op_details/${String(rec.id)}`)).json();
    expect(d.state).toBe(rec.etat);
    expect(groupIds(d.groups)).toEqual(groupIds(rec.groups));
    if (rec.etat === 'connected') {
      expect(d.dt_answer).toEqual(expect.any(String));
      expect(d.caller_number).toMatch(/^33\d{9}$/);
      expect(d.service_number).toMatch(/^33\d{9}$/);
      expect(d.id_group).toEqual(expect.any(Number));
      expect(d.id_appel).toMatch(/^\d+$/);
      const c = centre.call(Number(d.id_appel));
      if (c?.direction === 'in')
        connectedIn.set(Number(d.id_group), (connectedIn.get(Number(d.id_group)) ?? 0) + 1);
    }
    if (rec.etat === 'ringing') expect(d.id_appel).toMatch(/^\d+$/);
    if (rec.pause) expect(['Déjeuner', 'Pause café', 'Formation', 'Pause']).toContain(rec.pause);
  }
  // nbr_comm of each group = operators in conversation on an inbound call of that group.
  for (const g of gs) expect(n(g.nbr_comm)).toBe(connectedIn.get(Number(g.group_id)) ?? 0);
  connectedIn = new Map();

  // 4.1: calls on all numbers ≥ unique calls presented to the groups (some hang up in the menu).
  const num = (await call(sim, '/vm/stats/calls?include_realtime=1')).json();
  const reel = gs.reduce((s, g) => s + n(g.nbr_global_reel), 0);
  expect(Number(num.calls_count)).toBeGreaterThanOrEqual(reel);
  expect(Number(num.agent_connected_calls_count)).toBeLessThanOrEqual(Number(num.calls_count));
  let perNumber = 0;
  for (const gr of centre.groups) {
    for (const number of gr.numbers) {
      perNumber += Number(
        (await call(sim, `/vm/stats/calls?dest_number=${number}`)).json().calls_count,
      );
    }
  }
  expect(perNumber).toBe(num.calls_count);

  // 3.4: no two events of an operator overlap; durations are whole non-negative seconds.
  const now = DateTime.fromMillis(centre.now(), { zone: tz });
  const hist = records(
    (
      await call(sim, '/vm/calls/status', {
        method: 'POST',
        body: {
          date: now.startOf('day').toFormat('yyyy-LL-dd HH:mm:ss'),
          date_end: now.toFormat('yyyy-LL-dd HH:mm:ss'),
        },
      })
    ).json().data,
  );
  const byOp = new Map<number, { start: number; end: number }[]>();
  for (const e of hist) {
    expect(['call_in', 'call_out', 'break', 'login', 'catchup']).toContain(e.type);
    expect(Number.isInteger(e.duration) && Number(e.duration) > 0).toBe(true);
    const start = DateTime.fromFormat(String(e.date), 'yyyy-LL-dd HH:mm:ss', {
      zone: tz,
    }).toMillis();
    const list = byOp.get(Number(e.id_op)) ?? [];
    list.push({ start, end: start + Number(e.duration) * 1000 });
    byOp.set(Number(e.id_op), list);
  }
  const dayMs = centre.now() - now.startOf('day').toMillis();
  for (const list of byOp.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++)
      expect(list[i]!.start).toBeGreaterThanOrEqual(list[i - 1]!.end);
    expect(list.reduce((s, e) => s + e.end - e.start, 0)).toBeLessThanOrEqual(dayMs + 1000);
  }
}

describe('invariants over a simulated afternoon at high speed', () => {
  it('keep every figure consistent at each ten-minute checkpoint for 70 simulated minutes', async () => {
    const t = await startTestSim({ speed: SPEED, seed: 7, startAt: '2026-03-10T13:00:00+01:00' });
    for (let i = 0; i < 7; i++) {
      t.tick(STEP_REAL_MS);
      // A burst in one queue, so some checkpoints see callers waiting (the live oldest wait).
      if (i === 3) t.sim.centre.flood(t.sim.centre.groups[0]!.id, 40);
      await checkpoint(t);
    }
    // The centre did live: calls were answered, lost, overflowed, and operators took breaks.
    const calls = t.sim.centre.log.calls;
    expect(calls.filter((c) => c.outcome === 'answered').length).toBeGreaterThan(100);
    expect(calls.some((c) => c.outcome === 'abandoned')).toBe(true);
    expect(calls.some((c) => c.legs.some((l) => l.outcome === 'overflowed'))).toBe(true);
    expect(calls.some((c) => c.direction === 'out')).toBe(true);
    const breaks = new Set([
      ...t.sim.centre.log.events.filter((e) => e.type === 'break').map((e) => e.infos),
      ...t.sim.centre.operators.flatMap((o) => (o.breakName ? [o.breakName] : [])),
    ]);
    expect(breaks).toEqual(new Set(['Déjeuner', 'Pause café', 'Formation']));
    expect(liveWaitsSeen).toBeGreaterThan(0);
  });
});
