import { describe, expect, test } from 'vitest';
import type { SnapshotOperator } from '@vigie/contract';
import {
  agentsNeeded,
  agentsStaffedIn,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  serviceLevel,
  staffing,
  trafficErlangs,
} from './erlang-c';

/** Textbook Erlang C with factorials, as an independent oracle for small N only. */
function erlangCBySums(a: number, n: number): number {
  let term = 1; // a^k / k!
  let sum = 0;
  for (let k = 0; k < n; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = term * (n / (n - a));
  return top / (sum + top);
}

describe('published examples', () => {
  // Jones the Net, "Erlang uplift", http://www.jonesthenet.com/budgeting/service-levels-erlang/erlang-uplift/
  // "the 'average hour' sees 250 calls … AHT 330 seconds … 80% of calls in 30 seconds … 250 x 330 /
  // 3600 = 22.9 advisors … Erlang … thinks we need 28 advisors".
  test('250 calls an hour at 330 s for 80 % in 30 s needs 28 advisors (jonesthenet.com)', () => {
    const load = { arrivalsPerHour: 250, handleSeconds: 330 };
    expect(trafficErlangs(load)).toBeCloseTo(22.9, 1);
    expect(agentsNeeded({ ...load, targetSeconds: 30, targetPercent: 80 })).toBe(28);
    // and 27 would not do: 78.2 %.
    expect(serviceLevel({ ...load, agents: 27, targetSeconds: 30 })).toBeCloseTo(0.782, 3);
  });

  // Footbridge "Call Calc" application note, http://www.al911.org/qos_calc.htm: "2 call takers
  // handling 60-second calls arriving at a rate of 30/hour shows that fewer than 8 percent of callers
  // will wait more than 10 seconds … If the calls actually take 60 seconds plus 20 seconds … the QOS
  // falls to 14 percent."
  test('2 call takers, 30 calls an hour: under 8 % wait over 10 s at 60 s, 14 % at 80 s (al911.org)', () => {
    const waitLonger = (handleSeconds: number) =>
      1 - serviceLevel({ arrivalsPerHour: 30, handleSeconds, agents: 2, targetSeconds: 10 })!;
    expect(waitLonger(60)).toBeLessThan(0.08);
    expect(waitLonger(60)).toBeCloseTo(0.0779, 4);
    expect(Math.round(waitLonger(80) * 100)).toBe(14);
  });

  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
  // (callcentrehelper.com): 100 calls per 30 minutes, AHT 180 s, target 80 % in 20 s, "the traffic
  // intensity is 10 Erlangs", and the search starts at N = A + 1 = 11. Only those inputs could be
  // checked against the article here; the agent counts below are this module's own results.
  test('100 calls per half hour at 180 s is 10 Erlangs; 11 agents fall short, 14 meet 80/20 (callcentrehelper.com inputs)', () => {
    const load = { arrivalsPerHour: 200, handleSeconds: 180 };
    expect(trafficErlangs(load)).toBe(10);
    expect(serviceLevel({ ...load, agents: 11, targetSeconds: 20 })).toBeCloseTo(0.39, 3);
    expect(agentsNeeded({ ...load, targetSeconds: 20, targetPercent: 80 })).toBe(14);
  });
});

describe('erlangB and erlangC', () => {
  test('match the factorial formula where it is still safe to compute', () => {
    for (const a of [0.5, 1, 2.5, 7.3, 10, 18]) {
      for (let n = Math.floor(a) + 1; n <= 30; n++) {
        expect(erlangC(a, n)).toBeCloseTo(erlangCBySums(a, n), 12);
      }
    }
  });

  test('B starts at 1 with no line, and nothing is lost with no traffic', () => {
    expect(erlangB(5, 0)).toBe(1);
    expect(erlangB(0, 3)).toBe(0);
    expect(erlangC(0, 1)).toBe(0);
  });

  test('stay within [0, 1], finite and monotone for 1,000 agents', () => {
    for (const a of [1, 100, 500, 950, 999.9, 1000, 5000]) {
      let previousB = 1;
      for (const n of [1, 10, 100, 500, 900, 999, 1000]) {
        const b = erlangB(a, n);
        const c = erlangC(a, n);
        expect(Number.isFinite(b) && b >= 0 && b <= 1).toBe(true);
        expect(Number.isFinite(c) && c >= 0 && c <= 1).toBe(true);
        expect(c).toBeGreaterThanOrEqual(b); // a queue keeps the calls a loss system drops
        expect(b).toBeLessThanOrEqual(previousB);
        previousB = b;
      }
    }
  });

  test('C is 1 at or over capacity', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(10, 3)).toBe(1);
    expect(erlangC(10.5, 10)).toBe(1);
  });

  test('reject inputs that are not a load or a head count', () => {
    expect(() => erlangB(-1, 3)).toThrow(RangeError);
    expect(() => erlangB(1, 2.5)).toThrow(/agents: expected a whole number/);
    expect(() => erlangC(Number.NaN, 3)).toThrow(/traffic/);
    expect(() => trafficErlangs({ arrivalsPerHour: 10, handleSeconds: 0 })).toThrow(
      /handleSeconds/,
    );
    expect(() =>
      agentsNeeded({
        arrivalsPerHour: 10,
        handleSeconds: 60,
        targetSeconds: 20,
        targetPercent: 100,
      }),
    ).toThrow(/targetPercent/);
  });
});

