import { describe, expect, test } from 'vitest';
import { Value } from 'typebox/value';
import {
  AlertEventSchema,
  AlertSchema,
  type Alert,
  type AlertEvent,
  type Snapshot,
  type SnapshotGroup,
  type SnapshotOperator,
  SnapshotSchema,
} from '@vigie/contract';
import { createAlertEngine, evaluate, initialAlertState, type AlertState } from './engine';
import { defaultRules, parseRules, type Rule } from '../config/rules-file';
import { staffingUnknown } from '../snapshot/builder';
import { BOARD_CONFIG } from '../../test/support/fixtures';

// ---- synthetic snapshots, built from the contract type ------------------------------------------

const T0 = Date.parse('2025-03-03T09:00:00.000Z');
const POLL_MS = 5_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** One caller waiting `wait` seconds now: the longest wait and the bucket it falls in. */
function oneWaiting(wait: number): Partial<SnapshotGroup> {
  return {
    longestWaitSeconds: wait,
    waiting: 1,
    waitingUnder1m: wait < 60 ? 1 : 0,
    waiting1to3m: wait >= 60 && wait < 180 ? 1 : 0,
    waitingOver3m: wait >= 180 ? 1 : 0,
  };
}

function group(id: number, extra: Partial<SnapshotGroup> = {}): SnapshotGroup {
  return {
    id,
    name: `Group ${id}`,
    serviceLevel: { answeredWithinS: 45, abandonedWithinS: 5, targetPct: 80 },
    waiting: 0,
    inConversation: 0,
    longestWaitSeconds: 0,
    liveWait: null,
    gaugeMarks: BOARD_CONFIG.thresholds,
    averageWaitSeconds: 0,
    averageTalkSeconds: 0,
    averageAbandonSeconds: 0,
    calls: 10,
    uniqueCalls: 10,
    lost: 0,
    uniqueLost: 0,
    escalated: 0,
    answeredPercent: 100,
    serviceLevelPercent: 100,
    answeredWithin: 10,
    abandonedWithin: 0,
    waitingUnder1m: 0,
    waiting1to3m: 0,
    waitingOver3m: 0,
    operators: { available: 2, ringing: 0, calling: 0, connected: 0, unavailable: 0 },
    staffing: staffingUnknown(2),
    ...extra,
  };
}

function operator(id: number, extra: Partial<SnapshotOperator> = {}): SnapshotOperator {
  return {
    id,
    name: `Operator ${id}`,
    state: 'available',
    breakName: null,
    stateSince: iso(T0),
    stateSincePrecision: 'poll',
    loggedInSince: iso(T0 - 3_600_000),
    groups: [1],
    ...extra,
  };
}

function snapshot(
  now: number,
  parts: {
    groups?: SnapshotGroup[];
    operators?: SnapshotOperator[];
    ageSeconds?: number | null;
  } = {},
): Snapshot {
  const age = parts.ageSeconds === undefined ? 1 : parts.ageSeconds;
  const source = (pollMs: number) => ({
    lastSuccessAt: age === null ? null : iso(now - age * 1000),
    ageSeconds: age,
    pollMs,
  });
  const snap: Snapshot = {
    seq: Math.max(1, Math.round((now - T0) / POLL_MS) + 1),
    takenAt: iso(now),
    buildId: 'test',
    demo: true,
    cluster: { mode: 'single', instanceId: 'test', leader: 'test', redis: null },
    upstream: {
      status: 'ok',
      lastSuccessAt: age === null ? null : iso(now - age * 1000),
      error: null,
      sources: { operators: source(30_000), groups: source(15_000) },
    },
    config: BOARD_CONFIG,
    operators: parts.operators ?? [operator(1)],
    groups: parts.groups ?? [group(1)],
    alerts: [],
  };
  return snap;
}

