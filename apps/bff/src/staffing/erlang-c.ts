// Erlang C staffing (M/M/N queue): probability of waiting, service level, speed of answer, agents needed.
//
// Inputs and outputs, for whoever wires this into the snapshot (issue 7, "Staffing need"):
// - Traffic is offered load in Erlangs: A = arrivalsPerHour × handleSeconds / 3600.
// - `erlangB(A, N)` and `erlangC(A, N)` are probabilities in [0, 1] (loss, and waiting).
// - `serviceLevel(...)` is the share of calls answered within `targetSeconds`, as a fraction in [0, 1];
//   `null` when N ≤ A: the queue grows without bound, so there is no finite level to predict.
// - `averageSpeedOfAnswer(...)` is in seconds, `null` when N ≤ A for the same reason.
// - `agentsNeeded(...)` is the smallest N whose service level meets `targetPercent`; `null` when no N
//   up to `maxAgents` does.
// - `staffing(...)` turns what the board recorded over a window (arrivals, average handle time,
//   operators logged in and not on a break) into the contract's `Staffing`: derived figures are `null`
//   with a `basis.reason` whenever the data cannot support them — never a made-up number.
//
// The model ignores abandonment and assumes Poisson arrivals and exponential handle times, as every
// wallboard's Erlang C does; it over-states the need a little when callers hang up.
import type { SnapshotOperator, Staffing, StaffingReason } from '@vigie/contract';

export interface Load {
  /** Calls offered per hour. */
  arrivalsPerHour: number;
  /** Average handle time of one call, in seconds (talk time, plus wrap-up if the account has any). */
  handleSeconds: number;
}

export interface ServiceTarget {
  /** "answered within T seconds …" */
  targetSeconds: number;
  /** "… ≥ P %", 0 < P < 100. */
  targetPercent: number;
}

/** Above this, searching for more agents is pointless for a wallboard: it means the data is wrong. */
const DEFAULT_MAX_AGENTS = 10_000;
/** Fewer arrivals than this in the window: the rate is noise, so no staffing figure is derived. */
const DEFAULT_MIN_ARRIVALS = 10;

function check(name: string, value: number, ok: boolean, expected: string): void {
  if (!Number.isFinite(value) || !ok) {
    throw new RangeError(`${name}: expected ${expected}, got ${value}`);
  }
}

const checkTraffic = (a: number): void => check('traffic', a, a >= 0, 'a number of Erlangs ≥ 0');
const checkAgents = (n: number): void =>
  check('agents', n, Number.isInteger(n) && n >= 0, 'a whole number ≥ 0');

/** Offered load in Erlangs. */
export function trafficErlangs({ arrivalsPerHour, handleSeconds }: Load): number {
  check('arrivalsPerHour', arrivalsPerHour, arrivalsPerHour >= 0, 'a number ≥ 0');
  check('handleSeconds', handleSeconds, handleSeconds > 0, 'a number of seconds > 0');
  return (arrivalsPerHour * handleSeconds) / 3600;
}

/** One step of the Erlang B recurrence: B(n) from B(n−1). Ratios only, so nothing overflows. */
const nextB = (traffic: number, n: number, previous: number): number =>
  (traffic * previous) / (n + traffic * previous);

/** Erlang C from Erlang B with the same traffic and agents (valid for N > A). */
const cFromB = (traffic: number, agents: number, b: number): number =>
  (agents * b) / (agents - traffic * (1 - b));

/**
 * Erlang B (blocking probability) by the recurrence B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)):
 * no factorial and no power, so 1,000 agents are as safe as 10.
 */
export function erlangB(trafficErlangs: number, agents: number): number {
  checkTraffic(trafficErlangs);
  checkAgents(agents);
  let b = 1;
  for (let n = 1; n <= agents; n++) b = nextB(trafficErlangs, n, b);
  return b;
}

/** Erlang C: probability that a call waits. 1 when agents ≤ traffic (every call ends up queued). */
export function erlangC(trafficErlangs: number, agents: number): number {
  checkTraffic(trafficErlangs);
  checkAgents(agents);
  if (agents <= trafficErlangs) return 1;
  return cFromB(trafficErlangs, agents, erlangB(trafficErlangs, agents));
}

const slFromC = (c: number, agents: number, traffic: number, target: number, aht: number): number =>
  1 - c * Math.exp((-(agents - traffic) * target) / aht);

/**
 * Share of calls answered within `targetSeconds`: 1 − C·e^(−(N−A)·T/AHT), as a fraction.
 * `null` when N ≤ A: traffic at or over capacity has no finite service level.
 */
export function serviceLevel(
  input: Load & { agents: number; targetSeconds: number },
): number | null {
  const a = trafficErlangs(input);
  checkAgents(input.agents);
  check('targetSeconds', input.targetSeconds, input.targetSeconds >= 0, 'a number of seconds ≥ 0');
  if (input.agents <= a) return null;
  return slFromC(
    erlangC(a, input.agents),
    input.agents,
    a,
    input.targetSeconds,
    input.handleSeconds,
  );
}

/** Mean wait over all calls (ASA), in seconds: C·AHT / (N − A). `null` when N ≤ A. */
export function averageSpeedOfAnswer(input: Load & { agents: number }): number | null {
  const a = trafficErlangs(input);
  checkAgents(input.agents);
  if (input.agents <= a) return null;
  return (erlangC(a, input.agents) * input.handleSeconds) / (input.agents - a);
}

