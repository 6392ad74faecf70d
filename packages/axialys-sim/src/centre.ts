// The simulated call centre: an event-driven engine that advances lazily to "simulated now".
//
// Every figure the API serves is read from what this engine wrote into its CallLog; nothing is drawn
// at random at request time. Operators move between activities; each activity change closes one
// status event of guide 3.4, so the history and the current state can never disagree.

import { DateTime } from 'luxon';
import { CallLog, type Call, type Leg, type StatusEventType } from './call-log';
import { EventHeap } from './heap';
import { createRng, mixSeed, type Rng } from './rng';
import { buildRoster, type RosterGroup, type RosterOperator } from './roster';
import { peakRatePerHour, planShift, profileAt, type ShiftPlan } from './schedule';

/** guide 3.2: the operator states of `etat`. */
export type OperatorState = 'available' | 'ringing' | 'calling' | 'connected' | 'unavailable';

/** What an operator is doing; several activities show as `unavailable` on the wire. */
export type Activity =
  'offline' | 'idle' | 'ringing' | 'talk_in' | 'dialing' | 'talk_out' | 'catchup' | 'break';

export interface SimOperator extends RosterOperator {
  activity: Activity;
  breakName: string | null;
  lastLogin: number | null;
  lastLogout: number | null;
  lastPause: number | null;
  lastUnpause: number | null;
  callId: number | null;
  idleSince: number;
  /** Bumped on every activity change: timers carrying an older version are stale. */
  version: number;
  /** When the wire state (`etat`) last changed: ground truth for freshness measures. */
  stateChangedAt: number;
  pending: { kind: 'break'; name: string; durationMs: number } | { kind: 'logout' } | null;
  segment: { type: StatusEventType; start: number; callId: number | null; infos: string } | null;
}

export type SimGroup = RosterGroup;

export interface CentreOptions {
  seed: number;
  timeZone: string;
  operators: number;
  groups: number;
  /** Simulated instant to pre-simulate up to (from local midnight of that day). */
  startAt: number;
}

/** A forced state, for /sim/operators/:id/state: the wire states plus a logout. */
export type ForcedState = OperatorState | 'logged_out';

type Ev =
  | { k: 'arrival' }
  | { k: 'midnight' }
  | { k: 'login'; op: number; plan: ShiftPlan }
  | { k: 'wantBreak'; op: number; name: string; durationMs: number }
  | { k: 'logout'; op: number }
  | { k: 'breakEnd'; op: number; v: number }
  | { k: 'ringEnd'; op: number; v: number; call: number }
  | { k: 'talkEnd'; op: number; v: number; call: number }
  | { k: 'catchupEnd'; op: number; v: number }
  | { k: 'dialEnd'; op: number; v: number; call: number }
  | { k: 'outbound'; op: number; v: number }
  | { k: 'patience'; call: number }
  | { k: 'overflow'; call: number; legIndex: number }
  | { k: 'ivrEnd'; call: number };

type Scheduled = Ev & { at: number; seq: number };

const SEC = 1000;
const MIN = 60 * SEC;

export function wireState(a: Activity): OperatorState {
  switch (a) {
    case 'idle':
      return 'available';
    case 'ringing':
      return 'ringing';
    case 'dialing':
      return 'calling';
    case 'talk_in':
    case 'talk_out':
      return 'connected';
    default:
      return 'unavailable'; // offline, break, catch-up (wrap-up)
  }
}

export class CallCentre {
  readonly timeZone: string;
  readonly seed: number;
  readonly accountId: number;
  readonly operators: SimOperator[];
  readonly groups: SimGroup[];
  readonly log = new CallLog();
  /** Local midnight the simulation started from: the history begins there. */
  readonly origin: number;

  private t: number;
  private seq = 0;
  private nextCallId = 880_000_001;
  private readonly heap = new EventHeap<Scheduled>();
  private readonly rng: Rng;
  private readonly queue: Call[] = []; // inbound calls waiting for an operator, in order of entry
  private readonly opById = new Map<number, SimOperator>();
  private readonly groupById = new Map<number, SimGroup>();
  private readonly peakRate: number;
  private dispatchNeeded = false;