/** Runs polls every POLL_MS from T0 and gathers what the engine said. */
function drive(
  rules: Rule[],
  frames: ((now: number) => Snapshot)[],
  start: AlertState = initialAlertState(),
) {
  let state = start;
  const events: AlertEvent[] = [];
  const alertsAt: Alert[][] = [];
  frames.forEach((frame, i) => {
    const now = T0 + i * POLL_MS;
    const out = evaluate(rules, state, frame(now), now);
    state = out.state;
    events.push(...out.events);
    alertsAt.push(out.alerts);
  });
  return { state, events, alertsAt, last: alertsAt.at(-1) ?? [] };
}

const repeat = <T>(n: number, f: T): T[] => Array.from({ length: n }, () => f);
const rules = (yaml: string) => parseRules(yaml, 'yaml');
const transitions = (events: AlertEvent[]) =>
  events.map(
    (e) =>
      `${e.type} ${e.alert.rule} ${e.alert.subject.kind}:${e.alert.subject.id} @${(Date.parse(e.at) - T0) / 1000}s`,
  );

test('the synthetic snapshots are valid contract snapshots', () => {
  expect(Value.Check(SnapshotSchema, snapshot(T0))).toBe(true);
});

// ---- each kind raised and cleared -------------------------------------------------------------

describe('queue-unattended', () => {
  const r = rules(
    '[{ id: unattended, kind: queue-unattended, for: 10, clearFor: 10, severity: critical }]',
  );
  const unattended = (now: number) =>
    snapshot(now, {
      groups: [
        group(1, {
          waiting: 2,
          longestWaitSeconds: 40,
          operators: { available: 0, ringing: 0, calling: 0, connected: 3, unavailable: 1 },
        }),
        group(2, {
          waiting: 0,
          operators: { available: 0, ringing: 0, calling: 0, connected: 0, unavailable: 2 },
        }),
        group(3, { waiting: 4 }),
      ],
    });
  const attended = (now: number) =>
    snapshot(now, { groups: [group(1, { waiting: 2 }), group(2), group(3)] });

  test('raises when callers wait and nobody of the group is available, and clears', () => {
    const run = drive(r, [...repeat(3, unattended), ...repeat(3, attended)]);
    expect(transitions(run.events)).toEqual([
      'raised unattended group:1 @10s',
      'cleared unattended group:1 @25s',
    ]);
    expect(run.alertsAt[2]).toEqual([
      {
        id: `queue-unattended:group:1:${T0 + 10_000}`,
        rule: 'unattended',
        kind: 'queue-unattended',
        severity: 'critical',
        subject: { kind: 'group', id: '1' },
        since: iso(T0),
        figures: { waiting: 2, longestWaitSeconds: 40, available: 0 },
      },
    ]);
  });
});

describe('longest-wait', () => {
  const r = rules(`
- id: wait
  kind: longest-wait
  limit: 120
  limits: { "2": 30 }
  groups: [1, 2]
  for: 0
  clearFor: 0`);

  test('uses the per-group limit and ignores groups outside the rule', () => {
    const frame = (wait: number) => (now: number) =>
      snapshot(now, {
        groups: [group(1, oneWaiting(wait)), group(2, oneWaiting(wait)), group(3, oneWaiting(999))],
      });
    const run = drive(r, [frame(45), frame(130), frame(10)]);
    expect(transitions(run.events)).toEqual([
      'raised wait group:2 @0s',
      'raised wait group:1 @5s',
      'cleared wait group:2 @10s',
      'cleared wait group:1 @10s',
    ]);
    expect(run.alertsAt[1]?.find((a) => a.subject.id === '2')?.figures).toEqual({
      longestWaitSeconds: 130,
      limit: 30,
      waiting: 1,
    });
  });
});

describe('longest-wait while nobody waits long now', () => {
  const r = rules('[{ id: wait, kind: longest-wait, limit: 120, for: 0, clearFor: 0 }]');

  test('a high maximum of the day raises nothing when the queue is empty or only short waits', () => {
    const frames = [
      (now: number) => snapshot(now, { groups: [group(1, { longestWaitSeconds: 400 })] }),
      (now: number) =>
        snapshot(now, {
          groups: [group(1, { longestWaitSeconds: 400, waiting: 2, waitingUnder1m: 2 })],
        }),
      (now: number) => snapshot(now, { groups: [group(1, { ...oneWaiting(130) })] }),
    ];
    const run = drive(r, frames);
    // Only the last frame has a caller who may have waited over 120 s (the 1–3 min bucket).
    expect(run.alertsAt.map((a) => a.length)).toEqual([0, 0, 1]);
  });
});

