// The message ticker (issue 13 §4): POST/PUT/DELETE /api/ticker, GET /api/ticker?board= (what a
// wall shows now) and GET /api/ticker/messages (current and past, with who posted them).
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  DEFAULT_BOARD_ID,
  TickerIdParamsSchema,
  TickerListReplySchema,
  TickerMessageSchema,
  TickerFieldsSchema,
  TickerUpdateBodySchema,
  TickerWallQuerySchema,
  TickerWallReplySchema,
  VersionQuerySchema,
  type TickerFields,
  type TickerMessage,
} from '@vigie/contract';
import { NotFoundError } from '../../lib/errors';
import { actorOf, mustCoverGroups, principalOf } from '../../settings/roles';
import {
  checkExpiry,
  groupsOfBoards,
  listMessages,
  messageOf,
  onWall,
  type StoredTicker,
} from '../../settings/ticker';
import { errorReplies } from './schemas';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const store = app.history.settings;
  const demo = app.config.axialys.url === null;
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Team leads: every board the message is (or would be) on must show only their groups. */
  const mayTouch = async (
    req: { principal: Parameters<typeof principalOf>[0]['principal'] },
    boards: TickerFields['boards'],
    what: string,
  ) => mustCoverGroups(principalOf(req), await groupsOfBoards(store, boards, app.log), what);

  const current = async (id: string): Promise<TickerMessage> => {
    const doc = await store.get('ticker', id);
    const m = doc ? messageOf(doc, app.log) : null;
    if (!m) throw new NotFoundError(`no ticker message "${id}"`);
    return m;
  };

  app.get(
    '/api/ticker',
    {
      // What the wall shows: displays read it too.
      config: { access: 'wall' },
      schema: {
        querystring: TickerWallQuerySchema,
        response: { 200: TickerWallReplySchema, ...errorReplies },
      },
    },
    async (req) => {
      const board = req.query.board ?? DEFAULT_BOARD_ID;
      return {
        board,
        messages: onWall(await listMessages(store, app.log), board, app.clock.now()),
      };
    },
  );

  app.get(
    '/api/ticker/messages',
    {
      config: { access: 'drilldown' },
      schema: { response: { 200: TickerListReplySchema, ...errorReplies } },
    },
    async () => ({ messages: await listMessages(store, app.log) }),
  );

  app.post(
    '/api/ticker',
    {
      config: { access: 'drilldown' },
      schema: {
        body: TickerFieldsSchema,
        response: { 201: TickerMessageSchema, ...errorReplies },
      },
    },
    async (req, reply) => {
      const now = app.clock.now();
      const body = req.body;
      checkExpiry(body.expiresAt, now);
      await mayTouch(req, body.boards, 'post a ticker message');
      const actor = actorOf(principalOf(req), demo);
      const id = `t-${randomBytes(9).toString('base64url')}`;
      const value: StoredTicker = {
        text: body.text,
        severity: body.severity,
        expiresAt: iso(Date.parse(body.expiresAt)),
        boards: body.boards,
        postedAt: iso(now),
        postedBy: actor,
      };
      await store.write([{ kind: 'ticker', id, value, expected: null }], actor, now);
      return reply.code(201).send(await current(id));
    },
  );

  app.put(
    '/api/ticker/:id',
    {
      config: { access: 'drilldown' },
      schema: {
        params: TickerIdParamsSchema,
        body: TickerUpdateBodySchema,
        response: { 200: TickerMessageSchema, ...errorReplies },
      },
    },
    async (req) => {
      const now = app.clock.now();
      const before = await current(req.params.id);
      const b = req.body;
      // Ending now is the one way to set an expiry that is not in the future.
      const expiresAt = b.end === true ? iso(now) : (b.expiresAt ?? before.expiresAt);
      if (b.end !== true && b.expiresAt !== undefined) checkExpiry(b.expiresAt, now);
      const boards = b.boards ?? before.boards;
      await mayTouch(req, before.boards, 'change this ticker message');
      if (b.boards) await mayTouch(req, boards, 'change this ticker message');
      const actor = actorOf(principalOf(req), demo);
      const value: StoredTicker = {
        text: b.text ?? before.text,
        severity: b.severity ?? before.severity,
        expiresAt: iso(Date.parse(expiresAt)),
        boards,
        postedAt: before.postedAt,
        postedBy: before.postedBy,
      };
      await store.write(
        [{ kind: 'ticker', id: before.id, value, expected: b.version }],
        actor,
        now,
      );
      return current(before.id);
    },
  );

  app.delete(
    '/api/ticker/:id',
    {
      config: { access: 'drilldown' },
      schema: {
        params: TickerIdParamsSchema,
        querystring: VersionQuerySchema,
        response: { 204: Type.Null(), ...errorReplies },
      },
    },
    async (req, reply) => {
      const before = await current(req.params.id);
      await mayTouch(req, before.boards, 'delete this ticker message');
      const actor = actorOf(principalOf(req), demo);
      await store.write(
        [{ kind: 'ticker', id: before.id, value: null, expected: req.query.version }],
        actor,
        app.clock.now(),
      );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