describe('service level and speed of answer', () => {
  const loads = [
    { arrivalsPerHour: 30, handleSeconds: 60 },
    { arrivalsPerHour: 200, handleSeconds: 180 },
    { arrivalsPerHour: 720, handleSeconds: 240 },
    { arrivalsPerHour: 5000, handleSeconds: 300 },
  ];

  test('more agents never lower the predicted level nor raise the wait', () => {
    for (const load of loads) {
      const a = trafficErlangs(load);
      for (const targetSeconds of [0, 10, 20, 60]) {
        let previous = -Infinity;
        let previousAsa = Infinity;
        for (let agents = Math.floor(a) + 1; agents <= Math.floor(a) + 80; agents++) {
          const level = serviceLevel({ ...load, agents, targetSeconds })!;
          const asa = averageSpeedOfAnswer({ ...load, agents })!;
          expect(level).toBeGreaterThanOrEqual(previous);
          expect(level).toBeLessThanOrEqual(1);
          expect(asa).toBeLessThanOrEqual(previousAsa);
          previous = level;
          previousAsa = asa;
        }
      }
    }
  });

  test('traffic at or over capacity has no finite level (null)', () => {
    // 720 calls an hour at 240 s is exactly 48 Erlangs.
    const load = { arrivalsPerHour: 720, handleSeconds: 240 };
    for (const agents of [0, 1, 47, 48]) {
      expect(serviceLevel({ ...load, agents, targetSeconds: 20 })).toBeNull();
      expect(averageSpeedOfAnswer({ ...load, agents })).toBeNull();
    }
    expect(serviceLevel({ ...load, agents: 49, targetSeconds: 20 })).not.toBeNull();
  });

  test('a target of 0 s is the share answered at once, 1 − C', () => {
    const load = { arrivalsPerHour: 200, handleSeconds: 180 };
    expect(serviceLevel({ ...load, agents: 13, targetSeconds: 0 })).toBeCloseTo(
      1 - erlangC(10, 13),
      12,
    );
  });

  test('ASA is C × AHT / (N − A)', () => {
    expect(
      averageSpeedOfAnswer({ arrivalsPerHour: 200, handleSeconds: 180, agents: 14 }),
    ).toBeCloseTo((erlangC(10, 14) * 180) / 4, 12);
  });
});

describe('agentsNeeded', () => {
  test('is minimal: the count meets the target and one fewer does not', () => {
    for (const arrivalsPerHour of [5, 30, 120, 400, 1500, 20000]) {
      for (const handleSeconds of [45, 180, 420]) {
        for (const [targetSeconds, targetPercent] of [
          [20, 80],
          [10, 90],
          [60, 95],
          [0, 50],
        ] as const) {
          const load = { arrivalsPerHour, handleSeconds };
          const n = agentsNeeded({ ...load, targetSeconds, targetPercent })!;
          expect(n).toBeGreaterThan(trafficErlangs(load));
          expect(serviceLevel({ ...load, agents: n, targetSeconds })! * 100).toBeGreaterThanOrEqual(
            targetPercent,
          );
          const fewer = serviceLevel({ ...load, agents: n - 1, targetSeconds });
          expect(fewer === null || fewer * 100 < targetPercent).toBe(true);
        }
      }
    }
  });

  test('starts just over capacity even when the target is easy', () => {
    // 10 Erlangs: 10 agents can never keep up, so 11 is the floor whatever the target.
    expect(
      agentsNeeded({
        arrivalsPerHour: 200,
        handleSeconds: 180,
        targetSeconds: 600,
        targetPercent: 1,
      }),
    ).toBe(11);
  });

  test('is null when no count up to maxAgents meets the target', () => {
    expect(
      agentsNeeded({
        arrivalsPerHour: 200,
        handleSeconds: 180,
        targetSeconds: 20,
        targetPercent: 80,
        maxAgents: 13,
      }),
    ).toBeNull();
  });

  test('handles a thousand agents in one pass', () => {
    // 14,400 calls an hour at 240 s = 960 Erlangs.
    const n = agentsNeeded({
      arrivalsPerHour: 14_400,
      handleSeconds: 240,
      targetSeconds: 20,
      targetPercent: 80,
    })!;
    expect(n).toBeGreaterThan(960);
    expect(n).toBeLessThan(1000);
  });
});

