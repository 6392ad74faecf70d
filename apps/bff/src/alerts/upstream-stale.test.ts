// Issue 12.6: with the default rules, the "queue data 1 min old" alert clears on the first fresh
// answer, not some seconds after the banner has gone.
import type { Snapshot } from '@vigie/contract';
import { describe, expect, test } from 'vitest';
import { defaultRules } from '../config/rules-file';
import { BOARD_CONFIG } from '../../test/support/fixtures';
import { evaluate, initialAlertState } from './engine';

const T0 = Date.parse('2026-03-03T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A board whose group figures were last fetched at `groupsAt` (operators always fresh). */
function board(now: number, groupsAt: number): Snapshot {
  const source = (at: number, pollMs: number) => ({
    lastSuccessAt: iso(at),
    ageSeconds: (now - at) / 1000,
    pollMs,
  });
  return {
    seq: 1,
    takenAt: iso(now),
    buildId: 'b',
    demo: false,
    upstream: {
      status: now - groupsAt > 30_000 ? 'degraded' : 'ok',
      lastSuccessAt: iso(now),
      error: null,
      sources: { operators: source(now, 30_000), groups: source(groupsAt, 15_000) },
    },
    config: BOARD_CONFIG,
    operators: [],
    groups: [],
    cluster: { mode: 'single', instanceId: 'i', leader: 'i', redis: null },
    alerts: [],
  };
}

describe('the upstream-stale default rule', () => {
  test('clears on the first fresh answer', () => {
    const rules = defaultRules().filter((r) => r.kind === 'upstream-stale');
    expect(rules).toHaveLength(1);
    let state = initialAlertState();
    // Group figures a minute old: stale.
    const stale = evaluate(rules, state, board(T0 + 60_000, T0), T0 + 60_000);
    state = stale.state;
    expect(stale.alerts.map((a) => a.subject.id)).toEqual(['groups']);
    // The next poll answers: the alert goes with the same snapshot.
    const fresh = evaluate(rules, state, board(T0 + 61_000, T0 + 61_000), T0 + 61_000);
    expect(fresh.alerts).toEqual([]);
    expect(fresh.events.map((e) => e.type)).toEqual(['cleared']);
  });
});
