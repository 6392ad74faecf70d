// POST /api/boards and PUT /api/boards/:id, the least the wall's tests need to store a board.
// Interim: fix/boards owns the boards' routes (list, duplicate, delete, export); at the merge its
// routes/api/boards.ts replaces this file, with the same paths and bodies.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BoardFieldsSchema,
  BoardIdSchema,
  BoardSchema,
  VersionSchema,
  type Board,
  type BoardFields,
} from '@vigie/contract';
import Type from 'typebox';
import type { StoredDoc } from '../../history/settings-store';
import { actorOf, mustCoverGroups } from '../../settings/roles';
import { errorReplies } from './schemas';

// One object each (an intersection of two closed objects would refuse every body).
const CreateBodySchema = Type.Object(
  { ...BoardFieldsSchema.properties, id: BoardIdSchema },
  { additionalProperties: false },
);
const UpdateBodySchema = Type.Object(
  { ...BoardFieldsSchema.properties, version: VersionSchema },
  { additionalProperties: false },
);

const boardOf = (doc: StoredDoc, fields: BoardFields): Board => ({
  id: doc.id,
  ...fields,
  version: doc.version,
  updatedAt: doc.updatedAt,
  updatedBy: doc.updatedBy,
});

const fieldsOf = ({
  name,
  groups,
  panels,
  density,
  rotationS,
  theme,
  loggedOut,
  sound,
}: BoardFields) => ({
  name,
  groups,
  panels,
  density,
  rotationS,
  theme,
  loggedOut,
  sound,
});

const routes: FastifyPluginAsyncTypebox<{ demo: boolean }> = async (app, { demo }) => {
  const store = app.history.settings;
  app.post(
    '/api/boards',
    {
      config: { access: 'drilldown' },
      schema: { body: CreateBodySchema, response: { 201: BoardSchema, ...errorReplies } },
    },
    async (req, reply) => {
      const p = req.principal;
      if (p) mustCoverGroups(p, req.body.groups, 'create this board');
      const fields = fieldsOf(req.body);
      const actor = p ? actorOf(p, demo) : 'anonymous';
      const [doc] = await store.write(
        [{ kind: 'board', id: req.body.id, value: fields, expected: null }],
        actor,
        Date.now(),
      );
      void reply.code(201);
      return boardOf(doc!, fields);
    },
  );
  app.put(
    '/api/boards/:id',
    {
      config: { access: 'drilldown' },
      schema: {
        params: Type.Object({ id: BoardIdSchema }),
        body: UpdateBodySchema,
        response: { 200: BoardSchema, ...errorReplies },
      },
    },
    async (req) => {
      const p = req.principal;
      if (p) mustCoverGroups(p, req.body.groups, 'change this board');
      const fields = fieldsOf(req.body);
      const actor = p ? actorOf(p, demo) : 'anonymous';
      const [doc] = await store.write(
        [{ kind: 'board', id: req.params.id, value: fields, expected: req.body.version }],
        actor,
        Date.now(),
      );
      return boardOf(doc!, fields);
    },
  );
};

export default routes;
