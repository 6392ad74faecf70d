import type { OperatorDetail, Principal } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { scopeDetail } from './operators';

const lead: Principal = { kind: 'user', name: 'bob', role: 'teamlead', groups: [101] };

function detail(callGroupId: number): OperatorDetail {
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
      groupName: callGroupId === 101 ? 'Accueil' : 'Support',
    },
    vars: {},
    fetchedAt: '2026-11-27T10:01:00.000Z',
  };
}

describe('a team lead opening an operator of their group', () => {
  it('sees the call of their group in full', () => {
    const seen = scopeDetail(detail(101), lead);
    expect(seen.currentCall?.callerNumber).toBe('33612345678');
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
  });

  it('leaves a supervisor the whole detail', () => {
    const sup: Principal = { kind: 'user', name: 'alice', role: 'supervisor', groups: null };
    expect(scopeDetail(detail(102), sup)).toEqual(detail(102));
  });
});
