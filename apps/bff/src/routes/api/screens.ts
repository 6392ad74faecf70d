// GET/POST /api/screens, PUT/DELETE /api/screens/:id (issue 13 §2): the wall screens, made and
// revoked in the browser by supervisors; the file/env ones listed read-only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DEFAULT_BOARD_ID,
  ScreenCreateBodySchema,
  ScreenCreatedReplySchema,
  ScreenDeleteQuerySchema,
  ScreenListReplySchema,
  ScreenParamsSchema,
  ScreenSchema,
  ScreenUpdateBodySchema,
  type Principal,
  type Screen,
} from '@vigie/contract';
import Type from 'typebox';
import { checked } from '../../lib/checked-json';
import { BadParamError, ConflictError, NotFoundError } from '../../lib/errors';
import { actorOf, mustBeSupervisor } from '../../settings/roles';
import {
  newScreenToken,
  slugOf,
  StoredScreenSchema,
  tokenHashOf,
  type StoredScreen,
} from '../../settings/screens';
import type { SeenEntry } from '../../settings/screen-presence';
import { errorReplies } from './schemas';

const iso = (ms: number) => new Date(ms).toISOString();

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const settings = app.history.settings;
  const { credentials } = app.auth;
  const demo = app.auth.mode === 'demo';

  const supervisor = (p: Principal | null, what: string): Principal => {
    if (!p) throw new Error('the access hook let a request through without a principal');
    mustBeSupervisor(p, what);
    return p;
  };

  /** null for the default board (what /api/wall/board reads as "the default one"). */
  const boardOf = async (board: string | null | undefined): Promise<string | null> => {
    if (board === undefined || board === null || board === DEFAULT_BOARD_ID) return null;
    if (!(await settings.get('board', board)))
      throw new BadParamError('board', `no board "${board}": create it first, or pick another`);
    return board;
  };

  const fileScreen = (name: string) =>
    credentials.fileDisplays().some((d) => d.name === name) ? name : null;

  const readOnly = (id: string) =>
    new BadParamError(
      'id',
      `screen "${id}" comes from ${credentials.displaySource}: it is read-only here; change it there`,
    );

  const uiScreen = (
    id: string,
    v: StoredScreen,
    stamp: { version: number; updatedAt: string; updatedBy: string },
    seen: ReadonlyMap<string, SeenEntry>,
  ): Screen => ({
    id,
    name: v.name,
    board: v.board,
    source: 'ui',
    ...presence(seen.get(`display:${id}`)),
    version: stamp.version,
    updatedAt: stamp.updatedAt,
    updatedBy: stamp.updatedBy,
    origin: null,
  });

  const presence = (e: SeenEntry | undefined) => ({
    online: e?.online ?? false,
    lastSeenAt: e ? iso(e.at) : null,
    lastAddress: e && e.address !== '' ? e.address : null,
  });

  /** The stored screen, read from the store (not the cache): a write must see the latest. */
  const stored = async (id: string) => {
    const doc = await settings.get('screen', id);
    if (!doc) return null;
    const value = checked(StoredScreenSchema, doc.value, app.log, `screen "${id}"`);
    return value ? { doc, value } : null;
  };

  app.get(
    '/api/screens',
    {
      config: { access: 'drilldown' },
      schema: { response: { 200: ScreenListReplySchema, ...errorReplies } },
    },
    async (req, reply) => {
      supervisor(req.principal, 'list the screens');
      const seen = await app.screens.presence.all(app.clock.now());
      const ui = app.screens.directory.list().map((d) => uiScreen(d.id, d.value, d, seen));
      const files: Screen[] = credentials.fileDisplays().map((d) => ({
        id: d.name,
        name: d.name,
        board: null,
        source: 'file',
        ...presence(seen.get(`display:${d.name}`)),
        version: null,
        updatedAt: null,
        updatedBy: null,
        origin: credentials.displaySource,
      }));
      reply.header('cache-control', 'no-store');
      return { screens: [...ui, ...files].sort((a, b) => a.name.localeCompare(b.name)) };
    },
  );

  app.post(
    '/api/screens',
    {
      config: { access: 'drilldown', originCheck: true },
      schema: {
        body: ScreenCreateBodySchema,
        response: { 201: ScreenCreatedReplySchema, ...errorReplies },
      },
    },
    async (req, reply) => {
      const p = supervisor(req.principal, 'create a screen');
      const name = req.body.name.trim();
      if (name === '') throw new BadParamError('name', 'the name is blank');
      const board = await boardOf(req.body.board);
      const token = newScreenToken();
      const value: StoredScreen = { name, board, tokenHash: tokenHashOf(token) };
      const base = slugOf(name);
      // The id comes from the name; a taken one (here or in the tokens file) gets a suffix.
      for (let n = 1; n <= 50; n++) {
        const id = n === 1 ? base : `${base.slice(0, 44)}-${n}`;
        if (fileScreen(id) !== null) continue;
        try {
          const [doc] = await settings.write(
            [{ kind: 'screen', id, value, expected: null, audit: { name, board } }],
            actorOf(p, demo),
            app.clock.now(),
          );
          if (!doc) throw new Error('the store returned no document');
          // Here at once (other instances hear the change feed).
          await app.screens.directory.refresh();
          req.log.info({ event: 'screen-created', screen: id }, 'screen created');
          const origin = app.config.auth.publicOrigin ?? `${req.protocol}://${req.host}`;
          reply.code(201).header('cache-control', 'no-store');
          return {
            screen: uiScreen(id, value, doc, new Map()),
            token,
            link: `${origin}/wall?token=${token}`,
          };
        } catch (err) {
          if (err instanceof ConflictError && err.current !== null) continue;
          throw err;
        }
      }
      throw new BadParamError('name', `too many screens named like "${name}": pick another name`);
    },
  );

  app.put(
    '/api/screens/:id',
    {
      config: { access: 'drilldown', originCheck: true },
      schema: {
        params: ScreenParamsSchema,
        body: ScreenUpdateBodySchema,
        response: { 200: ScreenSchema, ...errorReplies },
      },
    },
    async (req) => {
      const p = supervisor(req.principal, 'change a screen');
      const { id } = req.params;
      if (fileScreen(id) !== null) throw readOnly(id);
      const cur = await stored(id);
      if (!cur) throw new NotFoundError(`no screen "${id}"`);
      const name = req.body.name === undefined ? cur.value.name : req.body.name.trim();
      if (name === '') throw new BadParamError('name', 'the name is blank');
      const board = req.body.board === undefined ? cur.value.board : await boardOf(req.body.board);
      const value: StoredScreen = { ...cur.value, name, board };
      const [doc] = await settings.write(
        [{ kind: 'screen', id, value, expected: req.body.version, audit: { name, board } }],
        actorOf(p, demo),
        app.clock.now(),
      );
      if (!doc) throw new Error('the store returned no document');
      await app.screens.directory.refresh();
      const seen = await app.screens.presence.all(app.clock.now());
      return uiScreen(id, value, doc, seen);
    },
  );

  app.delete(
    '/api/screens/:id',
    {
      config: { access: 'drilldown', originCheck: true },
      schema: {
        params: ScreenParamsSchema,
        querystring: ScreenDeleteQuerySchema,
        response: { 204: Type.Null(), ...errorReplies },
      },
    },
    async (req, reply) => {
      const p = supervisor(req.principal, 'revoke a screen');
      const { id } = req.params;
      if (fileScreen(id) !== null) throw readOnly(id);
      if (!(await settings.get('screen', id))) throw new NotFoundError(`no screen "${id}"`);
      await settings.write(
        [{ kind: 'screen', id, value: null, expected: req.query.version }],
        actorOf(p, demo),
        app.clock.now(),
      );
      // The refresh ends its streams here; the other instances do the same on the change feed.
      await app.screens.directory.refresh();
      req.log.info({ event: 'screen-revoked', screen: id }, 'screen revoked');
      return reply.code(204).send(null);
    },
  );
};

export default routes;
