// Alert rules edited in the browser (issue 13 §5): GET /api/rules (in force, and from where), PUT
// (checked by the rules file's validator), DELETE (back to the file). Supervisors only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { RulesPutBodySchema, RulesReplySchema, VersionQuerySchema } from '@vigie/contract';
import { NotFoundError } from '../../lib/errors';
import { actorOf, mustBeSupervisor, principalOf } from '../../settings/roles';
import { checkRules, RULES_ID, storedRules } from '../../settings/rules';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const store = app.history.settings;
  const demo = app.config.axialys.url === null;

  const reply = async () => {
    const stored = await storedRules(store, app.log);
    return {
      source: stored ? ('ui' as const) : ('file' as const),
      rules: [...(stored?.rules ?? app.config.intelligence.rules)] as Record<string, unknown>[],
      version: stored?.version ?? null,
      updatedAt: stored?.updatedAt ?? null,
      updatedBy: stored?.updatedBy ?? null,
    };
  };

  app.get(
    '/api/rules',
    {
      config: { access: 'drilldown' },
      schema: { response: { 200: RulesReplySchema, ...errorReplies } },
    },
    async (req) => {
      mustBeSupervisor(principalOf(req), 'read the alert rules');
      return reply();
    },
  );

  app.put(
    '/api/rules',
    {
      config: { access: 'drilldown' },
      // Two hundred rules with per-group limits pass the default 16 KB.
      bodyLimit: 256 * 1024,
      schema: { body: RulesPutBodySchema, response: { 200: RulesReplySchema, ...errorReplies } },
    },
    async (req) => {
      const p = principalOf(req);
      mustBeSupervisor(p, 'change the alert rules');
      const rules = checkRules(req.body.rules);
      await store.write(
        [{ kind: 'rules', id: RULES_ID, value: { rules }, expected: req.body.version }],
        actorOf(p, demo),
        app.clock.now(),
      );
      await app.alerts.reloadRules();
      return reply();
    },
  );

  app.delete(
    '/api/rules',
    {
      config: { access: 'drilldown' },
      schema: { querystring: VersionQuerySchema, response: { 204: Type.Null(), ...errorReplies } },
    },
    async (req, res) => {
      const p = principalOf(req);
      mustBeSupervisor(p, 'change the alert rules');
      if (!(await store.get('rules', RULES_ID)))
        throw new NotFoundError('no rules stored from the browser: the rules file is in force');
      await store.write(
        [{ kind: 'rules', id: RULES_ID, value: null, expected: req.query.version }],
        actorOf(p, demo),
        app.clock.now(),
      );
      await app.alerts.reloadRules();
      return res.code(204).send(null);
    },
  );
};

export default routes;
