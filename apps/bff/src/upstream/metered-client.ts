// Wraps the Axialys client so every upstream request is counted by endpoint and outcome.
import type { AxialysClient } from '@vigie/axialys-client';
import type { Metrics } from '../lib/metrics';

/** The guide's endpoint names (as the simulator's audit spells them) of each client method. */
const ENDPOINTS: Record<Exclude<keyof AxialysClient, 'account' | 'close'>, string> = {
  listOperators: 'operators',
  getOperator: 'operators',
  operatorsInit: 'operators_init',
  operatorInit: 'operators_init',
  listGroups: 'groups',
  getGroup: 'groups',
  statusHistory: 'calls_status',
  operatorDetails: 'op_details',
  callsByNumber: 'stats_calls',
  callsByGroup: 'stats_groups',
  groupSupervision: 'group_stats',
};

export function meteredClient(client: AxialysClient, metrics: Metrics): AxialysClient {
  const wrap =
    <A extends unknown[], R>(endpoint: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const r = await fn(...args);
        metrics.upstreamRequests.inc({ endpoint, status: 'ok' });
        return r;
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        // A call refused in-process never reached Axialys: not an upstream request.
        if (!(err as { local?: unknown }).local) {
          metrics.upstreamRequests.inc({
            endpoint,
            status: typeof code === 'string' ? code : 'error',
          });
        }
        throw err;
      }
    };
  const out = {
    account: client.account,
    close: () => client.close(),
  } as Record<string, unknown>;
  for (const [method, endpoint] of Object.entries(ENDPOINTS)) {
    const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
    if (fn) out[method] = wrap(endpoint, fn.bind(client));
  }
  return out as unknown as AxialysClient;
}
