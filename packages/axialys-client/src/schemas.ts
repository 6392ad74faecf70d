// zod schemas per endpoint: validate a wire record and map it to the model (unknown fields dropped).
import { z } from 'zod';
import type {
  Group,
  GroupCallStats,
  GroupSupervision,
  NumberCallStats,
  Operator,
  OperatorDetails,
  OperatorState,
  OperatorStatus,
  StatusEvent,
} from './model';
import {
  NormaliseError,
  isBlank,
  parseApiDate,
  parseId,
  parseIdList,
  parseNumber,
  parsePhone,
  parseSeconds,
  parseText,
  parseVars,
} from './normalise';

/** A field: runs a converter on whatever came (missing included) and reports its error in place. */
function field<T>(convert: (value: unknown) => T, required = false) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      try {
        const out = convert(value);
        if (required && out === undefined) {
          ctx.addIssue({ code: 'custom', message: 'missing (required by the guide)' });
          return z.NEVER;
        }
        return out;
      } catch (error) {
        if (!(error instanceof NormaliseError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
        return z.NEVER;
      }
    });
}

const optId = field(parseId);
const reqId = field((v) => parseId(v) as number, true);
const text = field(parseText);
const reqText = field((v) => parseText(v) as string, true);
const phone = field(parsePhone);
const count = field(parseNumber);
const reqCount = field((v) => parseNumber(v) as number, true);
/** guide 4.3 has no "Mandatory" column: a count or time left blank (no calls yet) reads as 0. */
const zeroCount = field((v) => parseNumber(v) ?? 0);
const zeroSeconds = field((v) => parseSeconds(v) ?? 0);
const reqSeconds = field((v) => parseSeconds(v) as number, true);
const idList = field(parseIdList);
const vars = field(parseVars);

const STATES: readonly OperatorState[] = [
  'available',
  'ringing',
  'calling',
  'connected',
  'unavailable',
];
// guide 3.2 spells the first state "vailable"; accepted in case the service does too.
const state = field((value): OperatorState | undefined => {
  if (isBlank(value)) return undefined;
  const s = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (s === 'vailable') return 'available';
  if (STATES.includes(s as OperatorState)) return s as OperatorState;
  throw new NormaliseError(`unknown operator state ${JSON.stringify(value)}`);
});

/** Drops the keys whose value is undefined (exactOptionalPropertyTypes: absent, not undefined). */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
function compact<T extends object>(record: T): Compact<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  ) as Compact<T>;
}

