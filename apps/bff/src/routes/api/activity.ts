// GET /api/activity: the audit of every settings change (who, when, before/after), for the Activity page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ActivityQuerySchema, ActivityReplySchema } from '@vigie/contract';
import { mustBeSupervisor } from '../../settings/roles';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/activity',
    {
      // Supervisors only: the before/after of other teams' boards would show their groups.
      config: { access: 'drilldown' },
      schema: {
        querystring: ActivityQuerySchema,
        response: { 200: ActivityReplySchema, ...errorReplies },
      },
    },
    async (req) => {
      if (req.principal) mustBeSupervisor(req.principal, 'read the activity');
      const limit = req.query.limit ?? 50;
      const entries = await app.history.settings.audit({
        limit,
        ...(req.query.before === undefined ? {} : { beforeSeq: req.query.before }),
        ...(req.query.kind === undefined ? {} : { kind: req.query.kind }),
      });
      const last = entries.at(-1);
      return { entries, next: entries.length === limit && last && last.seq > 1 ? last.seq : null };
    },
  );
};

export default routes;
