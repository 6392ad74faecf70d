// GET /api/groups/:id/trend and GET /api/directory: what the BFF keeps from its own polls.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DirectoryReplySchema, IdParamsSchema, TrendReplySchema } from '@vigie/contract';
import { canSeeGroup } from '../../auth/principal';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { fallbackName } from '../../snapshot/builder';
import type { DrilldownRouteOptions } from './drilldown-limit';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox<DrilldownRouteOptions> = async (app, { guard }) => {
  const config = { access: 'drilldown' } as const;
  app.get(
    '/api/groups/:id/trend',
    {
      ...guard.hooks,
      config,
      schema: { params: IdParamsSchema, response: { 200: TrendReplySchema, ...errorReplies } },
    },
    async (req) => {
      const id = req.params.id;
      if (req.principal && !canSeeGroup(req.principal, id))
        throw new ForbiddenError('this group is outside your groups');
      const group = app.snapshots.latest?.snapshot.groups.find((g) => g.id === id);
      // Cluster mode: the trend kept once for the cluster; this instance's own if Redis is away.
      const shared = app.cluster
        ? await app.cluster.trend.points(id).catch(() => undefined)
        : undefined;
      const points = shared ?? app.trend.points(id);
      if (!group && !points && !app.source.directory.groups.has(id))
        throw new NotFoundError(`no group ${id}`);
      return {
        groupId: id,
        name: group?.name ?? app.source.directory.groups.get(id)?.name ?? fallbackName(id),
        stepSeconds: app.trend.stepSeconds,
        points: [...(points ?? [])],
      };
    },
  );

  app.get(
    '/api/directory',
    {
      ...guard.hooks,
      config,
      schema: { response: { 200: DirectoryReplySchema, ...errorReplies } },
    },
    async (req) => {
      const p = req.principal;
      const scoped = p !== null && p.groups !== null;
      const names = new Map<number, string>();
      for (const [id, g] of app.source.directory.groups) names.set(id, g.name ?? fallbackName(id));
      for (const g of app.snapshots.latest?.snapshot.groups ?? [])
        if (!names.has(g.id) || names.get(g.id) === fallbackName(g.id)) names.set(g.id, g.name);
      return {
        groups: [...names]
          .filter(([id]) => !p || canSeeGroup(p, id))
          .map(([id, name]) => ({ id, name }))
          .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
        // Service numbers are not tied to groups: a team lead gets none (number stats are refused).
        numbers: scoped
          ? []
          : [...new Set([...app.drilldown.numbersSeen, ...app.upstream.knownNumbers])].sort(),
      };
    },
  );
};

export default routes;
