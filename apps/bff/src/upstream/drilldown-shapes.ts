// The shapes of the drill-down answers kept in the cluster's shared cache, as TypeBox schemas: what
// another instance stored is checked before it is served (a rolling upgrade may have another shape).
import type {
  GroupCallStats,
  NumberCallStats,
  OperatorDetails,
  StatusEvent,
} from '@vigie/axialys-client';
import Type from 'typebox';

const Iso = Type.String();
const OptIso = Type.Optional(Iso);
const OptNumber = Type.Optional(Type.Number());

export const OperatorDetailsShape = Type.Object({
  id: Type.Number(),
  accountId: OptNumber,
  state: Type.Optional(
    Type.Union([
      Type.Literal('available'),
      Type.Literal('ringing'),
      Type.Literal('calling'),
      Type.Literal('connected'),
      Type.Literal('unavailable'),
    ]),
  ),
  breakName: Type.Optional(Type.String()),
  vars: Type.Record(Type.String(), Type.String()),
  serviceNumber: Type.Optional(Type.String()),
  callerNumber: Type.Optional(Type.String()),
  lastLoginAt: OptIso,
  lastLogoutAt: OptIso,
  lastBreakAt: OptIso,
  lastUnbreakAt: OptIso,
  callAnsweredAt: OptIso,
  callId: Type.Optional(Type.String()),
  groupIds: Type.Array(Type.Number()),
  callGroupId: OptNumber,
});

export const StatusEventsShape = Type.Array(
  Type.Object({
    operatorId: Type.Number(),
    // Unknown types are kept, not refused (as the client does).
    type: Type.Unsafe<StatusEvent['type']>(Type.String()),
    startedAt: Iso,
    durationSeconds: Type.Number(),
    callId: Type.Optional(Type.String()),
    info: Type.Optional(Type.String()),
  }),
);

export const NumberCallStatsShape = Type.Object({
  totalDurationSeconds: Type.Number(),
  calls: Type.Number(),
  agentConnectedCalls: Type.Number(),
  realtime: Type.Optional(
    Type.Object({
      activeCalls: OptNumber,
      inConversationCalls: OptNumber,
      oldestCallSince: OptIso,
      oldestInConversationCallSince: OptIso,
    }),
  ),
});

export const GroupCallStatsShape = Type.Object({
  totalDurationSeconds: Type.Number(),
  calls: Type.Number(),
  agentConnectedCalls: Type.Number(),
  realtime: Type.Optional(
    Type.Object({
      activeCalls: OptNumber,
      oldestCallConnectedSince: OptIso,
      oldestCallWaitingSince: OptIso,
    }),
  ),
});

// The client's model and these shapes must say the same: a field added there fails here.
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<Type.Static<typeof OperatorDetailsShape>, OperatorDetails>>();
agree<Same<Type.Static<typeof StatusEventsShape>, StatusEvent[]>>();
agree<Same<Type.Static<typeof NumberCallStatsShape>, NumberCallStats>>();
agree<Same<Type.Static<typeof GroupCallStatsShape>, GroupCallStats>>();
