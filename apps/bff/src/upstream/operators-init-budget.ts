// The BFF's operators_init budget (guide 3.2: at most one call per 30 s per account), in one
// module: the interval, one interface, and its three backends.
//
// - memory: in-process, for the embedded simulator and under the cluster's fence;
// - file: memory seeded from the record in VIGIE_DATA_DIR (operators-init-record.ts), so that a
//   single process killed with -9 still counts its last call after a restart;
// - Redis: the cluster's gate (cluster/operators-init-gate.ts holds the Lua), fenced by the
//   lease, on Redis's clock, for every instance of the account.
//
// The client's own throttle (@vigie/axialys-client, throttle.ts): kept as it is. A library used
// alone still respects the guide, and it alone sees an upstream 429's Retry-After. In the BFF it is
// the last guard under this budget: created with the same interval and clock, and seeded from the
// record like the file backend, it never refuses a call this budget allows, except after a
// Retry-After. Its refusal (a local AxialysRateLimitError) means the call was never sent, and the
// budget gives the slot back.
import {
  AxialysRateLimitError,
  OPERATORS_INIT_MIN_INTERVAL_MS,
  seedOperatorsInitBudget,
  type AxialysClient,
} from '@vigie/axialys-client';
import type { Lease, OperatorsInitGate } from '../cluster';
import { accountKey, openOperatorsInitRecord } from './operators-init-record';

/** guide 3.2: at most one operators_init every 30 s per account (the client's own spelling). */
export const OPERATORS_INIT_MIN_MS: number = OPERATORS_INIT_MIN_INTERVAL_MS;

/** A call may go (its send counted at `at`), or not before `waitMs`. */
type Slot = { ok: true; at: number } | { ok: false; waitMs: number };

interface OperatorsInitBudget {
  /**
   * May a call go now? Yes: the send is counted, and recorded with its deadline before it goes.
   * No: how long to wait. A backend that cannot tell says no (no proof, no call).
   */
  take(): Slot | Promise<Slot>;
  /** The call taken at `at` ended (sent: whatever its outcome), or was never sent after all. */
  settle(at: number, sent: boolean): void | Promise<void>;
}

/** A budget that answers at once (memory, file). */
interface LocalBudget extends OperatorsInitBudget {
  take(): Slot;
  settle(at: number, sent: boolean): void;
}

/**
 * A refusal that never reached Axialys: the poller treats it as "wait for the slot", with no
 * failure counted and no backoff (the same path as the client's own in-process refusal).
 */
export function refused(endpoint: string, retryAfterMs: number): AxialysRateLimitError {
  return new AxialysRateLimitError(endpoint, Math.max(1, Math.round(retryAfterMs)), true);
}

/** One operators_init through the budget: taken before it goes, settled once it is over. */
export async function budgeted<R>(budget: OperatorsInitBudget, call: () => Promise<R>): Promise<R> {
  const slot = await budget.take();
  if (!slot.ok) throw refused('operators_init', slot.waitMs);
  let sent = true;
  try {
    return await call();
  } catch (err) {
    // Refused by the client's own guard: it never left the process.
    if (err instanceof AxialysRateLimitError && err.local) sent = false;
    throw err;
  } finally {
    await budget.settle(slot.at, sent);
  }
}

/** The client with both calls of guide 3.2 (the list and one operator) under one budget. */
export function budgetedClient(client: AxialysClient, budget: OperatorsInitBudget): AxialysClient {
  // The client is a plain object of functions (createAxialysClient): override the two of 3.2.
  return {
    ...client,
    operatorsInit: () => budgeted(budget, () => client.operatorsInit()),
    operatorInit: (id: number) => budgeted(budget, () => client.operatorInit(id)),
  };
}

/**
 * In-process: a call may go `intervalMs` after the previous send (after `lastEndedAt`, the end of
 * a call made before this process, when known); a call never sent gives its slot back.
 */
export function memoryBudget(
  intervalMs: number,
  now: () => number,
  lastEndedAt: number | null = null,
): LocalBudget {
  let next = lastEndedAt === null ? -Infinity : lastEndedAt + intervalMs;
  let previous = next;
  return {
    take() {
      const t = now();
      if (t < next) return { ok: false, waitMs: next - t };
      previous = next;
      next = t + intervalMs;
      return { ok: true, at: t };
    },
    settle(_at, sent) {
      if (!sent) next = previous;
    },
  };
}

export interface FileBudgetOptions {
  dataDir: string;
  /** The account, as the client is created with it (the record is keyed by accountKey). */
  baseUrl: string;
  user: string;
  intervalMs: number;
  /** The request timeout: a call whose end was never written may have run until its deadline. */
  timeoutMs: number;
  now: () => number;
  log: { warn(obj: object, msg: string): void };
}

/**
 * Single process, real account: memory seeded from the record of the last call in `dataDir`,
 * every send written there (with its deadline) before it goes and its end after.
 */
export function fileBudget(o: FileBudgetOptions): LocalBudget {
  const record = openOperatorsInitRecord(o.dataDir, accountKey(o.baseUrl, o.user), o.now, o.log);
  if (record.lastEndedAt !== null)
    seedOperatorsInitBudget(o.baseUrl, o.user, record.lastEndedAt, o.intervalMs);
  const memory = memoryBudget(o.intervalMs, o.now, record.lastEndedAt);
  return {
    take() {
      const slot = memory.take();
      if (slot.ok) record.recordSent(slot.at, slot.at + o.timeoutMs);
      return slot;
    },
    settle(at, sent) {
      memory.settle(at, sent);
      if (sent) record.record(o.now());
      else record.unsend();
    },
  };
}

export interface RedisBudgetOptions {
  gate: OperatorsInitGate;
  lease: Lease;
  intervalMs: number;
  /** The lease must outlive any request we send: it has at least this left when a call goes. */
  minLeaseMs: number;
  /** How long a caller refused for want of the lease (or of Redis) waits before asking again. */
  retryMs: number;
}

/**
 * Cluster: one atomic step in Redis (still the leader, lease long enough, last call old enough on
 * Redis's clock) reserves the call; its end moves the interval to count from there.
 */
export function redisBudget(o: RedisBudgetOptions): OperatorsInitBudget {
  return {
    async take() {
      const leaseValue = o.lease.token;
      if (leaseValue === null) return { ok: false, waitMs: o.retryMs };
      let r;
      try {
        r = await o.gate.reserveOperatorsInit(o.intervalMs, {
          leaseValue,
          minLeaseMs: o.minLeaseMs,
        });
      } catch {
        return { ok: false, waitMs: o.retryMs }; // no proof, no call
      }
      if (!r.ok) return { ok: false, waitMs: r.reason === 'interval' ? r.waitMs : o.retryMs };
      return { ok: true, at: r.at };
    },
    async settle(at) {
      // guide 3.2 spacing counts from the end of the call; if this fails, notBefore still holds.
      await o.gate.completeOperatorsInit(at, o.intervalMs).catch(() => undefined);
    },
  };
}