describe('staffing', () => {
  const base = {
    windowMinutes: 30,
    arrivals: 100,
    handleSeconds: 180,
    agentsStaffed: 13,
    targetSeconds: 20,
    targetPercent: 80,
  };

  test('gives need, staffed and prediction from the window', () => {
    expect(staffing(base)).toEqual({
      arrivalsPerHour: 200,
      handleSeconds: 180,
      agentsNeeded: 14,
      agentsStaffed: 13,
      predictedServiceLevelPercent: 79.6,
      basis: { windowMinutes: 30, arrivals: 100, reason: null },
    });
  });

  test('a tiny sample gives null figures with a reason, never a made-up number', () => {
    const s = staffing({ ...base, arrivals: 3 });
    expect(s.agentsNeeded).toBeNull();
    expect(s.predictedServiceLevelPercent).toBeNull();
    expect(s.basis).toEqual({ windowMinutes: 30, arrivals: 3, reason: 'sample-too-small' });
    expect(staffing({ ...base, arrivals: 3, minArrivals: 3 }).basis.reason).toBeNull();
  });

  test('a window shorter than the minimum is too small a sample, whatever the count', () => {
    // 12 calls in 24 s would read as 1,800 an hour: just after a start, that is noise.
    const s = staffing({ ...base, windowMinutes: 0.4, arrivals: 12, minWindowMinutes: 10 });
    expect(s.agentsNeeded).toBeNull();
    expect(s.arrivalsPerHour).toBeNull();
    expect(s.basis.reason).toBe('sample-too-small');
    expect(staffing({ ...base, minWindowMinutes: 10 }).basis.reason).toBeNull();
  });

  test('an empty window is too small a sample', () => {
    const s = staffing({ ...base, windowMinutes: 0 });
    expect(s.arrivalsPerHour).toBeNull();
    expect(s.basis.reason).toBe('sample-too-small');
  });

  test('no arrival, or no handle time, says so', () => {
    expect(staffing({ ...base, arrivals: 0 })).toMatchObject({
      arrivalsPerHour: 0,
      agentsNeeded: null,
      predictedServiceLevelPercent: null,
      basis: { reason: 'no-traffic' },
    });
    for (const handleSeconds of [null, 0, Number.NaN]) {
      expect(staffing({ ...base, handleSeconds })).toMatchObject({
        handleSeconds: null,
        agentsNeeded: null,
        basis: { reason: 'no-handle-time' },
      });
    }
  });

  test('over capacity keeps the need but has no predicted level', () => {
    expect(staffing({ ...base, agentsStaffed: 10 })).toMatchObject({
      agentsNeeded: 14,
      agentsStaffed: 10,
      predictedServiceLevelPercent: null,
      basis: { reason: 'over-capacity' },
    });
  });

  test('a need beyond maxAgents is unreachable, the prediction still stands', () => {
    expect(staffing({ ...base, maxAgents: 12 })).toMatchObject({
      agentsNeeded: null,
      predictedServiceLevelPercent: 79.6,
      basis: { reason: 'target-unreachable' },
    });
  });

  test('the rate is over the minutes actually observed', () => {
    // The board has run 12 minutes of a 30-minute window: 40 calls is 200 an hour, not 80.
    expect(staffing({ ...base, windowMinutes: 12, arrivals: 40 }).arrivalsPerHour).toBe(200);
  });
});

test('agentsStaffedIn counts logged-in members not on a break', () => {
  const op = (id: number, extra: Partial<SnapshotOperator>): SnapshotOperator => ({
    id,
    name: `op${id}`,
    state: 'available',
    breakName: null,
    stateSince: null,
    stateSincePrecision: 'exact',
    loggedInSince: '2025-01-01T08:00:00.000Z',
    groups: [1],
    ...extra,
  });
  const operators = [
    op(1, {}),
    op(2, { state: 'connected' }),
    op(3, { state: 'unavailable', breakName: 'Lunch' }),
    op(4, { state: 'unavailable', loggedInSince: null }),
    op(5, { groups: [2] }),
    op(6, { groups: [1, 2] }),
  ];
  expect(agentsStaffedIn(operators, 1)).toBe(3);
  expect(agentsStaffedIn(operators, 2)).toBe(2);
});
