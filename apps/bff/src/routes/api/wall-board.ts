// GET /api/wall/board?board=<id>: the board a wall draws (issue 13 §1, §2). A screen's token reads
// it too (access `wall`); without `?board` a screen gets the board it is assigned, else the default.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BoardIdSchema,
  DEFAULT_BOARD_ID,
  WallBoardQuerySchema,
  WallBoardReplySchema,
} from '@vigie/contract';
import Type from 'typebox';
import { checked } from '../../lib/checked-json';
import { NotFoundError } from '../../lib/errors';
import { mustSeeBoard, readBoard } from '../../settings/boards';
import { errorReplies } from './schemas';

/** What the wall needs of a stored screen (the screens' own schema has more, never read here). */
const ScreenAssignmentSchema = Type.Object({ board: Type.Union([BoardIdSchema, Type.Null()]) });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const store = app.history.settings;
  app.get(
    '/api/wall/board',
    {
      config: { access: 'wall' },
      schema: {
        querystring: WallBoardQuerySchema,
        response: { 200: WallBoardReplySchema, ...errorReplies },
      },
    },
    async (req) => {
      const p = req.principal;
      const named = req.query.board;
      if (named !== undefined) {
        const board = await readBoard(store, named, 'named', req.log);
        if (!board) throw new NotFoundError(`no board "${named}"`);
        if (p) mustSeeBoard(p, board);
        return board;
      }
      if (p?.kind === 'display') {
        const doc = await store.get('screen', p.name);
        const assigned = doc
          ? checked(ScreenAssignmentSchema, doc.value, req.log, `screen ${p.name}`)?.board
          : null;
        // An assignment to a board deleted since: the default, rather than a blank TV.
        const board = assigned ? await readBoard(store, assigned, 'screen', req.log) : null;
        if (board) return board;
      }
      const board = await readBoard(store, DEFAULT_BOARD_ID, 'default', req.log);
      // readBoard always has a default; the check keeps the types honest.
      if (!board) throw new NotFoundError('no default board');
      return board;
    },
  );
};

export default routes;