  constructor(opts: CentreOptions) {
    this.timeZone = opts.timeZone;
    this.seed = opts.seed;
    const roster = buildRoster(opts);
    this.accountId = roster.accountId;
    this.groups = roster.groups;
    for (const g of this.groups) this.groupById.set(g.id, g);
    this.rng = createRng(mixSeed(opts.seed, 0xca11));
    this.peakRate = peakRatePerHour(opts.operators);
    const dayStart = DateTime.fromMillis(opts.startAt, { zone: this.timeZone }).startOf('day');
    this.origin = dayStart.toMillis();
    this.t = this.origin;
    this.operators = roster.operators.map((r) => ({
      ...r,
      activity: 'offline' as Activity,
      breakName: null,
      lastLogin: null,
      lastLogout: null,
      lastPause: null,
      lastUnpause: null,
      callId: null,
      idleSince: this.origin,
      version: 0,
      stateChangedAt: this.origin,
      pending: null,
      segment: null,
    }));
    for (const op of this.operators) this.opById.set(op.id, op);

    // Night shifts that began yesterday are already at work at midnight.
    const yesterday = dayStart.minus({ days: 1 }).toMillis();
    for (const op of this.operators) {
      const plan = planShift(this.seed, op, yesterday, this.timeZone);
      if (plan.login < this.origin && plan.logout > this.origin) {
        this.login(op, plan, this.origin);
        op.lastLogin = plan.login;
      }
    }
    this.scheduleDay(this.origin);
    this.schedule(this.origin + this.nextGap(), { k: 'arrival' });
    this.advanceTo(opts.startAt);
  }

  /** Simulated now, in ms. */
  now(): number {
    return this.t;
  }

  /** The call log, in arrival order (inbound and outbound). */
  get calls(): readonly Call[] {
    return this.log.calls;
  }

  operator(id: number): SimOperator | undefined {
    return this.opById.get(id);
  }

  group(id: number): SimGroup | undefined {
    return this.groupById.get(id);
  }

  call(id: number): Call | undefined {
    return this.log.get(id);
  }

  /** Calls currently waiting in a group's queue (ringing ones included: the caller still waits). */
  waitingIn(groupId: number): Call[] {
    return this.log
      .active()
      .filter((c) => currentLeg(c)?.outcome === 'waiting' && currentLeg(c)?.groupId === groupId);
  }

  /** Local midnight of the simulated day containing `ms`. */
  dayStart(ms: number = this.t): number {
    return DateTime.fromMillis(ms, { zone: this.timeZone }).startOf('day').toMillis();
  }

