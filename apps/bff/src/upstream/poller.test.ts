import { AxialysUpstreamError, type AxialysClient } from '@vigie/axialys-client';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../test/support/manual-clock';
import { Poller, backoffDelay } from './poller';

function fakeClient(clock: ManualClock, failing: { operators: boolean }) {
  const calls: Record<string, number[]> = {};
  const log = (name: string) => (calls[name] ??= []).push(clock.t);
  const client = {
    account: 'a',
    listOperators: async () => (log('operators'), []),
    listGroups: async () => (log('groups'), []),
    operatorsInit: async () => {
      log('operators_init');
      if (failing.operators) throw new AxialysUpstreamError('operators_init', 503, '');
      return [];
    },
    groupSupervision: async () => (log('group_stats'), []),
    statusHistory: async () => (log('calls_status'), []),
    close: async () => {},
  } as unknown as AxialysClient;
  return { client, calls };
}

describe('Poller', () => {
  it('asks operators_init at most once per period, failures included (guide 3.2)', async () => {
    const clock = new ManualClock();
    const failing = { operators: true };
    const { client, calls } = fakeClient(clock, failing);
    const p = new Poller({
      client,
      clock,
      timeZone: 'Europe/Paris',
      operatorsMs: 30_000,
      groupsMs: 15_000,
      directoryMs: 600_000,
      answeredWithinSeconds: 45,
      abandonedWithinSeconds: 5,
      random: () => 0.5,
    });
    p.start();
    await clock.advance(95_000);
    failing.operators = false;
    await clock.advance(95_000);
    const times = calls['operators_init'] ?? [];
    expect(times.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(calls['calls_status']).toHaveLength(1); // the start-up history, once
    expect(calls['operators']).toHaveLength(1);
    await p.stop();
  });

  it('keeps polling, spaced as before, when a listener throws (a bug is not an upstream fault)', async () => {
    const clock = new ManualClock();
    const { client, calls } = fakeClient(clock, { operators: false });
    const warnings: string[] = [];
    const p = new Poller({
      client,
      clock,
      timeZone: 'Europe/Paris',
      operatorsMs: 30_000,
      groupsMs: 15_000,
      directoryMs: 600_000,
      answeredWithinSeconds: 45,
      abandonedWithinSeconds: 5,
      random: () => 0.5,
      log: { warn: (_o, msg) => warnings.push(msg), info: () => {} },
    });
    p.onEvent(() => {
      throw new Error('a broken listener');
    });
    p.start();
    await clock.advance(95_000);
    const times = calls['operators_init'] ?? [];
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(warnings).toContain('a poll listener failed');
    expect(warnings.some((w) => w.startsWith('poll of'))).toBe(false);
    await p.stop();
  });

  it('backs off with full jitter, never below a quarter period, capped at eight periods', () => {
    expect(backoffDelay(1000, 1, () => 0)).toBe(250);
    expect(backoffDelay(1000, 1, () => 1)).toBe(2000);
    expect(backoffDelay(1000, 10, () => 1)).toBe(8000);
  });
});

describe('Poller and empty answers (issue 10)', () => {
  it('takes no operator and no group, while the directory lists some, as a failed poll: spaced, backed off, said', async () => {
    const clock = new ManualClock();
    const calls: Record<string, number[]> = {};
    const log = (name: string) => (calls[name] ??= []).push(clock.t);
    const client = {
      account: 'a',
      listOperators: async () => (log('operators'), [{ id: 1, name: 'Ana' }]),
      listGroups: async () => (log('groups'), [{ id: 7, name: 'Support' }]),
      operatorsInit: async () => (log('operators_init'), []),
      groupSupervision: async () => (log('group_stats'), []),
      statusHistory: async () => (log('calls_status'), []),
      close: async () => {},
    } as unknown as AxialysClient;
    const p = new Poller({
      client,
      clock,
      timeZone: 'Europe/Paris',
      operatorsMs: 30_000,
      groupsMs: 15_000,
      directoryMs: 600_000,
      answeredWithinSeconds: 45,
      abandonedWithinSeconds: 5,
      random: () => 0.5,
    });
    const kinds: string[] = [];
    p.onEvent((e) => kinds.push(e.kind));
    p.start();
    await clock.advance(120_000);
    await p.stop();
    expect(p.health.operators).toMatchObject({ lastSuccessAt: null });
    expect(p.health.operators.error).toMatch(
      /operators_init at data: no operator, while 3.1 lists 1/,
    );
    expect(p.health.groups.lastSuccessAt).toBeNull();
    expect(p.health.groups.error).toMatch(/group_stats at data: no group, while 3.3 lists 1/);
    expect(kinds).not.toContain('operators');
    expect(kinds).not.toContain('groups');
    // Each malformed operators_init used its 30 s window; group stats backed off past its period.
    const init = calls['operators_init'] ?? [];
    for (let i = 1; i < init.length; i++)
      expect((init[i] ?? 0) - (init[i - 1] ?? 0)).toBeGreaterThanOrEqual(30_000);
    const gs = calls['group_stats'] ?? [];
    expect(gs.length).toBeGreaterThan(1);
    expect(gs.length).toBeLessThan(120_000 / 15_000);
  });
});