describe('longest-wait on the live oldest wait (guide 4.2 realtime)', () => {
  const r = rules('[{ id: wait, kind: longest-wait, limit: 120, for: 0, clearFor: 0 }]');
  const live =
    (sinceSecondsAgo: number | null, extra: Partial<SnapshotGroup> = {}) =>
    (now: number) =>
      snapshot(now, {
        groups: [
          group(1, {
            ...extra,
            liveWait: {
              oldestSince: sinceSecondsAgo === null ? null : iso(now - sinceSecondsAgo * 1000),
              at: iso(now),
            },
          }),
        ],
      });

  test('the live figure wins over the day maximum, both ways', () => {
    const run = drive(r, [
      // The day's maximum and the buckets say "over": the live figure says 30 s, so no alert.
      live(30, { ...oneWaiting(400) }),
      // The buckets say "under a minute", the live figure 150 s: it raises, with the live figure.
      live(150, { longestWaitSeconds: 10, waiting: 1, waitingUnder1m: 1 }),
      // Nobody waiting now, whatever the maximum of the day.
      live(null, { longestWaitSeconds: 400 }),
    ]);
    expect(run.alertsAt.map((a) => a.length)).toEqual([0, 1, 0]);
    expect(run.alertsAt[1]?.[0]?.figures).toEqual({
      longestWaitSeconds: 150,
      limit: 120,
      waiting: 1,
      oldestSince: iso(T0 + POLL_MS - 150_000),
    });
  });

  test('live figures on but not in yet for a group: only what the buckets prove, never the day maximum', () => {
    let state = initialAlertState();
    const raised = (g: SnapshotGroup, now: number) => {
      const e = evaluate(r, state, snapshot(now, { groups: [g] }), now, { liveWait: true });
      state = e.state;
      return e.alerts.length;
    };
    // Callers under a minute, a maximum of 400 s this morning: nothing proves a wait over 120 s.
    expect(raised(group(1, { ...oneWaiting(30), longestWaitSeconds: 400 }), T0)).toBe(0);
    // Someone over 3 min: proven over the limit before the live figure comes in.
    expect(raised(group(1, oneWaiting(200)), T0 + POLL_MS)).toBe(1);
  });

  test('without a live figure the rule falls back to the day maximum and the buckets', () => {
    const run = drive(r, [(now) => snapshot(now, { groups: [group(1, oneWaiting(130))] })]);
    expect(run.alertsAt[0]?.[0]?.figures).toEqual({
      longestWaitSeconds: 130,
      limit: 120,
      waiting: 1,
    });
  });
});

