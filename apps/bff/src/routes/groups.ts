// GET /api/groups/:id/trend and GET /api/directory: what the BFF keeps from its own polls.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DirectoryReplySchema, IdParamsSchema, TrendReplySchema } from '@vigie/contract';
import { NotFoundError } from '../errors';
import { fallbackName } from '../snapshot-builder';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/groups/:id/trend',
    { schema: { params: IdParamsSchema, response: { 200: TrendReplySchema, ...errorReplies } } },
    async (req) => {
      const id = req.params.id;
      const group = app.snapshots.latest?.snapshot.groups.find((g) => g.id === id);
      const points = app.trend.points(id);
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
    { schema: { response: { 200: DirectoryReplySchema, ...errorReplies } } },
    async () => {
      const names = new Map<number, string>();
      for (const [id, g] of app.source.directory.groups) names.set(id, g.name ?? fallbackName(id));
      for (const g of app.snapshots.latest?.snapshot.groups ?? [])
        if (!names.has(g.id) || names.get(g.id) === fallbackName(g.id)) names.set(g.id, g.name);
      return {
        groups: [...names]
          .map(([id, name]) => ({ id, name }))
          .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id),
        numbers: [...new Set([...app.drilldown.numbersSeen, ...app.upstream.knownNumbers])].sort(),
      };
    },
  );
};

export default routes;