/** The schemas of one client: dates read in the account's zone. */
export function makeSchemas(zone: string) {
  const date = field((v) => parseApiDate(v, zone));
  const reqDate = field((v) => parseApiDate(v, zone) as string, true);

  // guide 3.1 (fields from the provider's FAQ, API-NOTES)
  const operator = z
    .object({ id: reqId, realname: text, name: text, email: text, login: text })
    .transform((r): Operator =>
      compact({ id: r.id, name: r.realname ?? r.name, email: r.email, login: r.login }),
    );

  // guide 3.2
  const operatorStatus = z
    .object({
      id: reqId,
      etat: state,
      ui_login: date,
      ui_logout: date,
      pause: text, // the break's name despite the guide's "Date" (docs/axialys-wire.md)
      ui_pause: date,
      ui_unpause: date,
      groups: idList,
    })
    .transform((r): OperatorStatus =>
      compact({
        id: r.id,
        state: r.etat,
        lastLoginAt: r.ui_login,
        lastLogoutAt: r.ui_logout,
        breakName: r.pause,
        lastBreakAt: r.ui_pause,
        lastUnbreakAt: r.ui_unpause,
        groupIds: r.groups,
      }),
    );

  // guide 3.3 (`id` typed "Email address" by a typo: it is an id)
  const group = z
    .object({ id: reqId, name: text, group_name: text })
    .transform((r): Group => compact({ id: r.id, name: r.name ?? r.group_name }));

  // guide 3.4
  const statusEvent = z
    .object({
      id_op: reqId,
      duration: zeroSeconds, // an event still open may have no duration yet
      date: reqDate,
      id_call: text,
      infos: text,
      type: reqText,
    })
    .transform((r): StatusEvent =>
      compact({
        operatorId: r.id_op,
        type: r.type,
        startedAt: r.date,
        durationSeconds: r.duration,
        callId: r.id_call,
        info: r.infos,
      }),
    );

  // guide 3.5: lists `id` twice (billing account, operator); see operatorIds below.
  const operatorDetails = (requestedId: number) =>
    z
      .object({
        id: optId,
        id_op: optId,
        id_account: optId,
        state: state,
        etat: state,
        break: text,
        pause: text,
        vars,
        service_number: phone,
        caller_number: phone,
        ui_login: date,
        ui_logout: date,
        ui_pause: date,
        ui_unpause: date,
        dt_answer: date,
        id_appel: text,
        groups: idList,
        id_group: optId,
      })
      .transform((r): OperatorDetails => {
        const ids = operatorIds(r, requestedId);
        return compact({
          id: ids.id,
          accountId: ids.accountId,
          state: r.state ?? r.etat,
          breakName: r.break ?? r.pause,
          vars: r.vars,
          serviceNumber: r.service_number,
          callerNumber: r.caller_number,
          lastLoginAt: r.ui_login,
          lastLogoutAt: r.ui_logout,
          lastBreakAt: r.ui_pause,
          lastUnbreakAt: r.ui_unpause,
          callAnsweredAt: r.dt_answer,
          callId: r.id_appel,
          groupIds: r.groups,
          callGroupId: r.id_group,
        });
      });

  // guide 4.1 (total_duration, calls_count, agent_connected_calls_count are mandatory)
  const numberCallStats = (includeRealtime: boolean) =>
    z
      .object({
        total_duration: reqSeconds,
        calls_count: reqCount,
        agent_connected_calls_count: reqCount,
        active_calls: count,
        in_conversation_calls: count,
        oldest_call_since: date,
        oldest_in_conversation_call_since: date,
      })
      .transform((r): NumberCallStats => {
        const realtime = compact({
          activeCalls: r.active_calls,
          inConversationCalls: r.in_conversation_calls,
          oldestCallSince: r.oldest_call_since,
          oldestInConversationCallSince: r.oldest_in_conversation_call_since,
        });
        return withRealtime(
          {
            totalDurationSeconds: r.total_duration,
            calls: r.calls_count,
            agentConnectedCalls: r.agent_connected_calls_count,
          },
          realtime,
          includeRealtime,
        );
      });

  // guide 4.2
  const groupCallStats = (includeRealtime: boolean) =>
    z
      .object({
        total_duration: reqSeconds,
        calls_count: reqCount,
        agent_connected_calls_count: reqCount,
        active_calls: count,
        oldest_call_connected_since: date,
        oldest_call_waiting_since: date,
      })
      .transform((r): GroupCallStats => {
        const realtime = compact({
          activeCalls: r.active_calls,
          oldestCallConnectedSince: r.oldest_call_connected_since,
          oldestCallWaitingSince: r.oldest_call_waiting_since,
        });
        return withRealtime(
          {
            totalDurationSeconds: r.total_duration,
            calls: r.calls_count,
            agentConnectedCalls: r.agent_connected_calls_count,
          },
          realtime,
          includeRealtime,
        );
      });

  // guide 4.3: the group's id is the echoed `group_id`, else `id`, else the list key / request.
  const groupSupervision = (fallbackId: number | undefined) =>
    z
      .object({
        group_id: optId,
        id: optId,
        group_name: text,
        // The day's count every other figure is out of: without it the record says nothing, and
        // reading 0 would zero the board and the coverage history (issue 10).
        nbr_global: reqCount,
        nbr_global_reel: zeroCount,
        nbr_escalades: zeroCount,
        pourc_decroche: zeroCount,
        nbr_comm: zeroCount,
        nbr_attente: zeroCount,
        nbr_perdus: zeroCount,
        nbr_perdus_reel: zeroCount,
        tps_max_attente: zeroSeconds,
        tps_moyen_attente: zeroSeconds,
        tps_moyen_comm: zeroSeconds,
        tps_moyen_abandon: zeroSeconds,
        tps_moyen_catchup: zeroSeconds,
        nbr_appels_attente_moins1m: zeroCount,
        nbr_appels_attente_1a3m: zeroCount,
        nbr_appels_attente_3mplus: zeroCount,
        nbr_abandonne: zeroCount,
        nbr_repondu: zeroCount,
      })
      .superRefine((r, ctx) => {
        if (r.group_id === undefined && r.id === undefined && fallbackId === undefined) {
          ctx.addIssue({ code: 'custom', path: ['group_id'], message: 'missing group id' });
        }
      })
      .transform((r): GroupSupervision =>
        compact({
          groupId: (r.group_id ?? r.id ?? fallbackId) as number,
          groupName: r.group_name,
          calls: r.nbr_global,
          uniqueCalls: r.nbr_global_reel,
          escalated: r.nbr_escalades,
          answeredPercent: r.pourc_decroche,
          inConversation: r.nbr_comm,
          waiting: r.nbr_attente,
          lost: r.nbr_perdus,
          uniqueLost: r.nbr_perdus_reel,
          maxWaitSeconds: r.tps_max_attente,
          averageWaitSeconds: r.tps_moyen_attente,
          averageTalkSeconds: r.tps_moyen_comm,
          averageAbandonSeconds: r.tps_moyen_abandon,
          averageCatchupSeconds: r.tps_moyen_catchup,
          waitingUnder1m: r.nbr_appels_attente_moins1m,
          waiting1to3m: r.nbr_appels_attente_1a3m,
          waitingOver3m: r.nbr_appels_attente_3mplus,
          abandonedWithin: r.nbr_abandonne,
          answeredWithin: r.nbr_repondu,
        }),
      );

  return {
    operator,
    operatorStatus,
    group,
    statusEvent,
    operatorDetails,
    numberCallStats,
    groupCallStats,
    groupSupervision,
  };
}

/** A bare group-stats record is recognised by its guide 4.3 counters. */
export function looksLikeSupervision(value: Record<string, unknown>): boolean {
  return 'nbr_global' in value || 'nbr_attente' in value || 'group_name' in value;
}

/**
 * guide 3.5 lists `id` twice: operator and billing account. With `id_op` present, `id` is the
 * account; with `id_account` present (the simulator), `id` is the operator; otherwise `id` is the
 * operator only if it matches the id asked for. The id asked for is the fallback.
 */
function operatorIds(
  r: { id: number | undefined; id_op: number | undefined; id_account: number | undefined },
  requestedId: number,
): { id: number; accountId: number | undefined } {
  if (r.id_op !== undefined) return { id: r.id_op, accountId: r.id_account ?? r.id };
  if (r.id_account !== undefined) return { id: r.id ?? requestedId, accountId: r.id_account };
  if (r.id === undefined || r.id === requestedId) return { id: requestedId, accountId: undefined };
  return { id: requestedId, accountId: r.id };
}

function withRealtime<B extends object, R extends object>(
  base: B,
  realtime: R,
  requested: boolean,
): B & { realtime?: R } {
  return requested || Object.keys(realtime).length > 0 ? { ...base, realtime } : base;
}
