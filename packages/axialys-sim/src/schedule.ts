// When things happen in a day: the inbound traffic profile and each operator's shift plan (login, breaks, logout).

import { DateTime } from 'luxon';
import { createRng, mixSeed } from './rng';
import type { RosterOperator } from './roster';

// Share of the peak arrival rate per local hour: quiet night, morning and afternoon peaks, lunch dip.
const HOURLY = [
  0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.06, 0.2, 0.55, 0.9, 1.0, 0.9, 0.6, 0.6, 0.85, 0.95, 0.85,
  0.65, 0.4, 0.22, 0.1, 0.07, 0.05, 0.04,
];

/** Peak arrivals per hour for the whole centre: about 7 calls per operator at the top of the morning. */
export function peakRatePerHour(operators: number): number {
  return Math.max(6, operators * 7);
}

/** Share of the peak rate at a local time, interpolated between hours so the curve has no steps. */
export function profileAt(ms: number, timeZone: string): number {
  const dt = DateTime.fromMillis(ms, { zone: timeZone });
  const h = dt.hour + dt.minute / 60 + dt.second / 3600;
  const i = Math.floor(h);
  const a = HOURLY[i % 24] ?? 0;
  const b = HOURLY[(i + 1) % 24] ?? 0;
  return a + (b - a) * (h - i);
}

interface BreakPlan {
  at: number;
  name: string;
  durationMs: number;
}

export interface ShiftPlan {
  operatorId: number;
  login: number;
  logout: number;
  breaks: BreakPlan[];
}

const BREAK_LUNCH = 'Déjeuner';
const BREAK_COFFEE = 'Pause café';
const BREAK_TRAINING = 'Formation';

const MIN = 60_000;

/**
 * The plan of one operator for the shift starting on the local day `dayStart` (ms of local midnight).
 * Its own PRNG stream per (seed, operator, day) keeps plans stable however the engine advances.
 */
export function planShift(
  seed: number,
  op: RosterOperator,
  dayStart: number,
  timeZone: string,
): ShiftPlan {
  const day = DateTime.fromMillis(dayStart, { zone: timeZone });
  const rng = createRng(mixSeed(seed, op.id, Math.floor(day.toMillis() / 86_400_000)));
  const start = day.plus({ minutes: op.shift.start }).toMillis() + rng.int(-10, 10) * MIN;
  const end =
    day.plus({ minutes: op.shift.start + op.shift.minutes }).toMillis() + rng.int(-5, 15) * MIN;
  const breaks: BreakPlan[] = [];
  const coffee = (afterMin: number): void => {
    breaks.push({
      at: start + (afterMin + rng.int(-20, 20)) * MIN,
      name: BREAK_COFFEE,
      durationMs: rng.int(8, 15) * MIN,
    });
  };
  if (op.shift.night) {
    coffee(150);
    breaks.push({
      at: start + (270 + rng.int(-15, 15)) * MIN,
      name: BREAK_LUNCH,
      durationMs: rng.int(30, 40) * MIN,
    });
    coffee(420);
    coffee(600);
  } else {
    coffee(120);
    if (op.shift.minutes >= 420) {
      breaks.push({
        at: start + (240 + rng.int(-30, 30)) * MIN,
        name: BREAK_LUNCH,
        durationMs: rng.int(40, 60) * MIN,
      });
    }
    // About one day operator in eight has a training session on a given day.
    if (rng.chance(0.12)) {
      breaks.push({
        at: start + (330 + rng.int(0, 20)) * MIN,
        name: BREAK_TRAINING,
        durationMs: rng.int(60, 90) * MIN,
      });
    }
    coffee(op.shift.minutes - 100);
  }
  breaks.sort((a, b) => a.at - b.at);
  return { operatorId: op.id, login: start, logout: end, breaks: breaks.filter((b) => b.at < end) };
}
