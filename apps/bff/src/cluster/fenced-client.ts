// The poller's Axialys client in cluster mode: no upstream call without the lease, operators_init on the Redis clock.
import type { AxialysClient } from '@vigie/axialys-client';
import { budgeted, redisBudget, refused } from '../upstream/operators-init-budget';
import type { Lease } from './lease';
import type { OperatorsInitGate } from './operators-init-gate';

export interface FencedClientOptions {
  client: AxialysClient;
  lease: Lease;
  gate: OperatorsInitGate;
  /** guide 3.2: the spacing of operators_init for the account (POLL_OPERATORS_MS). */
  operatorsInitMinIntervalMs: number;
  /** The upstream request timeout: the lease must outlive any request we send. */
  timeoutMs: number;
  /** How long a refused caller waits before asking again (default a third of the lease). */
  retryMs?: number;
  /** Redis clock versus upstream clock: a little extra spacing (default 50 ms). */
  marginMs?: number;
}

export function fencedClient(o: FencedClientOptions): AxialysClient {
  const margin = o.marginMs ?? 50;
  const retry = o.retryMs ?? Math.max(50, Math.floor(o.lease.ttlMs / 3));
  const minLeaseMs = o.timeoutMs + margin;

  /** Fencing before each call: hold the lease with enough left to cover the whole request. */
  const guard =
    <A extends unknown[], R>(endpoint: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (!(await o.lease.holds(minLeaseMs))) throw refused(endpoint, retry);
      return fn(...args);
    };

  // guide 3.2 on Redis's clock, for every instance of the account (upstream/operators-init-budget).
  const budget = redisBudget({
    gate: o.gate,
    lease: o.lease,
    intervalMs: o.operatorsInitMinIntervalMs + margin,
    minLeaseMs,
    retryMs: retry,
  });
  const operatorsInit = () => budgeted(budget, () => o.client.operatorsInit());

  return {
    account: o.client.account,
    close: () => o.client.close(),
    listOperators: guard('operators', (f?: { email?: string; login?: string }) =>
      o.client.listOperators(f),
    ),
    getOperator: guard('operators', (id: number) => o.client.getOperator(id)),
    operatorsInit,
    operatorInit: () => Promise.reject(refused('operators_init', retry)),
    listGroups: guard('groups', (f?: { name?: string }) => o.client.listGroups(f)),
    getGroup: guard('groups', (id: number) => o.client.getGroup(id)),
    statusHistory: guard('calls_status', (p: Parameters<AxialysClient['statusHistory']>[0]) =>
      o.client.statusHistory(p),
    ),
    operatorDetails: (id: number) => o.client.operatorDetails(id),
    callsByNumber: (p?: Parameters<AxialysClient['callsByNumber']>[0]) => o.client.callsByNumber(p),
    callsByGroup: (p?: Parameters<AxialysClient['callsByGroup']>[0]) => o.client.callsByGroup(p),
    groupSupervision: guard('group_stats', (p?: Parameters<AxialysClient['groupSupervision']>[0]) =>
      o.client.groupSupervision(p),
    ),
  };
}
