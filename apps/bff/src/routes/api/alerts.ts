// GET /api/alerts?from=&to=: the raised and cleared alerts of a period (default today), as the board recorded them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AlertsQuerySchema, AlertsReplySchema } from '@vigie/contract';
import { alertInScope } from '../../auth/principal';
import { readPeriod } from '../../lib/period';
import type { DrilldownRouteOptions } from './drilldown-limit';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox<DrilldownRouteOptions> = async (app, { guard }) => {
  app.get(
    '/api/alerts',
    {
      // People only (a display gets 403), like every drill-down.
      ...guard.hooks,
      config: { access: 'drilldown' },
      schema: {
        querystring: AlertsQuerySchema,
        response: { 200: AlertsReplySchema, ...errorReplies },
      },
    },
    async (req) => {
      const now = app.clock.now();
      const { from, to } = readPeriod(req.query, app.config.axialys.timeZone, now);
      let events = await app.history.store.alertEvents(from.getTime(), to.getTime() + 1);
      const p = req.principal;
      if (p && p.groups !== null) {
        // A team lead: their groups, and operators of their groups as the board sees them now.
        const groups = new Set(p.groups);
        const operators = new Set(
          (app.snapshots.latest?.snapshot.operators ?? [])
            .filter((o) => o.groups.some((g) => groups.has(g)))
            .map((o) => String(o.id)),
        );
        events = events.filter((e) => alertInScope(e.alert.subject, groups, operators));
      }
      return { from: from.toISOString(), to: to.toISOString(), events };
    },
  );
};

export default routes;
