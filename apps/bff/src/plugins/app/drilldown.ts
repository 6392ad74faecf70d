// Plugin: drill-down reads (op_details, history, stats), cached a few seconds and coalesced per key.
import type {
  GroupCallStats,
  NumberCallStats,
  OperatorDetails,
  StatusEvent,
} from '@vigie/axialys-client';
import fp from 'fastify-plugin';
import type { Clock } from '../../lib/clock';
import type Type from 'typebox';
import { CoalescingCache, type Cached } from '../../upstream/drilldown-cache';
import {
  GroupCallStatsShape,
  NumberCallStatsShape,
  OperatorDetailsShape,
  StatusEventsShape,
} from '../../upstream/drilldown-shapes';

/** guide 3.5 read by viewers: any number of them cause at most one upstream call per 5 s. */
const DETAILS_TTL_MS = 5_000;
/** History and stats over past periods change slowly; realtime figures keep the short TTL. */
const PERIOD_TTL_MS = 30_000;

interface Drilldown {
  /** How long an op_details answer is served from the cache (one upstream call per operator). */
  readonly detailsTtlMs: number;
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
  /**
   * The group in which an operator had a call, as their op_details gave it (`id_appel` +
   * `id_group`), if this BFF saw it. Per operator: an overflowed call has one group per leg.
   */
  groupOfCall(operatorId: number, callId: string): number | undefined;
}

/** Calls whose group is remembered (a day of a large centre); the oldest are forgotten first. */
const MAX_CALL_GROUPS = 50_000;

declare module 'fastify' {
  interface FastifyInstance {
    drilldown: Drilldown;
  }
}

export default fp<{ clock: Clock }>(
  async (app, { clock }) => {
    const client = app.upstream.client;
    // Cluster mode: one upstream call per key and ttl for the whole cluster (cluster/shared-cache.ts).
    const shared = (name: string, shape: Type.TSchema) =>
      app.cluster ? { cache: app.cluster.cache, name, shape } : null;
    const details = new CoalescingCache<OperatorDetails>(
      clock,
      DETAILS_TTL_MS,
      500,
      shared('op', OperatorDetailsShape),
    );
    const history = new CoalescingCache<StatusEvent[]>(
      clock,
      PERIOD_TTL_MS,
      200,
      shared('hist', StatusEventsShape),
    );
    const numbers = new CoalescingCache<NumberCallStats>(
      clock,
      PERIOD_TTL_MS,
      200,
      shared('num', NumberCallStatsShape),
    );
    const groups = new CoalescingCache<GroupCallStats>(
      clock,
      PERIOD_TTL_MS,
      200,
      shared('grp', GroupCallStatsShape),
    );
    const numbersSeen = new Set<string>();
    // guide 3.4 events carry id_call but no group: what 3.5 told us is the only way to place them.
    const callGroups = new Map<string, number>();
    const learnCall = (d: OperatorDetails) => {
      if (d.callId === undefined || d.callGroupId === undefined) return;
      const key = `${d.id}|${d.callId}`;
      callGroups.delete(key);
      callGroups.set(key, d.callGroupId);
      if (callGroups.size > MAX_CALL_GROUPS) {
        const oldest = callGroups.keys().next().value;
        if (oldest !== undefined) callGroups.delete(oldest);
      }
    };
    const ttl = (realtime: boolean, to: Date) =>
      realtime || to.getTime() > clock.now() - 60_000 ? DETAILS_TTL_MS : PERIOD_TTL_MS;

    app.decorate('drilldown', {
      detailsTtlMs: DETAILS_TTL_MS,
      numbersSeen,
      groupOfCall: (operatorId, callId) => callGroups.get(`${operatorId}|${callId}`),
      operatorDetails: (id) =>
        details
          .get(String(id), () => client.operatorDetails(id))
          .then((c) => {
            // Here rather than in the loader: in a cluster another instance may have fetched it.
            const n = c.value.serviceNumber;
            if (n && numbersSeen.size < 10_000) numbersSeen.add(n);
            learnCall(c.value);
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