describe('service-level', () => {
  const r = rules('[{ id: sl, kind: service-level, limit: 80, window: 15, for: 0, clearFor: 0 }]');
  const level = (sl: number | null) => (now: number) =>
    snapshot(now, { groups: [group(1, { serviceLevelPercent: sl })] });

  test('averages the samples in the sliding window, raises under the limit and clears', () => {
    // Samples at 0,5,10,15,20,25 s: 100, 70, 70, null, 100, 100. A 15 s window holds four polls.
    const run = drive(r, [level(100), level(70), level(70), level(null), level(100), level(100)]);
    // @5s: (100+70)/2 = 85; @10s: 80; @15s: 80 (null ignored); @20s: (70+70+100)/3 = 80; @25s: 90.
    // Never under 80, though two single samples were.
    expect(transitions(run.events)).toEqual([]);
    const run2 = drive(r, [
      level(100),
      level(60),
      level(70),
      level(null),
      level(100),
      level(100),
      level(100),
    ]);
    // The 15 s window is covered from 15 s: nothing before, though @10s averaged 76.7.
    // @15s: 76.6 (100,60,70; rounded down, so it stays under its limit) → raised; @20s: 76.7
    // (60,70,100); @25s: (70,100,100) = 90 → cleared.
    expect(transitions(run2.events)).toEqual(['raised sl group:1 @15s', 'cleared sl group:1 @25s']);
    expect(run2.alertsAt[2]).toEqual([]);
    expect(run2.alertsAt[3]?.[0]?.figures).toEqual({
      serviceLevelPercent: 76.6,
      limit: 80,
      windowSeconds: 15,
      samples: 3,
    });
  });

  test('raises only once the window is covered by a run of fresh samples without a gap', () => {
    const w = rules(
      '[{ id: sl, kind: service-level, limit: 80, window: 60, for: 0, clearFor: 0 }]',
    );
    const low = level(50);
    const stale = (now: number) =>
      snapshot(now, { groups: [group(1, { serviceLevelPercent: 50 })], ageSeconds: 40 });
    // 55 s of samples: not yet a 60 s window; the 13th poll (60 s) covers it.
    const run = drive(w, repeat(13, low));
    expect(run.alertsAt.slice(0, 12).every((a) => a.length === 0)).toBe(true);
    expect(transitions(run.events)).toEqual(['raised sl group:1 @60s']);
    // Group figures older than two polls are not observations: the run waits for fresh ones.
    const stalled = drive(w, [...repeat(2, stale), ...repeat(13, low)]);
    expect(transitions(stalled.events)).toEqual(['raised sl group:1 @70s']);
    // A gap longer than a minute (the board stopped) starts the window again.
    const first = drive(w, repeat(6, low));
    const resumeAt = T0 + 5 * POLL_MS + 90_000;
    let state = first.state;
    const raisedAt: number[] = [];
    for (let i = 0; i <= 13; i++) {
      const now = resumeAt + i * POLL_MS;
      const out = evaluate(w, state, low(now), now);
      state = out.state;
      if (out.events.some((e) => e.type === 'raised')) raisedAt.push(now - resumeAt);
    }
    expect(raisedAt).toEqual([60_000]);
  });

  test('a group with no level yet raises nothing', () => {
    expect(drive(r, repeat(4, level(null))).events).toEqual([]);
  });
});

describe('answered-rate', () => {
  const r = rules(
    '[{ id: answered, kind: answered-rate, limit: 90, window: 60, for: 5, clearFor: 5 }]',
  );
  const rate =
    (answeredPercent: number, calls = 10) =>
    (now: number) =>
      snapshot(now, { groups: [group(1, { answeredPercent, calls })] });

  test('raises under the limit over the window and clears when the average recovers', () => {
    const short = rules(
      '[{ id: answered, kind: answered-rate, limit: 90, window: 10, for: 5, clearFor: 5 }]',
    );
    const run = drive(short, [...repeat(4, rate(80)), ...repeat(3, rate(100))]);
    // Covered from 10 s (80 < 90), held 5 s → raised @15s; @20s 86.7; @25s 93.3 false; @30s cleared.
    expect(transitions(run.events)).toEqual([
      'raised answered group:1 @15s',
      'cleared answered group:1 @30s',
    ]);
  });

  test('the figure is rounded down, so the message never reads "90 % below 90 %"', () => {
    const short = rules(
      '[{ id: answered, kind: answered-rate, limit: 90, window: 10, for: 0, clearFor: 0 }]',
    );
    const run = drive(short, [rate(89.96), rate(89.96), rate(89.96)]);
    expect(run.last[0]?.figures['answeredPercent']).toBe(89.9);
  });

  test('0 % of no call is not a bad rate', () => {
    expect(drive(r, repeat(4, rate(0, 0))).events).toEqual([]);
  });
});

