// The simulated call log and status history: the single source every figure of the API is computed from.

/** One passage of an inbound call through a group's queue (an overflow opens a second leg). */
export interface Leg {
  groupId: number;
  enteredAt: number;
  leftAt: number | null; // left the queue: answered, abandoned or overflowed
  outcome: 'waiting' | 'answered' | 'abandoned' | 'overflowed';
  ringingOperatorId: number | null;
  answeredAt: number | null;
  operatorId: number | null;
}

export interface Call {
  id: number;
  direction: 'in' | 'out';
  serviceNumber: string; // the number called (inbound) or presented (outbound), E.164 without plus
  callerNumber: string; // the customer's number
  arrivedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  catchupEndAt: number | null;
  operatorId: number | null;
  /** Group of the call for op_details id_group: the answering leg's group, or the caller's group when outbound. */
  groupId: number | null;
  outcome: 'ivr' | 'answered' | 'abandoned' | 'no_answer' | null; // null while in progress
  legs: Leg[];
  patienceMs: number;
  vars: Record<string, string>;
  /** Injected by /sim/groups/:id/flood: stays in its queue (no overflow). */
  flood: boolean;
}

export type StatusEventType = 'call_in' | 'call_out' | 'break' | 'login' | 'catchup';

/** guide 3.4: one finished period of an operator's status. */
export interface StatusEvent {
  operatorId: number;
  type: StatusEventType;
  start: number;
  end: number;
  callId: number | null;
  infos: string;
}

export class CallLog {
  readonly calls: Call[] = [];
  readonly events: StatusEvent[] = [];
  private readonly byId = new Map<number, Call>();

  add(call: Call): void {
    this.calls.push(call);
    this.byId.set(call.id, call);
  }

  get(id: number): Call | undefined {
    return this.byId.get(id);
  }

  /** Calls that arrived in [from, to); the log is in arrival order, so a binary search finds the start. */
  arrivedBetween(from: number, to: number): Call[] {
    let lo = 0;
    let hi = this.calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.calls[mid]?.arrivedAt ?? 0) < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Call[] = [];
    for (let i = lo; i < this.calls.length; i++) {
      const c = this.calls[i];
      if (!c || c.arrivedAt >= to) break;
      out.push(c);
    }
    return out;
  }

  /** Calls still in progress (a call never lasts more than a few hours, so only the tail is scanned). */
  active(): Call[] {
    const out: Call[] = [];
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const c = this.calls[i];
      if (!c) continue;
      if (c.endedAt === null) out.push(c);
      if (this.calls.length - i > 5000) break;
    }
    return out.reverse();
  }

  addEvent(e: StatusEvent): void {
    this.events.push(e);
  }

  /** guide 3.4: events that started in [from, to), optionally for one operator. */
  eventsBetween(from: number, to: number, operatorId?: number): StatusEvent[] {
    return this.events
      .filter(
        (e) =>
          e.start >= from &&
          e.start < to &&
          (operatorId === undefined || e.operatorId === operatorId),
      )
      .sort((a, b) => a.start - b.start || a.operatorId - b.operatorId);
  }
}
