// The board routes (issue 13 §1): list, read, create, update, duplicate and delete named boards,
// and GET /api/wall/board, the board a wall shows. Stored as kind `board` (the store audits and
// pushes every write); roles in settings/boards.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BoardCreateBodySchema,
  BoardDeleteQuerySchema,
  BoardDuplicateBodySchema,
  BoardParamsSchema,
  BoardSchema,
  BoardsReplySchema,
  BoardUpdateBodySchema,
  DEFAULT_BOARD_ID,
  WallBoardQuerySchema,
  WallBoardReplySchema,
  type Board,
  type BoardFields,
  type Principal,
  type WallBoardReply,
} from '@vigie/contract';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { BadParamError, ConflictError, ForbiddenError, UnauthorizedError } from '../../lib/errors';
import { listMessages, onWall } from '../../settings/ticker';
import { Boards, mayEdit, maySee, mustKnowGroups, mustMayEdit } from '../../settings/boards';
import { actorOf } from '../../settings/roles';
import { errorReplies } from './schemas';

/** Every group id the BFF knows: its directory and the last snapshot. */
export function knownGroups(app: FastifyInstance): Set<number> {
  const ids = new Set<number>(app.source.directory.groups.keys());
  for (const g of app.snapshots.latest?.snapshot.groups ?? []) ids.add(g.id);
  return ids;
}