describe('operator-state', () => {
  const r = rules(`
- { id: ringing, kind: operator-state, state: ringing, limit: 60, limits: { "2": 20 }, for: 0, clearFor: 0 }
- { id: lunch, kind: operator-state, breakName: Déjeuner, limit: 1800, for: 0, clearFor: 0, severity: critical }
- { id: any-break, kind: operator-state, breakName: "*", limit: 600, groups: [3], for: 0, clearFor: 0 }
- { id: away, kind: operator-state, state: unavailable, limit: 60, for: 0, clearFor: 0 }
`);

  test('raises once the time in state passes the limit, and clears when the state changes', () => {
    const ringingSince = T0 - 55_000;
    const ringing = (now: number) =>
      snapshot(now, {
        operators: [operator(7, { state: 'ringing', stateSince: iso(ringingSince) })],
      });
    const answered = (now: number) =>
      snapshot(now, { operators: [operator(7, { state: 'connected', stateSince: iso(now) })] });
    const run = drive(r, [ringing, ringing, ringing, answered]);
    // 55 s, 60 s (not over), 65 s → raised; then connected → cleared.
    expect(transitions(run.events)).toEqual([
      'raised ringing operator:7 @10s',
      'cleared ringing operator:7 @15s',
    ]);
    expect(run.alertsAt[2]?.[0]?.figures).toEqual({
      state: 'ringing',
      breakName: null,
      seconds: 65,
      limit: 60,
      precision: 'poll',
    });
  });

  test('an operator in several groups is held to the strictest limit', () => {
    const run = drive(r, [
      (now) =>
        snapshot(now, {
          operators: [
            operator(8, { state: 'ringing', stateSince: iso(now - 25_000), groups: [1, 2] }),
          ],
        }),
    ]);
    expect(run.last.map((a) => [a.rule, a.figures['limit']])).toEqual([['ringing', 20]]);
  });

  test('a named break, any break in a group, and unavailable without logging out', () => {
    const since = iso(T0 - 2_000_000); // 33 minutes ago
    const run = drive(r, [
      (now) =>
        snapshot(now, {
          operators: [
            operator(1, {
              state: 'unavailable',
              breakName: 'Déjeuner',
              stateSince: since,
              groups: [3],
            }),
            operator(2, {
              state: 'unavailable',
              breakName: 'Formation',
              stateSince: since,
              groups: [1],
            }),
            // Logged out for the night: not "unavailable too long".
            operator(3, { state: 'unavailable', loggedInSince: null, stateSince: since }),
            // Unknown time in state: nothing to measure.
            operator(4, { state: 'ringing', stateSince: null }),
          ],
        }),
    ]);
    // One alert per operator's time in state (issue 12.3): for operator 1 the critical lunch rule
    // speaks for the two others that also hold.
    expect(run.last.map((a) => `${a.rule}:${a.subject.id}`)).toEqual(['lunch:1', 'away:2']);
  });

  test('an operator who leaves the snapshot clears after clearFor', () => {
    const r2 = rules(
      '[{ id: ringing, kind: operator-state, state: ringing, limit: 10, for: 0, clearFor: 10 }]',
    );
    const present = (now: number) =>
      snapshot(now, {
        operators: [operator(9, { state: 'ringing', stateSince: iso(T0 - 60_000) })],
      });
    const gone = (now: number) => snapshot(now, { operators: [] });
    expect(transitions(drive(r2, [present, gone, gone, gone]).events)).toEqual([
      'raised ringing operator:9 @0s',
      'cleared ringing operator:9 @15s',
    ]);
  });
});

describe('subjects the board does not have', () => {
  test('an alert on a group or operator absent from the snapshot is never shown (issue 10.9)', () => {
    // A state read back with another account's group 12 and operator 9 raised.
    const start: AlertState = initialAlertState();
    const track = (kind: 'group' | 'operator', id: string) => ({
      rule: 'r',
      kind: kind === 'group' ? ('answered-rate' as const) : ('operator-state' as const),
      severity: 'warning' as const,
      subject: { kind, id },
      trueSince: null,
      falseSince: null,
      raisedAt: T0 - 60_000,
      since: T0 - 120_000,
      figures: {},
    });
    start.tracks['r|group|12'] = track('group', '12');
    start.tracks['r|operator|9'] = track('operator', '9');
    start.tracks['r|group|1'] = track('group', '1');
    const r = rules('[{ id: r, kind: answered-rate, limit: 1, for: 0, clearFor: 600 }]');
    const run = drive(r, [(now) => snapshot(now), (now) => snapshot(now)], start);
    for (const shown of run.alertsAt)
      expect(shown.map((a) => `${a.subject.kind}:${a.subject.id}`)).toEqual(['group:1']);
  });
});