  /** Runs every event due up to `target` (simulated ms); never goes back in time. */
  advanceTo(target: number): void {
    for (;;) {
      const next = this.heap.peek();
      if (!next || next.at > target) break;
      this.heap.pop();
      this.t = Math.max(this.t, next.at);
      this.handle(next);
      if (this.dispatchNeeded) this.dispatch();
    }
    this.t = Math.max(this.t, target);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.t + ms);
  }

  /** Forces an operator into a state now; the engine then carries on from there. */
  forceState(operatorId: number, state: ForcedState, breakName?: string): SimOperator {
    const op = this.opById.get(operatorId);
    if (!op) throw new Error(`operator ${operatorId} not found`);
    const now = this.t;
    op.pending = null;
    this.dropCall(op, now);
    if (op.activity === 'break') this.endBreak(op, now);
    if (state === 'logged_out') {
      if (op.activity !== 'offline') this.logout(op, now);
    } else {
      if (op.activity === 'offline') this.login(op, null, now);
      if (state === 'available') {
        this.setIdle(op, now);
      } else if (state === 'unavailable') {
        this.startBreak(op, now, breakName ?? 'Pause', 15 * MIN);
      } else if (state === 'calling') {
        this.startOutbound(op, now);
      } else {
        const group = this.groupById.get(op.groups[0] ?? 0) ?? this.groups[0];
        if (!group) throw new Error('no group');
        const call = this.newInbound(now, group.numbers[0] ?? '', group.id, false);
        this.ring(op, call, now);
        if (state === 'connected') this.answer(op, call, now);
      }
    }
    this.dispatch();
    return op;
  }

  /** Injects `n` waiting calls into a group's queue now (they do not overflow). */
  flood(groupId: number, n: number): Call[] {
    const group = this.groupById.get(groupId);
    if (!group) throw new Error(`group ${groupId} not found`);
    const out: Call[] = [];
    for (let i = 0; i < n; i++) {
      out.push(this.newInbound(this.t, group.numbers[0] ?? '', group.id, true));
    }
    this.dispatch();
    return out;
  }

  // ---- scheduling -------------------------------------------------------------------------

  private schedule(at: number, ev: Ev): void {
    this.heap.push({ ...ev, at: Math.round(at), seq: this.seq++ });
  }

  private scheduleDay(dayStart: number): void {
    for (const op of this.operators) {
      const plan = planShift(this.seed, op, dayStart, this.timeZone);
      this.schedule(plan.login, { k: 'login', op: op.id, plan });
    }
    const next = DateTime.fromMillis(dayStart, { zone: this.timeZone })
      .plus({ days: 1 })
      .toMillis();
    this.schedule(next, { k: 'midnight' });
  }

  /** Thinning of a non-homogeneous Poisson process: candidates at the peak rate, kept with the profile's share. */
  private nextGap(): number {
    return Math.max(SEC, Math.round(this.rng.exp(3_600_000 / this.peakRate) / SEC) * SEC);
  }

  private handle(ev: Scheduled): void {
    const op = 'op' in ev ? this.opById.get(ev.op) : undefined;
    switch (ev.k) {
      case 'midnight':
        this.scheduleDay(ev.at);
        return;
      case 'arrival':
        if (this.rng.next() < profileAt(ev.at, this.timeZone)) this.arrival(ev.at);
        this.schedule(ev.at + this.nextGap(), { k: 'arrival' });
        return;
      case 'login':
        if (op && op.activity === 'offline') this.login(op, ev.plan, ev.at);
        return;
      case 'wantBreak':
        if (!op || op.activity === 'offline' || op.activity === 'break') return;
        if (op.activity === 'idle') this.startBreak(op, ev.at, ev.name, ev.durationMs);
        else if (op.pending?.kind !== 'logout')
          op.pending = { kind: 'break', name: ev.name, durationMs: ev.durationMs };
        return;
      case 'logout':
        if (!op || op.activity === 'offline') return;
        if (op.activity === 'idle' || op.activity === 'break') {
          if (op.activity === 'break') this.endBreak(op, ev.at);
          this.logout(op, ev.at);
        } else op.pending = { kind: 'logout' };
        return;
      default:
        break;
    }
    if (op && 'v' in ev && ev.v !== op.version) return; // a stale timer
    switch (ev.k) {
      case 'breakEnd':
        if (op) {
          this.endBreak(op, ev.at);
          this.becomeFree(op, ev.at);
        }
        return;
      case 'ringEnd': {
        const call = this.log.get(ev.call);
        if (op && call) this.answer(op, call, ev.at);
        return;
      }
      case 'talkEnd': {
        const call = this.log.get(ev.call);
        if (op && call) this.hangUp(op, call, ev.at, true);
        return;
      }
      case 'catchupEnd':
        if (op) this.becomeFree(op, ev.at);
        return;
      case 'dialEnd': {
        const call = this.log.get(ev.call);
        if (!op || !call) return;
        // About seven outbound calls in ten are picked up.
        if (this.rng.chance(0.7)) this.answer(op, call, ev.at);
        else {
          call.endedAt = ev.at;
          call.outcome = 'no_answer';
          op.callId = null;
          this.becomeFree(op, ev.at);
        }
        return;
      }
      case 'outbound':
        if (
          op &&
          op.activity === 'idle' &&
          !op.groups.some((g) => this.queue.some((c) => currentLeg(c)?.groupId === g))
        ) {
          this.startOutbound(op, ev.at);
        }
        return;
      case 'patience':
        this.abandon(ev.call, ev.at);
        return;
      case 'overflow':
        this.overflow(ev.call, ev.legIndex, ev.at);
        return;
      case 'ivrEnd': {
        const call = this.log.get(ev.call);
        if (call && call.endedAt === null) {
          call.endedAt = ev.at;
          call.outcome = 'ivr';
        }
        return;
      }
      default:
        return;
    }
  }

  // ---- calls ------------------------------------------------------------------------------

  private callerNumber(): string {
    const mobile = this.rng.chance(0.6);
    const head = mobile ? this.rng.pick(['6', '7']) : String(this.rng.int(1, 5));
    return `33${head}${String(this.rng.int(0, 99_999_999)).padStart(8, '0')}`;
  }

  private patience(): number {
    // One caller in ten hangs up within seconds; the others wait a minute or more, some much longer.
    if (this.rng.chance(0.1)) return this.rng.int(1, 5) * SEC;
    return Math.min(1200, Math.round(20 + this.rng.exp(150))) * SEC;
  }

  private vars(): Record<string, string> {
    return {
      motif: this.rng.pick([
        'facture',
        'panne',
        'commande',
        'information',
        'résiliation',
        'rappel',
      ]),
      langue: this.rng.chance(0.92) ? 'fr' : 'en',
      client_id: `C${String(this.rng.int(100_000, 999_999))}`,
    };
  }

  private arrival(at: number): void {
    const g = this.groups[this.rng.weighted(this.groups.map((x) => x.weight))];
    if (!g) return;
    const number = this.rng.pick(g.numbers);
    // A few callers hang up in the voice menu before reaching any group (counted by guide 4.1 only).
    if (this.rng.chance(0.04)) {
      const call = this.baseCall('in', number, this.callerNumber(), at);
      this.log.add(call);
      this.schedule(at + this.rng.int(3, 20) * SEC, { k: 'ivrEnd', call: call.id });
      return;
    }
    // Outside a group's hours (nobody logged in), its numbers are routed to the first group (night service).
    const staffed = this.operators.some((o) => o.activity !== 'offline' && o.groups.includes(g.id));
    const target = staffed ? g.id : (this.groups[0]?.id ?? g.id);
    this.newInbound(at, number, target, false);
  }

  private baseCall(
    direction: 'in' | 'out',
    serviceNumber: string,
    callerNumber: string,
    at: number,
  ): Call {
    return {
      id: this.nextCallId++,
      direction,
      serviceNumber,
      callerNumber,
      arrivedAt: at,
      answeredAt: null,
      endedAt: null,
      catchupEndAt: null,
      operatorId: null,
      groupId: null,
      outcome: null,
      legs: [],
      patienceMs: 0,
      vars: this.vars(),
      flood: false,
    };
  }

  private newInbound(at: number, number: string, groupId: number, flood: boolean): Call {
    const call = this.baseCall('in', number, this.callerNumber(), at);
    call.flood = flood;
    call.patienceMs = flood ? this.rng.int(10, 20) * MIN : this.patience();
    call.legs.push(newLeg(groupId, at));
    this.log.add(call);
    this.queue.push(call);
    this.schedule(at + call.patienceMs, { k: 'patience', call: call.id });
    const group = this.groupById.get(groupId);
    if (!flood && group && group.overflowTo !== null) {
      this.schedule(at + group.overflowAfterMs, { k: 'overflow', call: call.id, legIndex: 0 });
    }
    this.dispatchNeeded = true;
    return call;
  }

  /** Gives waiting calls to the longest-idle available member of their group, oldest call first. */
  private dispatch(): void {
    this.dispatchNeeded = false;
    for (let i = 0; i < this.queue.length;) {
      const call = this.queue[i];
      const leg = call ? currentLeg(call) : undefined;
      if (!call || !leg) {
        i++;
        continue;
      }
      let best: SimOperator | undefined;
      for (const op of this.operators) {
        if (op.activity !== 'idle' || !op.groups.includes(leg.groupId)) continue;
        if (!best || op.idleSince < best.idleSince) best = op;
      }
      if (best) this.ring(best, call, this.t);
      else i++;
    }
  }

  private ring(op: SimOperator, call: Call, at: number): void {
    const leg = currentLeg(call);
    if (!leg) return;
    const qi = this.queue.indexOf(call);
    if (qi >= 0) this.queue.splice(qi, 1);
    leg.ringingOperatorId = op.id;
    op.callId = call.id;
    this.setActivity(
      op,
      'ringing',
      at,
      'call_in',
      call.id,
      `from ${call.callerNumber} to ${call.serviceNumber}`,
    );
    this.schedule(at + this.rng.int(2, 9) * SEC, {
      k: 'ringEnd',
      op: op.id,
      v: op.version,
      call: call.id,
    });
  }

  private answer(op: SimOperator, call: Call, at: number): void {
    call.answeredAt = at;
    call.operatorId = op.id;
    if (call.direction === 'in') {
      const leg = currentLeg(call);
      if (leg) {
        leg.outcome = 'answered';
        leg.answeredAt = at;
        leg.leftAt = at;
        leg.operatorId = op.id;
        leg.ringingOperatorId = null;
        call.groupId = leg.groupId;
      }
      // The segment call_in opened at the ring goes on through the conversation.
      this.setActivity(op, 'talk_in', at, null);
    } else {
      this.setActivity(op, 'talk_out', at, null);
    }
    const talk = call.direction === 'in' ? 25 + this.rng.exp(160) : 20 + this.rng.exp(110);
    this.schedule(at + Math.round(talk) * SEC, {
      k: 'talkEnd',
      op: op.id,
      v: op.version,
      call: call.id,
    });
  }

  private hangUp(op: SimOperator, call: Call, at: number, withCatchup: boolean): void {
    call.endedAt = at;
    call.outcome = 'answered';
    op.callId = null;
    if (withCatchup) {
      const catchup =
        Math.min(180, Math.round(8 + this.rng.exp(call.direction === 'in' ? 30 : 15))) * SEC;
      call.catchupEndAt = at + catchup;
      this.setActivity(op, 'catchup', at, 'catchup', call.id, `after call ${call.id}`);
      this.schedule(at + catchup, { k: 'catchupEnd', op: op.id, v: op.version });
    } else {
      call.catchupEndAt = at;
    }
  }

  private abandon(callId: number, at: number): void {
    const call = this.log.get(callId);
    const leg = call ? currentLeg(call) : undefined;
    if (!call || !leg || call.endedAt !== null || leg.outcome !== 'waiting') return;
    leg.outcome = 'abandoned';
    leg.leftAt = at;
    call.endedAt = at;
    call.outcome = 'abandoned';
    const qi = this.queue.indexOf(call);
    if (qi >= 0) this.queue.splice(qi, 1);
    if (leg.ringingOperatorId !== null) {
      const op = this.opById.get(leg.ringingOperatorId);
      leg.ringingOperatorId = null;
      if (op && op.callId === call.id) {
        op.callId = null;
        if (op.segment) op.segment.infos += ' (caller hung up while ringing)';
        this.becomeFree(op, at);
      }
    }
  }

  private overflow(callId: number, legIndex: number, at: number): void {
    const call = this.log.get(callId);
    const leg = call?.legs[legIndex];
    if (!call || !leg || call.legs.length !== legIndex + 1 || leg.outcome !== 'waiting') return;
    if (leg.ringingOperatorId !== null) return; // about to be answered here
    const group = this.groupById.get(leg.groupId);
    if (!group || group.overflowTo === null) return;
    // guide 4.3 nbr_escalades: the call leaves this group's queue for the overflow group.
    leg.outcome = 'overflowed';
    leg.leftAt = at;
    call.legs.push(newLeg(group.overflowTo, at));
    const qi = this.queue.indexOf(call);
    if (qi >= 0) this.queue.splice(qi, 1);
    this.queue.push(call);
    this.dispatchNeeded = true;
  }

  /** Ends whatever call the operator holds (forced change): a ringing call goes back to its queue. */
  private dropCall(op: SimOperator, at: number): void {
    const call = op.callId !== null ? this.log.get(op.callId) : undefined;
    if (!call) return;
    if (op.activity === 'ringing') {
      const leg = currentLeg(call);
      if (leg) leg.ringingOperatorId = null;
      op.callId = null;
      this.queue.unshift(call);
      this.dispatchNeeded = true;
    } else if (op.activity === 'dialing') {
      call.endedAt = at;
      call.outcome = 'no_answer';
      op.callId = null;
    } else if (op.activity === 'talk_in' || op.activity === 'talk_out') {
      this.hangUp(op, call, at, false);
    }
    op.callId = null;
  }

  private startOutbound(op: SimOperator, at: number): void {
    const groupId = op.groups[0] ?? this.groups[0]?.id ?? 0;
    const group = this.groupById.get(groupId);
    const call = this.baseCall('out', group?.numbers[0] ?? '', this.callerNumber(), at);
    call.groupId = groupId;
    call.operatorId = op.id;
    this.log.add(call);
    op.callId = call.id;
    this.setActivity(op, 'dialing', at, 'call_out', call.id, `to ${call.callerNumber}`);
    this.schedule(at + this.rng.int(6, 25) * SEC, {
      k: 'dialEnd',
      op: op.id,
      v: op.version,
      call: call.id,
    });
  }

  // ---- operators --------------------------------------------------------------------------

  /**
   * Changes an operator's activity. `segType` opens a new status event (guide 3.4), closing the
   * previous one; `null` keeps the current event running (ringing → connected is one call_in).
   */
  private setActivity(
    op: SimOperator,
    activity: Activity,
    at: number,
    segType: StatusEventType | null,
    callId: number | null = null,
    infos = '',
  ): void {
    if (wireState(activity) !== wireState(op.activity)) op.stateChangedAt = at;
    op.activity = activity;
    op.version++;
    if (segType === null) return;
    this.closeSegment(op, at);
    op.segment = { type: segType, start: at, callId, infos };
  }

  private closeSegment(op: SimOperator, at: number): void {
    const s = op.segment;
    op.segment = null;
    if (!s || Math.floor(at / SEC) <= Math.floor(s.start / SEC)) return;
    this.log.addEvent({
      operatorId: op.id,
      type: s.type,
      start: s.start,
      end: at,
      callId: s.callId,
      infos: s.infos,
    });
  }

  private login(op: SimOperator, plan: ShiftPlan | null, at: number): void {
    op.lastLogin = at;
    op.breakName = null;
    this.setIdle(op, at);
    if (plan) {
      for (const b of plan.breaks) {
        if (b.at > at)
          this.schedule(b.at, {
            k: 'wantBreak',
            op: op.id,
            name: b.name,
            durationMs: b.durationMs,
          });
      }
      this.schedule(plan.logout, { k: 'logout', op: op.id });
    }
  }

  private logout(op: SimOperator, at: number): void {
    op.lastLogout = at;
    op.pending = null;
    op.breakName = null;
    this.setActivity(op, 'offline', at, 'login'); // closes the running event...
    op.segment = null; // ...and opens none: a logged-out operator has no history
  }

  private setIdle(op: SimOperator, at: number): void {
    op.idleSince = at;
    this.setActivity(op, 'idle', at, 'login', null, 'available');
    this.dispatchNeeded = true;
    // Now and then an idle operator calls a customer back (state `calling`).
    this.schedule(at + Math.round(this.rng.exp(35 * MIN)), {
      k: 'outbound',
      op: op.id,
      v: op.version,
    });
  }

  private startBreak(op: SimOperator, at: number, name: string, durationMs: number): void {
    op.breakName = name;
    op.lastPause = at;
    this.setActivity(op, 'break', at, 'break', null, name);
    this.schedule(at + durationMs, { k: 'breakEnd', op: op.id, v: op.version });
  }

  private endBreak(op: SimOperator, at: number): void {
    op.breakName = null;
    op.lastUnpause = at;
  }

  /** After a call, a catch-up or a break: what was put off comes first (logout, then break). */
  private becomeFree(op: SimOperator, at: number): void {
    const pending = op.pending;
    op.pending = null;
    if (pending?.kind === 'logout') this.logout(op, at);
    else if (pending?.kind === 'break') this.startBreak(op, at, pending.name, pending.durationMs);
    else this.setIdle(op, at);
  }
}

function newLeg(groupId: number, at: number): Leg {
  return {
    groupId,
    enteredAt: at,
    leftAt: null,
    outcome: 'waiting',
    ringingOperatorId: null,
    answeredAt: null,
    operatorId: null,
  };
}

export function currentLeg(call: Call): Leg | undefined {
  return call.legs[call.legs.length - 1];
}