const fieldsOf = (b: BoardFields): BoardFields => ({
  name: b.name,
  groups: b.groups,
  panels: b.panels,
  density: b.density,
  rotationS: b.rotationS,
  theme: b.theme,
  loggedOut: b.loggedOut,
  sound: b.sound,
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const boards = new Boards(app.history.settings, app.log);
  const demo = app.config.axialys.url === null;
  // Every route here has a principal (the access hook refuses a request without one).
  const who = (p: Principal | null): Principal => {
    if (!p) throw new UnauthorizedError('sign in first');
    return p;
  };
  const write = async (
    p: Principal,
    id: string,
    value: BoardFields | null,
    expected: number | null,
  ) =>
    app.history.settings.write(
      [{ kind: 'board', id, value, expected }],
      actorOf(p, demo),
      app.clock.now(),
    );
  const read = async (id: string): Promise<Board> => {
    const b = await boards.find(id);
    // A write stands; reading it back only fails if it was deleted meanwhile.
    return b ?? (await boards.get(id));
  };
  const config = { access: 'drilldown' } as const;
  // Writes also refuse a foreign Origin, as sign-in does (defence in depth beside SameSite=Lax).
  const writeConfig = { access: 'drilldown', originCheck: true } as const;

  app.get(
    '/api/boards',
    { config, schema: { response: { 200: BoardsReplySchema, ...errorReplies } } },
    async (req) => {
      const p = who(req.principal);
      const all = await boards.list();
      return {
        boards: all.filter((b) => maySee(p, b)).map((b) => ({ ...b, editable: mayEdit(p, b) })),
      };
    },
  );

  app.get(
    '/api/boards/:id',
    {
      config,
      schema: { params: BoardParamsSchema, response: { 200: BoardSchema, ...errorReplies } },
    },
    async (req) => {
      const p = who(req.principal);
      const b = await boards.get(req.params.id);
      if (!maySee(p, b)) throw new ForbiddenError('this board shows groups outside yours');
      return b;
    },
  );

  app.post(
    '/api/boards',
    {
      config: writeConfig,
      schema: { body: BoardCreateBodySchema, response: { 201: BoardSchema, ...errorReplies } },
    },
    async (req, reply) => {
      const p = who(req.principal);
      const { id: wanted, ...rest } = req.body;
      const fields = fieldsOf(rest);
      mustMayEdit(p, wanted ?? '', fields.groups, 'create this board');
      mustKnowGroups(fields.groups, knownGroups(app), 'groups');
      const id = await boards.newId(fields.name, wanted);
      await write(p, id, fields, null).catch((err: unknown) => {
        // Taken between the check and the write: the id is what clashed.
        if (err instanceof ConflictError) throw new ConflictError(err.message, err.current, 'id');
        throw err;
      });
      return reply.code(201).send(await read(id));
    },
  );

  app.put(
    '/api/boards/:id',
    {
      config: writeConfig,
      schema: {
        params: BoardParamsSchema,
        body: BoardUpdateBodySchema,
        response: { 200: BoardSchema, ...errorReplies },
      },
    },
    async (req) => {
      const p = who(req.principal);
      const { id } = req.params;
      const current = await boards.get(id);
      const { version, ...rest } = req.body;
      const fields = fieldsOf(rest);
      // Both what it shows now and what it would show: a lead cannot take over another's board.
      mustMayEdit(p, id, current.groups, 'change this board');
      mustMayEdit(p, id, fields.groups, 'give this board those groups');
      mustKnowGroups(fields.groups, knownGroups(app), 'groups');
      await write(p, id, fields, version);
      return read(id);
    },
  );

  app.post(
    '/api/boards/:id/duplicate',
    {
      config: writeConfig,
      schema: {
        params: BoardParamsSchema,
        body: BoardDuplicateBodySchema,
        response: { 201: BoardSchema, ...errorReplies },
      },
    },
    async (req, reply) => {
      const p = who(req.principal);
      const source = await boards.get(req.params.id);
      if (!maySee(p, source)) throw new ForbiddenError('this board shows groups outside yours');
      const fields = { ...fieldsOf(source), name: req.body.name };
      mustMayEdit(p, req.body.id ?? '', fields.groups, 'duplicate this board');
      const id = await boards.newId(fields.name, req.body.id);
      await write(p, id, fields, null).catch((err: unknown) => {
        if (err instanceof ConflictError) throw new ConflictError(err.message, err.current, 'id');
        throw err;
      });
      return reply.code(201).send(await read(id));
    },
  );

  app.delete(
    '/api/boards/:id',
    {
      config: writeConfig,
      schema: {
        params: BoardParamsSchema,
        querystring: BoardDeleteQuerySchema,
        response: { 204: Type.Null(), ...errorReplies },
      },
    },
    async (req, reply) => {
      const p = who(req.principal);
      const { id } = req.params;
      if (id === DEFAULT_BOARD_ID)
        throw new BadParamError('id', 'the default board cannot be deleted (change it instead)');
      const current = await boards.get(id);
      mustMayEdit(p, id, current.groups, 'delete this board');
      await write(p, id, null, req.query.version);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/wall/board',
    {
      // Screens read it: their board is chosen here, not by the URL they were opened with.
      config: { access: 'wall' },
      schema: {
        querystring: WallBoardQuerySchema,
        response: { 200: WallBoardReplySchema, ...errorReplies },
      },
    },
    async (req): Promise<WallBoardReply> => {
      const p = who(req.principal);
      const pick = async (): Promise<Omit<WallBoardReply, 'ticker'>> => {
        if (req.query.board !== undefined)
          return { ...(await boards.get(req.query.board)), source: 'named' };
        if (p.kind === 'display') {
          const assigned = assignedBoard((await app.history.settings.get('screen', p.name))?.value);
          const b = assigned === null ? null : await boards.find(assigned);
          if (b) return { ...b, source: 'screen' };
        }
        return { ...(await boards.get(DEFAULT_BOARD_ID)), source: 'default' };
      };
      const b = await pick();
      // A team lead's wall is scoped to their groups anyway; a board naming others is refused.
      if (p.groups !== null && b.groups.some((g) => !p.groups?.includes(g)))
        throw new ForbiddenError('this board shows groups outside yours');
      const ticker = onWall(
        await listMessages(app.history.settings, app.log),
        b.id,
        app.clock.now(),
      );
      return { ...b, ticker };
    },
  );
};

/** The `board` a stored screen names (the screens service owns that document), or null. */
function assignedBoard(screen: unknown): string | null {
  if (typeof screen !== 'object' || screen === null) return null;
  const board = (screen as { board?: unknown }).board;
  return typeof board === 'string' && board.length > 0 ? board : null;
}

export default routes;