describe('upstream-stale', () => {
  const r = rules('[{ id: stale, kind: upstream-stale, for: 0, clearFor: 0, severity: critical }]');

  test('a source older than two of its polls is stale; fresh again clears', () => {
    // groups poll every 15 s, operators every 30 s: 40 s is stale for groups only.
    const run = drive(r, [
      (now) => snapshot(now, { ageSeconds: 10 }),
      (now) => snapshot(now, { ageSeconds: 40 }),
      (now) => snapshot(now, { ageSeconds: 70 }),
      (now) => snapshot(now, { ageSeconds: 2 }),
    ]);
    expect(transitions(run.events)).toEqual([
      'raised stale upstream:groups @5s',
      'raised stale upstream:operators @10s',
      'cleared stale upstream:groups @15s',
      'cleared stale upstream:operators @15s',
    ]);
    expect(run.alertsAt[2]?.find((a) => a.subject.id === 'operators')?.figures).toEqual({
      ageSeconds: 70,
      pollSeconds: 30,
      status: 'ok',
    });
  });

  test('no success yet is stale', () => {
    const run = drive(r, [(now) => snapshot(now, { ageSeconds: null })]);
    expect(run.last.map((a) => a.subject.id).sort()).toEqual(['groups', 'operators']);
  });
});

// ---- hysteresis, ids, state ------------------------------------------------------------------

describe('hysteresis', () => {
  const r = rules('[{ id: wait, kind: longest-wait, limit: 60, for: 12, clearFor: 12 }]');
  const over = (now: number) => snapshot(now, { groups: [group(1, oneWaiting(90))] });
  const under = (now: number) => snapshot(now, { groups: [group(1, oneWaiting(10))] });

  test('a condition that toggles every poll never raises', () => {
    const run = drive(
      r,
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? over : under)),
    );
    expect(run.events).toEqual([]);
    expect(run.alertsAt.every((a) => a.length === 0)).toBe(true);
  });

  test('once raised, a toggling condition does not clear; it clears once steadily false', () => {
    const toggling = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? under : over));
    const run = drive(r, [...repeat(4, over), ...toggling, ...repeat(4, under)]);
    // Steadily false from 170 s: cleared at the first poll 12 s later.
    expect(transitions(run.events)).toEqual([
      'raised wait group:1 @15s',
      'cleared wait group:1 @185s',
    ]);
    // Active at every poll from the raise to the clear.
    expect(run.alertsAt.slice(3, 37).every((a) => a.length === 1)).toBe(true);
  });

  test('raises only after the condition held for `for` seconds', () => {
    const run = drive(r, repeat(4, over));
    expect(run.alertsAt.map((a) => a.length)).toEqual([0, 0, 0, 1]); // 0, 5, 10 s pending; 15 s ≥ 12 s
  });
});

