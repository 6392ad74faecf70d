// GET /api/stats/numbers (guide 4.1) and GET /api/stats/groups (guide 4.2): repeatable params, one month at most.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  StatsGroupsQuerySchema,
  StatsGroupsReplySchema,
  StatsNumbersQuerySchema,
  StatsNumbersReplySchema,
} from '@vigie/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { iso } from '../../lib/clock';
import { canSeeGroup } from '../../auth/principal';
import { ForbiddenError } from '../../lib/errors';
import { readPeriod } from '../../lib/period';
import type { DrilldownRouteOptions } from './drilldown-limit';
import { errorReplies } from './schemas';

/** Default `to` is now, floored so concurrent viewers share one cache key. */
const NOW_GRAIN_MS = 5_000;
const isoOrNull = (v: string | undefined): string | null => (v ? new Date(v).toISOString() : null);

const routes: FastifyPluginAsyncTypebox<DrilldownRouteOptions> = async (app, { guard }) => {
  const config = { access: 'drilldown' } as const;
  // guide 4.1/4.2 treat include_realtime as set unless 0/false: accept `realtime=1`/`0` as well as
  // the schema's true/false (Ajv coerces only the words).
  app.addHook('preValidation', async (req) => {
    const q = req.query as Record<string, unknown>;
    if (q['realtime'] === '1' || q['realtime'] === '') q['realtime'] = 'true';
    else if (q['realtime'] === '0') q['realtime'] = 'false';
  });

  /** The period asked, refused (429) past this principal's distinct periods of the minute. */
  const period = (req: FastifyRequest, reply: FastifyReply, q: { from?: string; to?: string }) => {
    const now = app.clock.now();
    const p = readPeriod(
      q,
      app.config.axialys.timeZone,
      q.to === undefined ? Math.floor(now / NOW_GRAIN_MS) * NOW_GRAIN_MS : now,
    );
    guard.admitPeriod(req, reply, q, p);
    return p;
  };

  app.get(
    '/api/stats/numbers',
    {
      ...guard.hooks,
      config,
      schema: {
        querystring: StatsNumbersQuerySchema,
        response: { 200: StatsNumbersReplySchema, ...errorReplies },
      },
    },
    async (req, reply) => {
      // Service numbers are not tied to groups upstream: a team lead cannot be scoped here.
      if (req.principal?.groups) throw new ForbiddenError('number statistics are for supervisors');
      const { from, to } = period(req, reply, req.query);
      const numbers = [...new Set(req.query.number ?? [])];
      const realtime = req.query.realtime === true;
      const { value, fetchedAt } = await app.drilldown.numbers(from, to, numbers, realtime);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        calls: value.calls,
        agentConnectedCalls: value.agentConnectedCalls,
        totalDurationSeconds: value.totalDurationSeconds,
        fetchedAt: iso(fetchedAt),
        numbers,
        realtime:
          realtime && value.realtime
            ? {
                activeCalls: value.realtime.activeCalls ?? null,
                inConversationCalls: value.realtime.inConversationCalls ?? null,
                oldestCallSince: isoOrNull(value.realtime.oldestCallSince),
                oldestInConversationCallSince: isoOrNull(
                  value.realtime.oldestInConversationCallSince,
                ),
              }
            : null,
      };
    },
  );

  app.get(
    '/api/stats/groups',
    {
      ...guard.hooks,
      config,
      schema: {
        querystring: StatsGroupsQuerySchema,
        response: { 200: StatsGroupsReplySchema, ...errorReplies },
      },
    },
    async (req, reply) => {
      const p = req.principal;
      let groups = [...new Set(req.query.group ?? [])];
      if (p?.groups) {
        if (groups.some((g) => !canSeeGroup(p, g)))
          throw new ForbiddenError('a requested group is outside your groups');
        // No group asked means every group upstream: a team lead's "every" is their own.
        if (groups.length === 0) groups = [...p.groups];
      }
      const { from, to } = period(req, reply, req.query);
      const realtime = req.query.realtime === true;
      const { value, fetchedAt } = await app.drilldown.groups(from, to, groups, realtime);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        calls: value.calls,
        agentConnectedCalls: value.agentConnectedCalls,
        totalDurationSeconds: value.totalDurationSeconds,
        fetchedAt: iso(fetchedAt),
        groups,
        realtime:
          realtime && value.realtime
            ? {
                activeCalls: value.realtime.activeCalls ?? null,
                oldestCallConnectedSince: isoOrNull(value.realtime.oldestCallConnectedSince),
                oldestCallWaitingSince: isoOrNull(value.realtime.oldestCallWaitingSince),
              }
            : null,
      };
    },
  );
};

export default routes;
