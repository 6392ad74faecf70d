// Alert acknowledgements (issue 13 §5): POST/DELETE /api/alerts/:id/ack (supervisors) and GET
// /api/alerts/acks, the acks in force that the wall and the supervisor view merge by alert id.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ACK_MAX_SNOOZE_MS,
  AckFieldsSchema,
  AcknowledgementSchema,
  AcksReplySchema,
  AlertIdParamsSchema,
} from '@vigie/contract';
import Type from 'typebox';
import { BadParamError, NotFoundError } from '../../lib/errors';
import { acksInForce, publicAck, type StoredAck } from '../../settings/acks';
import { actorOf, mustBeSupervisor, principalOf } from '../../settings/roles';
import { errorReplies } from './schemas';

const UnackQuerySchema = Type.Object({
  /** Optional: an un-ack races nobody's edit, but a page that read a version may name it. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const store = app.history.settings;
  const demo = app.config.axialys.url === null;
  const alertsNow = () => app.snapshots.latest?.snapshot.alerts ?? [];

  app.get(
    '/api/alerts/acks',
    {
      // The wall shows acknowledged alerts quieter: displays read it too.
      config: { access: 'wall' },
      schema: { response: { 200: AcksReplySchema, ...errorReplies } },
    },
    async (req) => {
      const snapshot = app.snapshots.latest?.snapshot;
      const operatorGroups = new Map(
        (snapshot?.operators ?? []).map((o) => [String(o.id), o.groups] as const),
      );
      return {
        acks: await acksInForce(
          store,
          alertsNow(),
          principalOf(req),
          operatorGroups,
          app.clock.now(),
          app.log,
        ),
      };
    },
  );

  app.post(
    '/api/alerts/:id/ack',
    {
      config: { access: 'drilldown' },
      schema: {
        params: AlertIdParamsSchema,
        body: AckFieldsSchema,
        response: { 201: AcknowledgementSchema, ...errorReplies },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      // Issue 13: team leads shape boards and tickers only; acknowledging is a supervisor's call.
      mustBeSupervisor(p, 'acknowledge an alert');
      const now = app.clock.now();
      const alert = alertsNow().find((a) => a.id === req.params.id);
      if (!alert) throw new NotFoundError(`no active alert "${req.params.id}"`);
      const { note, until } = req.body;
      if (until !== undefined) {
        const at = Date.parse(until);
        if (!(at > now)) throw new BadParamError('until', 'until must be in the future');
        if (at - now > ACK_MAX_SNOOZE_MS)
          throw new BadParamError('until', 'until must be at most 24 hours away');
      }
      const actor = actorOf(p, demo);
      const value: StoredAck = {
        alertId: alert.id,
        by: actor,
        at: new Date(now).toISOString(),
        note: note?.trim() ? note.trim() : null,
        until: until === undefined ? null : new Date(Date.parse(until)).toISOString(),
        alertSince: alert.since,
      };
      const had = await store.get('ack', alert.id);
      // A second ack (a new note, a new snooze) replaces the first one of this alert's life.
      await store.write(
        [{ kind: 'ack', id: alert.id, value, expected: had?.version ?? null }],
        actor,
        now,
      );
      return reply.code(201).send(publicAck(value));
    },
  );

  app.delete(
    '/api/alerts/:id/ack',
    {
      config: { access: 'drilldown' },
      schema: {
        params: AlertIdParamsSchema,
        querystring: UnackQuerySchema,
        response: { 204: Type.Null(), ...errorReplies },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      mustBeSupervisor(p, 'withdraw an acknowledgement');
      const had = await store.get('ack', req.params.id);
      if (!had) throw new NotFoundError(`alert "${req.params.id}" is not acknowledged`);
      await store.write(
        [
          {
            kind: 'ack',
            id: had.id,
            value: null,
            expected: req.query.version ?? had.version,
          },
        ],
        actorOf(p, demo),
        app.clock.now(),
      );
      return reply.code(204).send(null);
    },
  );
};

export default routes;
