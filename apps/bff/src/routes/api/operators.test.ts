import type { HistoryReply, OperatorDetail, Principal } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { scopeDetail, scopeHistory } from './operators';

const lead: Principal = { kind: 'user', name: 'bob', role: 'teamlead', groups: [101] };

function detail(callGroupId: number | null): OperatorDetail {
  return {
    id: 1001,
    name: 'Julie Martin',
    email: null,
    login: null,
    state: 'connected',
    breakName: null,
    stateSince: '2026-11-27T10:00:00.000Z',
    stateSincePrecision: 'exact',
    loggedInSince: '2026-11-27T08:00:00.000Z',
    lastLogoutAt: null,
    lastBreakAt: null,
    lastUnbreakAt: null,
    groups: [
      { id: 101, name: 'Accueil' },
      { id: 102, name: 'Support' },
    ],
    currentCall: {
      id: 'c-1',
      callerNumber: '33612345678',
      serviceNumber: '33145420000',
      answeredAt: '2026-11-27T10:00:00.000Z',
      groupId: callGroupId,
      groupName: callGroupId === 101 ? 'Accueil' : callGroupId === null ? null : 'Support',
    },
    vars: { client_id: 'C123456', motif: 'panne' },
    fetchedAt: '2026-11-27T10:01:00.000Z',
  };
}

describe('a team lead opening an operator of their group', () => {
  it('sees the call of their group in full', () => {
    const seen = scopeDetail(detail(101), lead);
    expect(seen.currentCall?.callerNumber).toBe('33612345678');
    expect(seen.vars).toEqual({ client_id: 'C123456', motif: 'panne' });
    expect(seen.groups.map((g) => g.id)).toEqual([101]);
  });

  it("sees that the operator is busy on another group's call, not whose call it is", () => {
    const seen = scopeDetail(detail(102), lead);
    expect(seen.currentCall).toEqual({
      id: null,
      callerNumber: null,
      serviceNumber: null,
      answeredAt: '2026-11-27T10:00:00.000Z',
      groupId: null,
      groupName: null,
    });
    // The call's service variables go with it.
    expect(seen.vars).toEqual({});
  });

  it('treats a call whose group upstream did not give as outside the scope', () => {
    const seen = scopeDetail(detail(null), lead);
    expect(seen.currentCall).toMatchObject({ id: null, callerNumber: null, serviceNumber: null });
    expect(seen.vars).toEqual({});
  });

  it('leaves a supervisor the whole detail', () => {
    const sup: Principal = { kind: 'user', name: 'alice', role: 'supervisor', groups: null };
    expect(scopeDetail(detail(102), sup)).toEqual(detail(102));
  });
});

describe("a team lead reading an operator's history", () => {
  const ev = (type: string, callId: string | null, info: string | null) => ({
    type,
    start: '2026-11-27T10:00:00.000Z',
    end: '2026-11-27T10:01:00.000Z',
    durationSeconds: 60,
    callId,
    info,
  });
  const reply: HistoryReply = {
    operatorId: 1001,
    from: '2026-11-27T00:00:00.000Z',
    to: '2026-11-27T23:59:59.000Z',
    events: [
      ev('call_in', 'c-1', 'from 33612345678 to 33145420000'),
      ev('catchup', 'c-1', 'after call c-1'),
      ev('call_in', 'c-2', 'from 33698765432 to 33145429999'),
      ev('call_out', 'c-3', 'to 33655555555'),
      ev('call_in', null, 'from 33600000000'),
      ev('break', null, 'Déjeuner'),
      ev('login', null, 'available'),
      ev('wrapup', null, 'from 33611111111'),
    ],
    totals: { call_in: { count: 3, seconds: 180 } },
    occupancyPercent: 50,
    fetchedAt: '2026-11-27T12:00:00.000Z',
  };
  // c-1 was seen in group 101 (in scope), c-2 in 102; c-3 was never seen.
  const groups: Record<string, number> = { 'c-1': 101, 'c-2': 102 };

  it("keeps every event and its duration, hides call id and infos of any call not placed in the lead's groups", () => {
    const seen = scopeHistory(reply, lead, (id) => groups[id]);
    expect(seen.events.map((e) => [e.type, e.callId, e.info])).toEqual([
      ['call_in', 'c-1', 'from 33612345678 to 33145420000'],
      ['catchup', 'c-1', 'after call c-1'],
      ['call_in', null, null],
      ['call_out', null, null],
      ['call_in', null, null],
      ['break', null, 'Déjeuner'],
      ['login', null, 'available'],
      ['wrapup', null, null],
    ]);
    expect(seen.events.every((e) => e.durationSeconds === 60)).toBe(true);
    expect(seen.totals).toEqual(reply.totals);
    expect(seen.occupancyPercent).toBe(50);
  });

  it('leaves a supervisor the whole history', () => {
    const sup: Principal = { kind: 'user', name: 'alice', role: 'supervisor', groups: null };
    expect(scopeHistory(reply, sup, () => undefined)).toEqual(reply);
  });
});