/**
 * The smallest number of agents whose predicted service level meets the target, searching from
 * ⌊A⌋ + 1 (the first count under capacity) up to `maxAgents`. Erlang B is carried from one count to
 * the next, so the whole search costs one pass of the recurrence. `null` when no count up to
 * `maxAgents` meets the target.
 */
export function agentsNeeded(input: Load & ServiceTarget & { maxAgents?: number }): number | null {
  const a = trafficErlangs(input);
  const { targetSeconds, targetPercent, handleSeconds } = input;
  const maxAgents = input.maxAgents ?? DEFAULT_MAX_AGENTS;
  check('targetSeconds', targetSeconds, targetSeconds >= 0, 'a number of seconds ≥ 0');
  check(
    'targetPercent',
    targetPercent,
    targetPercent > 0 && targetPercent < 100,
    'a % in (0, 100)',
  );
  checkAgents(maxAgents);
  const goal = targetPercent / 100;
  const first = Math.floor(a) + 1;
  let b = 1;
  for (let n = 1; n <= maxAgents; n++) {
    b = nextB(a, n, b);
    if (n < first) continue;
    if (slFromC(cFromB(a, n, b), n, a, targetSeconds, handleSeconds) >= goal) return n;
  }
  return null;
}

export interface StaffingInput extends ServiceTarget {
  /**
   * Minutes the arrivals were counted over: the configured window, or less when the board has not
   * been running that long (the rate must be over what the board actually saw).
   */
  windowMinutes: number;
  /** Calls that arrived in the group during the window. */
  arrivals: number;
  /** Average handle time over the window, in seconds; null (or 0) when no call was handled yet. */
  handleSeconds: number | null;
  /** Operators of the group logged in and not on a break (see `agentsStaffedIn`). */
  agentsStaffed: number;
  /** Fewer arrivals than this: no derived figure. Default `DEFAULT_MIN_ARRIVALS`. */
  minArrivals?: number;
  /**
   * A window shorter than this (minutes): no derived figure. Just after a start a few calls in a
   * few seconds would extrapolate to an absurd hourly rate. Default 0.
   */
  minWindowMinutes?: number;
  maxAgents?: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The contract's `groups[].staffing`. Observed figures (rate, handle time, staffed) are given
 * whenever they were observed; derived ones (`agentsNeeded`, `predictedServiceLevelPercent`) are
 * `null` with the first reason that prevents them:
 * `no-traffic` (no arrival in the window), `sample-too-small` (fewer than `minArrivals`, or an empty
 * window), `no-handle-time` (no handled call to average), `target-unreachable` (no count up to
 * `maxAgents`), `over-capacity` (the staffed count is at or under the traffic: the prediction alone
 * is null, the need is still given).
 */
export function staffing(input: StaffingInput): Staffing {
  const { windowMinutes, arrivals, agentsStaffed } = input;
  check('windowMinutes', windowMinutes, windowMinutes >= 0, 'a number of minutes ≥ 0');
  check('arrivals', arrivals, Number.isInteger(arrivals) && arrivals >= 0, 'a whole number ≥ 0');
  checkAgents(agentsStaffed);
  const minArrivals = input.minArrivals ?? DEFAULT_MIN_ARRIVALS;
  const handleSeconds =
    input.handleSeconds !== null && Number.isFinite(input.handleSeconds) && input.handleSeconds > 0
      ? input.handleSeconds
      : null;
  const tooShort = windowMinutes <= 0 || windowMinutes < (input.minWindowMinutes ?? 0);
  // Issue 12.6: no rate from a window too short to judge, or the page would show "calls per
  // hour 30" beside "not enough calls yet".
  const arrivalsPerHour = tooShort ? null : round1((arrivals * 60) / windowMinutes);
  const result = (
    reason: StaffingReason | null,
    needed: number | null = null,
    predicted: number | null = null,
  ): Staffing => ({
    arrivalsPerHour,
    handleSeconds: handleSeconds === null ? null : round1(handleSeconds),
    agentsNeeded: needed,
    agentsStaffed,
    predictedServiceLevelPercent: predicted,
    basis: { windowMinutes, arrivals, reason },
  });

  if (tooShort) return result('sample-too-small');
  if (arrivals === 0) return result('no-traffic');
  if (arrivals < minArrivals) return result('sample-too-small');
  if (handleSeconds === null) return result('no-handle-time');

  // Unrounded rate: the rounding is for display, not for the model.
  const load: Load = { arrivalsPerHour: (arrivals * 60) / windowMinutes, handleSeconds };
  const needed = agentsNeeded({
    ...load,
    targetSeconds: input.targetSeconds,
    targetPercent: input.targetPercent,
    ...(input.maxAgents === undefined ? {} : { maxAgents: input.maxAgents }),
  });
  const level = serviceLevel({
    ...load,
    agents: agentsStaffed,
    targetSeconds: input.targetSeconds,
  });
  const predicted = level === null ? null : round1(level * 100);
  if (needed === null) return result('target-unreachable', null, predicted);
  if (predicted === null) return result('over-capacity', needed, null);
  return result(null, needed, predicted);
}

/**
 * Operators of a group who can take a call now or soon: logged in and not on a named break.
 * An operator in several groups counts in each, as in the snapshot's state counts.
 */
export function agentsStaffedIn(operators: readonly SnapshotOperator[], groupId: number): number {
  return operators.filter(
    (o) => o.groups.includes(groupId) && o.loggedInSince !== null && o.breakName === null,
  ).length;
}
