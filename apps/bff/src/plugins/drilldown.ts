// Plugin: drill-down reads (op_details, history, stats), cached a few seconds and coalesced per key.
import type {
  GroupCallStats,
  NumberCallStats,
  OperatorDetails,
  StatusEvent,
} from '@vigie/axialys-client';
import fp from 'fastify-plugin';
import type { Clock } from '../clock';
import { CoalescingCache, type Cached } from '../drilldown-cache';

/** guide 3.5 read by viewers: any number of them cause at most one upstream call per 5 s. */
export const DETAILS_TTL_MS = 5_000;
/** History and stats over past periods change slowly; realtime figures keep the short TTL. */
export const PERIOD_TTL_MS = 30_000;

export interface Drilldown {
  operatorDetails(id: number): Promise<Cached<OperatorDetails>>;
  peekOperatorDetails(id: number): Cached<OperatorDetails> | undefined;
  history(id: number, from: Date, to: Date): Promise<Cached<StatusEvent[]>>;
  numbers(
    from: Date,
    to: Date,
    numbers: string[],
    realtime: boolean,
  ): Promise<Cached<NumberCallStats>>;
  groups(
    from: Date,
    to: Date,
    groups: number[],
    realtime: boolean,
  ): Promise<Cached<GroupCallStats>>;
  /** Service numbers seen in op_details so far (for the stats page's pickers). */
  readonly numbersSeen: ReadonlySet<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    drilldown: Drilldown;
  }
}

export default fp<{ clock: Clock }>(
  async (app, { clock }) => {
    const client = app.upstream.client;
    // Cluster mode: one upstream call per key and ttl for the whole cluster (cluster/shared-cache.ts).
    const shared = (name: string) => (app.cluster ? { cache: app.cluster.cache, name } : null);
    const details = new CoalescingCache<OperatorDetails>(clock, DETAILS_TTL_MS, 500, shared('op'));
    const history = new CoalescingCache<StatusEvent[]>(clock, PERIOD_TTL_MS, 200, shared('hist'));
    const numbers = new CoalescingCache<NumberCallStats>(clock, PERIOD_TTL_MS, 200, shared('num'));
    const groups = new CoalescingCache<GroupCallStats>(clock, PERIOD_TTL_MS, 200, shared('grp'));
    const numbersSeen = new Set<string>();
    const ttl = (realtime: boolean, to: Date) =>
      realtime || to.getTime() > clock.now() - 60_000 ? DETAILS_TTL_MS : PERIOD_TTL_MS;

    app.decorate('drilldown', {
      numbersSeen,
      operatorDetails: (id) =>
        details
          .get(String(id), () => client.operatorDetails(id))
          .then((c) => {
            // Here rather than in the loader: in a cluster another instance may have fetched it.
            const n = c.value.serviceNumber;
            if (n && numbersSeen.size < 10_000) numbersSeen.add(n);
            return c;
          }),
      peekOperatorDetails: (id) => details.peek(String(id)),
      history: (id, from, to) =>
        history.get(
          `${id}|${from.toISOString()}|${to.toISOString()}`,
          () => client.statusHistory({ from, to, operatorId: id }),
          ttl(false, to),
        ),
      numbers: (from, to, list, realtime) =>
        numbers.get(
          `${from.toISOString()}|${to.toISOString()}|${[...list].sort().join(',')}|${realtime}`,
          () => client.callsByNumber({ from, to, numbers: list, includeRealtime: realtime }),
          ttl(realtime, to),
        ),
      groups: (from, to, list, realtime) =>
        groups.get(
          `${from.toISOString()}|${to.toISOString()}|${[...list].sort((a, b) => a - b).join(',')}|${realtime}`,
          () => client.callsByGroup({ from, to, groupIds: list, includeRealtime: realtime }),
          ttl(realtime, to),
        ),
    } satisfies Drilldown);
  },
  { name: 'vigie-drilldown', fastify: '5.x', dependencies: ['vigie-upstream', 'vigie-cluster'] },
);
