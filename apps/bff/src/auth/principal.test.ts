// Scope: who sees which groups, operators and alerts, the keys limits and revocations count by, the team lead's snapshot.
import type { Alert, Principal, Snapshot, SnapshotGroup, SnapshotOperator } from '@vigie/contract';
import { describe, expect, it } from 'vitest';
import { BOARD_CONFIG } from '../../test/support/fixtures';
import {
  alertInScope,
  canSeeGroup,
  canSeeOperator,
  filterSnapshot,
  limitKey,
  OPEN_PRINCIPAL,
  ownerKey,
  scopeKey,
} from './principal';

const supervisor: Principal = { kind: 'user', name: 'alice', role: 'supervisor', groups: null };
const lead: Principal = { kind: 'user', name: 'bob', role: 'teamlead', groups: [101, 103] };
const tv: Principal = { kind: 'display', name: 'tv-hall', role: 'display', groups: null };

const at = '2026-03-02T09:00:00.000Z';
const operator = (id: number, groups: number[]): SnapshotOperator => ({
  id,
  name: `Operator ${id}`,
  state: 'available',
  breakName: null,
  stateSince: at,
  stateSincePrecision: 'poll',
  loggedInSince: at,
  groups,
});
/** Only the id matters to the filter; the rest of a group's figures come along untouched. */
const group = (id: number) =>
  ({ id, name: `Group ${id}`, waiting: id }) as unknown as SnapshotGroup;
const alert = (subject: Alert['subject']): Alert => ({
  id: `r:${subject.kind}:${subject.id}:1`,
  rule: 'r',
  kind: 'queue-unattended',
  severity: 'warning',
  subject,
  since: at,
  figures: {},
});

function snapshot(): Snapshot {
  const source = { lastSuccessAt: at, ageSeconds: 1, pollMs: 30_000 };
  return {
    seq: 7,
    takenAt: at,
    buildId: 'b',
    demo: false,
    cluster: { mode: 'single', instanceId: 'i', leader: 'i', redis: null },
    upstream: {
      status: 'ok',
      lastSuccessAt: at,
      error: null,
      sources: { operators: source, groups: source },
    },
    config: BOARD_CONFIG,
    operators: [operator(1, [101]), operator(2, [102]), operator(3, [102, 103]), operator(4, [])],
    groups: [group(101), group(102), group(103)],
    alerts: [
      alert({ kind: 'group', id: '101' }),
      alert({ kind: 'group', id: '102' }),
      alert({ kind: 'operator', id: '2' }),
      alert({ kind: 'operator', id: '3' }),
      alert({ kind: 'upstream', id: 'operators' }),
    ],
  };
}

describe('scope checks', () => {
  it('lets a supervisor, a display and the open mode see every group and operator', () => {
    for (const p of [supervisor, tv, OPEN_PRINCIPAL]) {
      expect(canSeeGroup(p, 102)).toBe(true);
      expect(canSeeOperator(p, [])).toBe(true);
    }
    expect(OPEN_PRINCIPAL).toMatchObject({ kind: 'open', role: 'supervisor', groups: null });
    expect(Object.isFrozen(OPEN_PRINCIPAL)).toBe(true);
  });

  it('lets a team lead see their groups and the operators in at least one of them', () => {
    expect(canSeeGroup(lead, 101)).toBe(true);
    expect(canSeeGroup(lead, 102)).toBe(false);
    expect(canSeeOperator(lead, [102, 103])).toBe(true);
    expect(canSeeOperator(lead, [102])).toBe(false);
    expect(canSeeOperator(lead, [])).toBe(false);
  });

  it('shares one scope key per set of groups, whatever their order', () => {
    expect(scopeKey(null)).toBe('all');
    const groups = [103, 101, 20];
    expect(scopeKey(groups)).toBe('g:20,101,103');
    expect(scopeKey([101, 103, 20])).toBe(scopeKey(groups));
    expect(groups).toEqual([103, 101, 20]); // not sorted in place
  });

  it('counts limits by person, and by screen and address for shared names', () => {
    expect(limitKey(lead, '10.0.0.1')).toBe('user:bob');
    expect(limitKey(lead, '10.0.0.2')).toBe(limitKey(lead, '10.0.0.1'));
    expect(limitKey(tv, '10.0.0.1')).toBe('display:tv-hall@10.0.0.1');
    expect(limitKey(OPEN_PRINCIPAL, '10.0.0.9')).toBe('open:anonymous@10.0.0.9');
    expect(ownerKey(lead)).toBe('user:bob');
    expect(ownerKey(tv)).toBe('display:tv-hall');
  });
});

describe("a team lead's snapshot", () => {
  it('keeps their groups, the operators in them with only those groups, and the alerts about them', () => {
    const s = snapshot();
    const before = JSON.stringify(s);
    const f = filterSnapshot(s, [101, 103]);
    expect(f.groups.map((g) => g.id)).toEqual([101, 103]);
    expect(f.groups[0]).toBe(s.groups[0]); // figures untouched
    expect(f.operators.map((o) => [o.id, o.groups])).toEqual([
      [1, [101]],
      [3, [103]], // never a hint of group 102
    ]);
    expect(f.alerts.map((a) => a.id)).toEqual([
      'r:group:101:1',
      'r:operator:3:1',
      'r:upstream:operators:1', // upstream alerts concern everyone
    ]);
    expect(f.seq).toBe(s.seq);
    expect(f.config).toBe(s.config);
    expect(JSON.stringify(s)).toBe(before); // the shared snapshot is not changed
  });

  it('is empty of figures for groups that do not exist', () => {
    const f = filterSnapshot(snapshot(), [999]);
    expect(f.groups).toEqual([]);
    expect(f.operators).toEqual([]);
    expect(f.alerts.map((a) => a.subject.kind)).toEqual(['upstream']);
  });

  it('places alerts by subject', () => {
    const groups = new Set([101]);
    const ops = new Set(['1']);
    expect(alertInScope({ kind: 'group', id: '101' }, groups, ops)).toBe(true);
    expect(alertInScope({ kind: 'group', id: '102' }, groups, ops)).toBe(false);
    expect(alertInScope({ kind: 'operator', id: '1' }, groups, ops)).toBe(true);
    expect(alertInScope({ kind: 'operator', id: '2' }, groups, ops)).toBe(false);
    expect(alertInScope({ kind: 'upstream', id: 'groups' }, groups, ops)).toBe(true);
  });
});
