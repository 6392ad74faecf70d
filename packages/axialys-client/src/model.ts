// The clean model the client turns the Voice Management API into: English names, ISO instants,
// seconds as numbers, arrays for lists. Fields the API may omit are optional, never empty strings.

/** guide 3.2: operator states (the guide's "vailable" is a typo of "available"). */
export type OperatorState = 'available' | 'ringing' | 'calling' | 'connected' | 'unavailable';

/** An ISO 8601 instant with an offset, e.g. `2026-11-27T13:02:00.000+01:00`. */
export type IsoInstant = string;

/** guide 3.1 */
export interface Operator {
  id: number;
  name?: string; // `realname`
  email?: string;
  login?: string;
}

/** guide 3.2 */
export interface OperatorStatus {
  id: number;
  state?: OperatorState; // `etat`
  lastLoginAt?: IsoInstant; // `ui_login`
  lastLogoutAt?: IsoInstant; // `ui_logout`
  breakName?: string; // `pause`: the current break, absent when none
  lastBreakAt?: IsoInstant; // `ui_pause`
  lastUnbreakAt?: IsoInstant; // `ui_unpause`
  groupIds: number[]; // `groups`
}

/** guide 3.3 */
export interface Group {
  id: number;
  name?: string;
}

export type StatusEventType = 'call_in' | 'call_out' | 'break' | 'login' | 'catchup';

/** guide 3.4: one event of the status history. */
export interface StatusEvent {
  operatorId: number; // `id_op`
  type: StatusEventType | (string & {}); // unknown types are kept, not refused
  startedAt: IsoInstant; // `date`
  durationSeconds: number; // `duration`
  callId?: string; // `id_call`
  info?: string; // `infos`
}

/** guide 3.5 */
export interface OperatorDetails {
  id: number; // operator id
  accountId?: number; // the guide's first `id` (billing account), `id_account` in the simulator
  state?: OperatorState;
  breakName?: string; // `break`
  vars: Record<string, string>; // service variables
  serviceNumber?: string; // E.164 without plus
  callerNumber?: string; // E.164 without plus
  lastLoginAt?: IsoInstant;
  lastLogoutAt?: IsoInstant;
  lastBreakAt?: IsoInstant;
  lastUnbreakAt?: IsoInstant;
  callAnsweredAt?: IsoInstant; // `dt_answer`: start of the current call
  callId?: string; // `id_appel`
  groupIds: number[]; // `groups`
  callGroupId?: number; // `id_group`: group of the current call
}

/** guide 4.1 */
export interface NumberCallStats {
  totalDurationSeconds: number;
  calls: number; // `calls_count`
  agentConnectedCalls: number; // `agent_connected_calls_count`
  realtime?: {
    activeCalls?: number;
    inConversationCalls?: number;
    oldestCallSince?: IsoInstant;
    oldestInConversationCallSince?: IsoInstant;
  };
}

/** guide 4.2 */
export interface GroupCallStats {
  totalDurationSeconds: number;
  calls: number;
  agentConnectedCalls: number;
  realtime?: {
    activeCalls?: number;
    oldestCallConnectedSince?: IsoInstant;
    oldestCallWaitingSince?: IsoInstant;
  };
}

/** guide 4.3: supervision figures of one group. Times in seconds. */
export interface GroupSupervision {
  groupId: number;
  groupName?: string; // `group_name`
  calls: number; // `nbr_global`
  uniqueCalls: number; // `nbr_global_reel`
  escalated: number; // `nbr_escalades`
  answeredPercent: number; // `pourc_decroche`, 0–100
  inConversation: number; // `nbr_comm`
  waiting: number; // `nbr_attente`
  lost: number; // `nbr_perdus`
  uniqueLost: number; // `nbr_perdus_reel`
  maxWaitSeconds: number; // `tps_max_attente`
  averageWaitSeconds: number; // `tps_moyen_attente`
  averageTalkSeconds: number; // `tps_moyen_comm`
  averageAbandonSeconds: number; // `tps_moyen_abandon`
  averageCatchupSeconds: number; // `tps_moyen_catchup`
  waitingUnder1m: number; // `nbr_appels_attente_moins1m`
  waiting1to3m: number; // `nbr_appels_attente_1a3m`
  waitingOver3m: number; // `nbr_appels_attente_3mplus`
  abandonedWithin: number; // `nbr_abandonne`: abandoned within X s (default 5)
  answeredWithin: number; // `nbr_repondu`: answered within Y s (default 45)
}

/** A date given to the API: an instant (Date or ISO string) or a local `YYYY-MM-DD[ HH:MM[:SS]]`. */
export type DateInput = Date | string;

export interface StatusHistoryParams {
  from: DateInput; // `date`
  to: DateInput; // `date_end`
  operatorId?: number; // `id_op`
}

export interface NumberStatsParams {
  from?: DateInput;
  to?: DateInput;
  numbers?: string[]; // `dest_number`, repeated
  includeRealtime?: boolean;
}

export interface GroupStatsParams {
  from?: DateInput;
  to?: DateInput;
  groupIds?: number[]; // `group_id`, repeated
  includeRealtime?: boolean;
}

export interface SupervisionParams {
  groupId?: number;
  /** Several groups in one call (`group_id` repeated); their records come back as a list. */
  groupIds?: readonly number[];
  answeredWithinSeconds?: number; // `nbr_repondu`
  abandonedWithinSeconds?: number; // `nbr_abandonne`
}

export interface AxialysClientOptions {
  baseUrl: string; // e.g. https://api.axialys.com
  user: string;
  password: string;
  timeZone?: string; // default Europe/Paris: the zone of dates without an offset
  timeoutMs?: number; // per request, default 10000
  /** guide 3.2: minimum spacing of operators_init calls for this account, default 30000. */
  operatorsInitMinIntervalMs?: number;
  now?: () => number; // injectable clock (ms since epoch)
}

/** One typed function per endpoint of the guide. */
export interface AxialysClient {
  readonly account: string; // `user`, for logs and keys; never the password
  listOperators(filter?: { email?: string; login?: string }): Promise<Operator[]>; // 3.1
  getOperator(id: number): Promise<Operator>; // 3.1
  operatorsInit(): Promise<OperatorStatus[]>; // 3.2 (throttled)
  operatorInit(id: number): Promise<OperatorStatus>; // 3.2 (throttled, same budget)
  listGroups(filter?: { name?: string }): Promise<Group[]>; // 3.3
  getGroup(id: number): Promise<Group>; // 3.3
  statusHistory(params: StatusHistoryParams): Promise<StatusEvent[]>; // 3.4
  operatorDetails(id: number): Promise<OperatorDetails>; // 3.5
  callsByNumber(params?: NumberStatsParams): Promise<NumberCallStats>; // 4.1
  callsByGroup(params?: GroupStatsParams): Promise<GroupCallStats>; // 4.2
  groupSupervision(params?: SupervisionParams): Promise<GroupSupervision[]>; // 4.3
  close(): Promise<void>;
}
