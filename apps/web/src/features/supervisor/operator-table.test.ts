import { describe, expect, it } from 'vitest';
import type { SnapshotOperator } from '@vigie/contract';
import {
  DEFAULT_TABLE_STATE,
  countByState,
  filterOperators,
  parseTableParams,
  secondsInState,
  sortOperators,
  toTableParams,
} from './operator-table';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

function op(
  p: Partial<SnapshotOperator> & Pick<SnapshotOperator, 'id' | 'name'>,
): SnapshotOperator {
  return {
    state: 'available',
    breakName: null,
    stateSince: ago(60),
    stateSincePrecision: 'exact',
    loggedInSince: null,
    groups: [],
    ...p,
  };
}

const ops = [
  op({ id: 1, name: 'Éloïse Martin', state: 'connected', stateSince: ago(600), groups: [2] }),
  op({ id: 2, name: 'Bruno Petit', state: 'available', stateSince: ago(30), groups: [1, 2] }),
  op({ id: 3, name: 'Ana Costa', state: 'unavailable', stateSince: null, groups: [] }),
  op({ id: 4, name: 'Chloé Dubois', state: 'connected', stateSince: ago(90), groups: [1] }),
];
const groupName = (id: number) => ({ 1: 'Support', 2: 'Billing' })[id] ?? `#${id}`;
const names = (list: SnapshotOperator[]) => list.map((o) => o.id);

describe('operator table', () => {
  it('computes the seconds in state, and null when the start is unknown', () => {
    expect(secondsInState({ stateSince: ago(75) }, NOW)).toBe(75);
    expect(secondsInState({ stateSince: null }, NOW)).toBeNull();
    expect(secondsInState({ stateSince: ago(-5) }, NOW)).toBe(0);
  });

  it('filters by state, group, name without accents, and minimum time in state', () => {
    const all = { states: [], groupId: null, name: '', minMinutes: 0 };
    expect(names(filterOperators(ops, { ...all, states: ['connected'] }, NOW))).toEqual([1, 4]);
    expect(names(filterOperators(ops, { ...all, groupId: 1 }, NOW))).toEqual([2, 4]);
    expect(names(filterOperators(ops, { ...all, name: 'eloise' }, NOW))).toEqual([1]);
    expect(names(filterOperators(ops, { ...all, name: '  CHLO ' }, NOW))).toEqual([4]);
    // an unknown time in state never passes a minimum
    expect(names(filterOperators(ops, { ...all, minMinutes: 1 }, NOW))).toEqual([1, 4]);
    expect(
      names(filterOperators(ops, { ...all, minMinutes: 5, states: ['connected'] }, NOW)),
    ).toEqual([1]);
  });

  it('sorts by state in the contract order, then by name', () => {
    expect(names(sortOperators(ops, 'state', 'asc', NOW, groupName))).toEqual([2, 4, 1, 3]);
  });

  it('sorts by name with the locale collation, both ways', () => {
    expect(names(sortOperators(ops, 'name', 'asc', NOW, groupName))).toEqual([3, 2, 4, 1]);
    expect(names(sortOperators(ops, 'name', 'desc', NOW, groupName))).toEqual([1, 4, 2, 3]);
  });

  it('sorts by time in state and keeps unknown times last in either direction', () => {
    expect(names(sortOperators(ops, 'time', 'desc', NOW, groupName))).toEqual([1, 4, 2, 3]);
    expect(names(sortOperators(ops, 'time', 'asc', NOW, groupName))).toEqual([2, 4, 1, 3]);
  });

  it('sorts by the first group name and puts operators without a group last', () => {
    expect(names(sortOperators(ops, 'group', 'asc', NOW, groupName))).toEqual([2, 1, 4, 3]);
  });

  it('does not mutate its input', () => {
    const copy = [...ops];
    sortOperators(ops, 'name', 'asc', NOW, groupName);
    expect(ops).toEqual(copy);
  });

  it('counts operators per state, with zeros, logged-out apart from those on a break', () => {
    expect(countByState(ops)).toEqual({
      available: 1,
      ringing: 0,
      calling: 0,
      connected: 2,
      unavailable: 0,
      loggedOut: 1,
    });
    const onBreak = op({ id: 5, name: 'Dan', state: 'unavailable', breakName: 'Lunch' });
    expect(countByState([...ops, onBreak])).toMatchObject({ unavailable: 1, loggedOut: 1 });
  });

  it('filters on logged-out operators and sorts them after everyone else', () => {
    const onBreak = op({ id: 5, name: 'Aaron', state: 'unavailable', breakName: 'Lunch' });
    const all = { states: [], groupId: null, name: '', minMinutes: 0 };
    const list = [...ops, onBreak];
    expect(names(filterOperators(list, { ...all, states: ['loggedOut'] }, NOW))).toEqual([3]);
    expect(names(filterOperators(list, { ...all, states: ['unavailable'] }, NOW))).toEqual([5]);
    expect(names(sortOperators(list, 'state', 'asc', NOW, groupName))).toEqual([2, 4, 1, 5, 3]);
    expect(parseTableParams(new URLSearchParams('state=loggedOut')).states).toEqual(['loggedOut']);
  });

  it('round-trips its state through the URL and ignores garbage', () => {
    const s = {
      states: ['connected', 'ringing'] as const,
      groupId: 3,
      name: 'ana',
      minMinutes: 5,
      sort: 'time',
      dir: 'desc',
    } as const;
    const state = { ...s, states: [...s.states] };
    expect(parseTableParams(toTableParams(state))).toEqual(state);
    expect(toTableParams(DEFAULT_TABLE_STATE).toString()).toBe('');
    expect(
      parseTableParams(new URLSearchParams('state=bogus,available&group=x&min=-3&sort=zzz&dir=up')),
    ).toEqual({
      ...DEFAULT_TABLE_STATE,
      states: ['available'],
    });
  });
});
