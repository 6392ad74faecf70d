// GET /api/settings/export and POST /api/settings/import: boards and per-queue settings as one
// JSON file (issue 13), for a second site or a backup. Supervisors only: the file spans every group.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SettingsExportSchema, SettingsImportReplySchema } from '@vigie/contract';
import Type from 'typebox';
import { UnauthorizedError } from '../../lib/errors';
import { actorOf, mustBeSupervisor } from '../../settings/roles';
import { exportFile, importWrites } from '../../settings/transfer';
import { knownGroups } from './boards';
import { errorReplies } from './schemas';

/** Room for a few hundred boards and every queue's settings. */
const IMPORT_BODY_LIMIT_BYTES = 512 * 1024;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const demo = app.config.axialys.url === null;
  const config = { access: 'drilldown' } as const;

  app.get(
    '/api/settings/export',
    { config, schema: { response: { 200: SettingsExportSchema, ...errorReplies } } },
    async (req, reply) => {
      if (req.principal) mustBeSupervisor(req.principal, 'export the settings');
      const file = await exportFile(app.history.settings, req.log, app.clock.now());
      const day = file.exportedAt.slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="vigie-settings-${day}.json"`)
        .send(file);
    },
  );

  app.post(
    '/api/settings/import',
    {
      config: { ...config, originCheck: true },
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      // Checked in the handler, whole, so the 400 names the field's full path (boards[2].density).
      schema: {
        body: Type.Unknown(),
        response: { 200: SettingsImportReplySchema, ...errorReplies },
      },
    },
    async (req) => {
      const p = req.principal;
      if (!p) throw new UnauthorizedError('sign in first');
      mustBeSupervisor(p, 'import settings');
      const writes = importWrites(req.body, knownGroups(app), app.queues);
      // One write: every board and queue or none (the store is all-or-nothing).
      if (writes.length > 0)
        await app.history.settings.write(writes, actorOf(p, demo), app.clock.now(), 'import');
      return {
        boards: writes.filter((w) => w.kind === 'board').length,
        queues: writes.filter((w) => w.kind === 'queue').length,
      };
    },
  );
};

export default routes;