describe('one alert per figure and subject', () => {
  const r = rules(`
- { id: wait-warning, kind: longest-wait, limit: 60, for: 0, clearFor: 10 }
- { id: wait-critical, kind: longest-wait, limit: 180, for: 0, clearFor: 10, severity: critical }
`);
  const waiting = (wait: number) => (now: number) =>
    snapshot(now, { groups: [group(1, oneWaiting(wait))] });
  const empty = (now: number) => snapshot(now, { groups: [group(1)] });

  test('warning → critical → warning → gone is one alert: raised, escalated, deescalated, cleared', () => {
    const run = drive(r, [
      waiting(90),
      waiting(200),
      waiting(250),
      waiting(100), // critical waits out its clearFor (10 s) …
      waiting(100),
      waiting(100), // … and goes at 25 s
      empty,
      empty,
      empty, // warning cleared at 40 s
    ]);
    expect(run.events.map((e) => `${e.type} ${e.alert.severity} ${e.alert.rule}`)).toEqual([
      'raised warning wait-warning',
      'escalated critical wait-critical',
      'deescalated warning wait-warning',
      'cleared warning wait-warning',
    ]);
    expect(new Set(run.events.map((e) => e.alert.id))).toEqual(
      new Set([`longest-wait:group:1:${T0}`]),
    );
    expect(run.events.map((e) => (Date.parse(e.at) - T0) / 1000)).toEqual([0, 5, 25, 40]);
    // Never two at once; the shown one follows the worst raised rule.
    expect(run.alertsAt.map((a) => a.map((x) => x.severity).join())).toEqual([
      'warning',
      'critical',
      'critical',
      'critical',
      'critical',
      'warning',
      'warning',
      'warning',
      '',
    ]);
    // The alert keeps the age of the episode: since the first warning.
    expect(run.alertsAt[2]?.[0]?.since).toBe(iso(T0));
    for (const e of run.events) expect(Value.Check(AlertEventSchema, e)).toBe(true);
  });

  test('a state saved before one-alert-per-figure reads back: its raised tracks keep their ids', () => {
    const start = drive(r, [waiting(200)]).state;
    const old: AlertState = { version: 1, tracks: start.tracks, samples: start.samples };
    const out = evaluate(r, old, empty(T0 + POLL_MS), T0 + POLL_MS);
    expect(out.alerts.map((a) => `${a.id} ${a.severity}`)).toEqual([
      `wait-critical:group:1:${T0} critical`,
    ]);
    expect(out.events).toEqual([]);
  });
});

describe('ids and since', () => {
  const r = rules('[{ id: wait, kind: longest-wait, limit: 60, for: 5, clearFor: 5 }]');
  const over = (wait: number) => (now: number) =>
    snapshot(now, { groups: [group(1, oneWaiting(wait))] });
  const under = (now: number) => snapshot(now, { groups: [group(1)] });

  test('an alert keeps its id while it lasts; figures follow the snapshot', () => {
    const run = drive(r, [over(70), over(80), over(90), under, over(100), over(110)]);
    const active = run.alertsAt.slice(1).map((a) => a[0]);
    const ids = new Set(active.map((a) => a?.id));
    expect(ids).toEqual(new Set([`longest-wait:group:1:${T0 + 5_000}`]));
    expect(active.map((a) => a?.figures['longestWaitSeconds'])).toEqual([80, 90, 90, 100, 110]);
    // `since` is when the condition was first seen, not when the delay elapsed.
    expect(active.every((a) => a?.since === iso(T0))).toBe(true);
  });

  test('a new episode after a clear gets a new id', () => {
    const run = drive(r, [over(70), over(70), under, under, under, over(70), over(70)]);
    const raised = run.events.filter((e) => e.type === 'raised').map((e) => e.alert.id);
    expect(raised).toEqual([
      `longest-wait:group:1:${T0 + 5_000}`,
      `longest-wait:group:1:${T0 + 30_000}`,
    ]);
    const cleared = run.events.find((e) => e.type === 'cleared');
    expect(cleared?.alert.id).toBe(raised[0]);
  });
});

