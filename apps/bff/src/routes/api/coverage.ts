// GET /api/groups/:id/coverage?date=: the 24 hours of a day for one group, as the board saw (or backfilled) them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CoverageQuerySchema, CoverageReplySchema, IdParamsSchema } from '@vigie/contract';
import { DateTime } from 'luxon';
import { canSeeGroup } from '../../auth/principal';
import { BadParamError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { coverageRows } from '../../coverage/coverage';
import { localDay } from '../../lib/local-time';
import type { DrilldownRouteOptions } from './drilldown-limit';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox<DrilldownRouteOptions> = async (app, { guard }) => {
  app.get(
    '/api/groups/:id/coverage',
    {
      ...guard.hooks,
      config: { access: 'drilldown' },
      schema: {
        params: IdParamsSchema,
        querystring: CoverageQuerySchema,
        response: { 200: CoverageReplySchema, ...errorReplies },
      },
    },
    async (req) => {
      const id = req.params.id;
      if (req.principal && !canSeeGroup(req.principal, id))
        throw new ForbiddenError('this group is outside your groups');
      const zone = app.config.axialys.timeZone;
      const date = req.query.date ?? localDay(app.clock.now(), zone);
      if (!DateTime.fromISO(date, { zone }).isValid)
        throw new BadParamError('date', `date is not a valid day: ${date}`);
      const known =
        app.snapshots.latest?.snapshot.groups.some((g) => g.id === id) ||
        app.source.directory.groups.has(id);
      const cells = await app.history.store.coverage(date, id);
      if (!known && cells.length === 0) throw new NotFoundError(`no group ${id}`);
      return { groupId: id, date, timeZone: zone, hours: coverageRows(cells) };
    },
  );
};

export default routes;
