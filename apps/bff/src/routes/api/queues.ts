// GET /api/queues, PUT /api/queues/:id, DELETE /api/queues/:id?version=: each queue's service
// level (guide 4.3 nbr_repondu / nbr_abandonne, target) and thresholds, with where each value
// comes from (issue 13 §3). Supervisors change them; team leads read their groups'; displays nothing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  QueueDeleteQuerySchema,
  QueueParamsSchema,
  QueuePutBodySchema,
  QueueRowSchema,
  QueuesReplySchema,
} from '@vigie/contract';
import { canSeeGroup } from '../../auth/principal';
import { ForbiddenError, NotFoundError } from '../../lib/errors';
import { actorOf, mustBeSupervisor } from '../../settings/roles';
import { fallbackName } from '../../snapshot/builder';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const config = { access: 'drilldown' } as const;
  // A change made with a session cookie: a foreign Origin is refused (as sign-in is).
  const changing = { access: 'drilldown', originCheck: true } as const;

  /** Every group the board knows of, by id, with its name. */
  const known = (): Map<number, string> => {
    const names = new Map<number, string>();
    for (const [id, g] of app.source.directory.groups) names.set(id, g.name ?? fallbackName(id));
    for (const g of app.snapshots.latest?.snapshot.groups ?? [])
      if (!names.has(g.id) || names.get(g.id) === fallbackName(g.id)) names.set(g.id, g.name);
    return names;
  };
  const nameOf = (id: number): string => {
    const name = known().get(id);
    if (name === undefined) throw new NotFoundError(`no group ${id}`);
    return name;
  };

  app.get(
    '/api/queues',
    { config, schema: { response: { 200: QueuesReplySchema, ...errorReplies } } },
    async (req) => {
      const p = req.principal;
      if (p?.role === 'display') throw new ForbiddenError('a display may not read the settings');
      const queues = [...known()]
        .filter(([id]) => !p || canSeeGroup(p, id))
        .sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0])
        .map(([id, name]) => app.queues.row(id, name));
      return {
        queues,
        maxServiceLevelPairs: app.queues.maxPairs,
        serviceLevelPairs: app.queues.pairs().length,
      };
    },
  );

  app.put(
    '/api/queues/:id',
    {
      config: changing,
      schema: {
        params: QueueParamsSchema,
        body: QueuePutBodySchema,
        response: { 200: QueueRowSchema, ...errorReplies },
      },
    },
    async (req) => {
      // Issue 13: team leads shape boards and tickers only; a queue's definition is the centre's.
      if (req.principal) mustBeSupervisor(req.principal, 'change a queue’s service level');
      const id = req.params.id;
      const name = nameOf(id);
      const { version, ...fields } = req.body;
      app.queues.check([{ id, fields }]);
      const actor = req.principal ? actorOf(req.principal, app.upstream.demo) : 'anonymous';
      await app.history.settings.write(
        [{ kind: 'queue', id: String(id), value: fields, expected: version }],
        actor,
        app.clock.now(),
      );
      await app.queues.reload();
      return app.queues.row(id, name);
    },
  );

  app.delete(
    '/api/queues/:id',
    {
      config: changing,
      schema: {
        params: QueueParamsSchema,
        querystring: QueueDeleteQuerySchema,
        response: { 200: QueueRowSchema, ...errorReplies },
      },
    },
    async (req) => {
      if (req.principal) mustBeSupervisor(req.principal, 'reset a queue’s service level');
      const id = req.params.id;
      const name = nameOf(id);
      const actor = req.principal ? actorOf(req.principal, app.upstream.demo) : 'anonymous';
      if ((await app.history.settings.get('queue', String(id))) === null)
        throw new NotFoundError(`queue ${id} has no stored settings: it already uses the defaults`);
      await app.history.settings.write(
        [{ kind: 'queue', id: String(id), value: null, expected: req.query.version }],
        actor,
        app.clock.now(),
      );
      await app.queues.reload();
      return app.queues.row(id, name);
    },
  );
};

export default routes;