describe('state', () => {
  const r = defaultRules();
  const frames = [
    ...repeat(3, (now: number) =>
      snapshot(now, {
        groups: [
          group(1, {
            waiting: 3,
            longestWaitSeconds: 200,
            waitingUnder1m: 1,
            waiting1to3m: 1,
            waitingOver3m: 1,
            serviceLevelPercent: 50,
            answeredPercent: 70,
            operators: { available: 0, ringing: 1, calling: 0, connected: 2, unavailable: 0 },
          }),
        ],
        operators: [operator(1, { state: 'ringing', stateSince: iso(T0 - 120_000) })],
        ageSeconds: 100,
      }),
    ),
    ...repeat(30, (now: number) => snapshot(now)),
  ];

  test('survives a JSON round trip at every poll (it can live in Redis)', () => {
    const direct = drive(r, frames);
    let state = initialAlertState();
    const events: AlertEvent[] = [];
    frames.forEach((frame, i) => {
      const now = T0 + i * POLL_MS;
      const out = evaluate(r, JSON.parse(JSON.stringify(state)) as AlertState, frame(now), now);
      state = out.state;
      events.push(...out.events);
    });
    expect(events).toEqual(direct.events);
    expect(state).toEqual(direct.state);
  });

  test('the previous state is never modified', () => {
    const first = drive(r, frames.slice(0, 2));
    const frozen = JSON.parse(JSON.stringify(first.state)) as AlertState;
    const deepFreeze = (o: unknown): void => {
      if (typeof o === 'object' && o !== null) {
        Object.freeze(o);
        Object.values(o).forEach(deepFreeze);
      }
    };
    deepFreeze(frozen);
    const now = T0 + 2 * POLL_MS;
    expect(() => evaluate(r, frozen, frames[2]!(now), now)).not.toThrow();
    expect(frozen).toEqual(first.state);
  });

  test('alerts and events match the contract schemas', () => {
    const run = drive(r, frames);
    expect(run.events.length).toBeGreaterThan(0);
    for (const e of run.events) expect(Value.Check(AlertEventSchema, e)).toBe(true);
    for (const a of run.alertsAt.flat()) expect(Value.Check(AlertSchema, a)).toBe(true);
    // Every raise has exactly one clear once the room is back to normal.
    const raised = run.events
      .filter((e) => e.type === 'raised')
      .map((e) => e.alert.id)
      .sort();
    const cleared = run.events
      .filter((e) => e.type === 'cleared')
      .map((e) => e.alert.id)
      .sort();
    expect(cleared).toEqual(raised);
    expect(run.last).toEqual([]);
  });

  test('the defaults raise every kind on a room in trouble, most severe first', () => {
    const run = drive(r, frames.slice(0, 3));
    // After 10 s; queue-unattended waits its 15 s.
    // One alert per figure and subject: the critical longest wait, not also its warning.
    expect(run.last.map((a) => a.rule)).toEqual([
      'longest-wait-critical',
      'upstream-stale',
      'upstream-stale',
      'long-ringing',
    ]);
    const later = drive(r, repeat(14, frames[0]!));
    expect(new Set(later.last.map((a) => a.kind))).toEqual(
      new Set(['queue-unattended', 'longest-wait', 'operator-state', 'upstream-stale']),
    );
  });

  test('the windowed defaults wait for their 15 min window, then their minute (`for`)', () => {
    const fresh = (now: number) => {
      const s = frames[0]!(now);
      return snapshot(now, { groups: s.groups, operators: s.operators });
    };
    // 0 … 955 s: covered from 900 s, raised at 960 s, one alert each (the critical level).
    const run = drive(r, repeat(193, fresh));
    const windowed = (alerts: Alert[]) =>
      alerts.filter((a) => a.kind === 'service-level' || a.kind === 'answered-rate');
    expect(run.alertsAt.slice(0, 192).every((a) => windowed(a).length === 0)).toBe(true);
    expect(windowed(run.last).map((a) => `${a.rule} ${a.figures['limit']}`)).toEqual([
      'answered-rate-critical 80',
      'service-level-critical 60',
    ]);
  });

  test('a rule taken out of the rules clears its alerts at once', () => {
    const wait = rules('[{ id: wait, kind: longest-wait, limit: 60, for: 0, clearFor: 600 }]');
    const over = (now: number) => snapshot(now, { groups: [group(1, oneWaiting(90))] });
    const before = drive(wait, [over]);
    const out = createAlertEngine([]).evaluate(before.state, over(T0 + POLL_MS), T0 + POLL_MS);
    expect(out.events.map((e) => `${e.type} ${e.alert.id}`)).toEqual([
      `cleared longest-wait:group:1:${T0}`,
    ]);
    expect(out.alerts).toEqual([]);
    expect(out.state).toEqual(initialAlertState());
  });
});
