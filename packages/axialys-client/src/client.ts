// createAxialysClient: one typed function per endpoint of the guide, over http.ts and schemas.ts.
// No retries here: the caller (the BFF's poller) owns retry and backoff policy.
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { locateList, locateRecord, formatPath, type Located } from './envelope';
import { AxialysBadRequestError, AxialysRateLimitError, AxialysResponseError } from './errors';
import { Http, type Call } from './http';
import type {
  AxialysClient,
  AxialysClientOptions,
  DateInput,
  GroupStatsParams,
  NumberStatsParams,
  SupervisionParams,
} from './model';
import { NormaliseError, formatApiDate, isBlank, isRecord } from './normalise';
import { looksLikeSupervision, makeSchemas } from './schemas';
import { budgetKey, deferBudget, takeBudget } from './throttle';

const DEFAULT_ZONE = 'Europe/Paris';
const DEFAULT_TIMEOUT_MS = 10_000;
/** guide 3.2: at most one operators_init every 30 s per account (the default spacing). */
export const OPERATORS_INIT_MIN_INTERVAL_MS = 30_000;

export function createAxialysClient(options: AxialysClientOptions): AxialysClient {
  const zone = options.timeZone ?? DEFAULT_ZONE;
  if (!DateTime.now().setZone(zone).isValid) throw new RangeError(`unknown time zone ${zone}`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const minInterval = options.operatorsInitMinIntervalMs ?? OPERATORS_INIT_MIN_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const http = new Http({
    baseUrl: options.baseUrl,
    user: options.user,
    password: options.password,
    timeoutMs,
  });
  const schemas = makeSchemas(zone);
  const budget = budgetKey(options.baseUrl, options.user);
  let closing: Promise<void> | undefined;
  // Messages about bad values quote them: mask the password there too, whatever the service echoes.
  const at = (endpoint: string): Where => ({ endpoint, scrub: (text) => http.excerpt(text) });

  /** guide 3.2: the 30 s budget is taken before sending and kept whatever the outcome. */
  async function throttled(call: Call): Promise<unknown> {
    takeBudget(budget, call.endpoint, now(), minInterval);
    try {
      return await http.request({ ...call, retryAfterFallbackMs: minInterval });
    } catch (error) {
      if (error instanceof AxialysRateLimitError && !error.local) {
        deferBudget(budget, now() + error.retryAfterMs);
      }
      throw error;
    }
  }

  function date(endpoint: string, field: string, input: DateInput): string {
    try {
      return formatApiDate(input, zone);
    } catch (error) {
      if (!(error instanceof NormaliseError)) throw error;
      throw new AxialysBadRequestError(endpoint, error.message, field, true);
    }
  }

  function periodQuery(
    endpoint: string,
    params: { from?: DateInput; to?: DateInput; includeRealtime?: boolean },
  ): [string, string][] {
    const query: [string, string][] = [];
    if (params.from !== undefined)
      query.push(['from_date', date(endpoint, 'from_date', params.from)]);
    if (params.to !== undefined) query.push(['to_date', date(endpoint, 'to_date', params.to)]);
    // guide 4.1/4.2: the parameter counts as set when present.
    if (params.includeRealtime) query.push(['include_realtime', '1']);
    return query;
  }

  return {
    account: options.user,

    // guide 3.1: GET lists all; POST filters on email/login.
    async listOperators(filter = {}) {
      const endpoint = 'operators';
      const body = compactBody({ email: filter.email, login: filter.login });
      const reply = await http.request(
        body
          ? { endpoint, method: 'POST', path: '/vm/operators/', body }
          : { endpoint, method: 'GET', path: '/vm/operators/' },
      );
      return parseList(at(endpoint), reply, () => schemas.operator, 'id');
    },

    async getOperator(id) {
      const endpoint = 'operators';
      const reply = await http.request({
        endpoint,
        method: 'GET',
        path: `/vm/operators/${pathId(endpoint, id)}`,
        id,
      });
      return parseRecord(at(endpoint), reply, schemas.operator, id);
    },

    // guide 3.2: at most one request every 30 s, for the list and for one operator alike.
    async operatorsInit() {
      const endpoint = 'operators_init';
      const reply = await throttled({ endpoint, method: 'GET', path: '/vm/operators_init' });
      return parseList(at(endpoint), reply, () => schemas.operatorStatus, 'id');
    },

    async operatorInit(id) {
      const endpoint = 'operators_init';
      const path = `/vm/operators_init/${pathId(endpoint, id)}`;
      const reply = await throttled({ endpoint, method: 'GET', path, id });
      return parseRecord(at(endpoint), reply, schemas.operatorStatus, id);
    },

    // guide 3.3
    async listGroups(filter = {}) {
      const endpoint = 'groups';
      const body = compactBody({ name: filter.name });
      const reply = await http.request(
        body
          ? { endpoint, method: 'POST', path: '/vm/groups', body }
          : { endpoint, method: 'GET', path: '/vm/groups' },
      );
      return parseList(at(endpoint), reply, () => schemas.group, 'id');
    },

    async getGroup(id) {
      const endpoint = 'groups';
      const reply = await http.request({
        endpoint,
        method: 'GET',
        path: `/vm/groups/${pathId(endpoint, id)}`,
        id,
      });
      return parseRecord(at(endpoint), reply, schemas.group, id);
    },

    // guide 3.4: POST with a JSON body, as the guide's curl does.
    async statusHistory(params) {
      const endpoint = 'calls/status';
      const body = compactBody({
        date: date(endpoint, 'date', params.from),
        date_end: date(endpoint, 'date_end', params.to),
        id_op: params.operatorId,
      });
      const reply = await http.request({
        endpoint,
        method: 'POST',
        path: '/vm/calls/status',
        ...(body ? { body } : {}),
      });
      return parseList(at(endpoint), reply, () => schemas.statusEvent);
    },

    // guide 3.5
    async operatorDetails(id) {
      const endpoint = 'op_details';
      const reply = await http.request({
        endpoint,
        method: 'GET',
        path: `/vm/op_details/${pathId(endpoint, id)}`,
        id,
      });
      return parseRecord(at(endpoint), reply, schemas.operatorDetails(id));
    },

    // guide 4.1 (path not given by the guide: /vm/stats/calls, API-NOTES); dest_number repeated.
    async callsByNumber(params: NumberStatsParams = {}) {
      const endpoint = 'stats/calls';
      const query = periodQuery(endpoint, params);
      for (const n of params.numbers ?? []) query.push(['dest_number', n.replace(/^\+/, '')]);
      const reply = await http.request({ endpoint, method: 'GET', path: '/vm/stats/calls', query });
      return parseRecord(
        at(endpoint),
        reply,
        schemas.numberCallStats(params.includeRealtime === true),
      );
    },

    // guide 4.2 (path not given by the guide: /vm/stats/groups, API-NOTES); group_id repeated.
    async callsByGroup(params: GroupStatsParams = {}) {
      const endpoint = 'stats/groups';
      const query = periodQuery(endpoint, params);
      for (const g of params.groupIds ?? []) query.push(['group_id', String(g)]);
      const reply = await http.request({
        endpoint,
        method: 'GET',
        path: '/vm/stats/groups',
        query,
        // A 404 here names an unknown group (the simulator answers so; the guide is silent).
        ...(params.groupIds?.length ? { id: params.groupIds.join(',') } : {}),
      });
      return parseRecord(
        at(endpoint),
        reply,
        schemas.groupCallStats(params.includeRealtime === true),
      );
    },

    // guide 4.3: GET /vm/stats/group_stats, thresholds as query params (docs/axialys-wire.md).
    async groupSupervision(params: SupervisionParams = {}) {
      const endpoint = 'stats/group_stats';
      const query: [string, string][] = [];
      if (params.groupId !== undefined) query.push(['group_id', String(params.groupId)]);
      for (const id of params.groupIds ?? []) query.push(['group_id', String(id)]);
      if (params.abandonedWithinSeconds !== undefined) {
        query.push(['nbr_abandonne', String(params.abandonedWithinSeconds)]);
      }
      if (params.answeredWithinSeconds !== undefined) {
        query.push(['nbr_repondu', String(params.answeredWithinSeconds)]);
      }
      const reply = await http.request({
        endpoint,
        method: 'GET',
        path: '/vm/stats/group_stats',
        query,
        ...(params.groupId !== undefined ? { id: params.groupId } : {}),
      });
      const found = locate(at(endpoint), () => locateList(reply, looksLikeSupervision));
      if (params.groupId !== undefined && found.length === 0) {
        // One group asked for: an empty list is its record missing, not a group with no calls.
        throw new AxialysResponseError(
          endpoint,
          '',
          `the record of group ${params.groupId} is missing`,
        );
      }
      return found.map((item) => {
        const fallback = item.key !== undefined ? Number(item.key) : params.groupId;
        return parseAt(at(endpoint), schemas.groupSupervision(fallback), item);
      });
    },

    close() {
      closing ??= http.close();
      return closing;
    },
  };
}

/** Where a reply came from, and how to make its text safe to quote. */
interface Where {
  endpoint: string;
  scrub: (text: string) => string;
}

function parseList<T>(
  where: Where,
  reply: unknown,
  schema: () => z.ZodType<T>,
  idField?: string,
): T[] {
  const found = locate(where, () => locateList(reply));
  return found.map((item) => parseAt(where, schema(), keyAsId(item, idField)));
}

/** A single record; when it omits its id, the list key or the id asked for stands in. */
function parseRecord<T>(
  where: Where,
  reply: unknown,
  schema: z.ZodType<T>,
  requestedId?: number,
): T {
  const item = locate(where, () => locateRecord(reply));
  const key = item.key ?? (requestedId === undefined ? undefined : String(requestedId));
  return parseAt(where, schema, keyAsId(key === undefined ? item : { ...item, key }, 'id'));
}

function locate<T>(where: Where, find: () => T): T {
  try {
    return find();
  } catch (error) {
    if (!(error instanceof NormaliseError)) throw error;
    throw new AxialysResponseError(
      where.endpoint,
      formatPath(error.path),
      where.scrub(error.message),
    );
  }
}

function parseAt<T>(where: Where, schema: z.ZodType<T>, item: Located): T {
  const result = schema.safeParse(item.value);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const path = formatPath([...item.path, ...(first?.path ?? [])]);
  const more = rest.length ? ` (and ${rest.length} more)` : '';
  const detail = where.scrub(`${first?.message ?? 'invalid'}${more}`);
  throw new AxialysResponseError(where.endpoint, path, detail);
}

/** A list keyed by id may leave the id out of each record: the key is the id. */
function keyAsId(item: Located, idField: string | undefined): Located {
  if (idField === undefined || item.key === undefined || !isRecord(item.value)) return item;
  if (!isBlank(item.value[idField])) return item;
  return { ...item, value: { ...item.value, [idField]: item.key } };
}

/** A JSON body without its unset fields, or undefined when nothing is left. */
function compactBody(fields: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(fields).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function pathId(endpoint: string, id: number): string {
  if (!Number.isSafeInteger(id)) {
    throw new AxialysBadRequestError(endpoint, `not an integer id: ${id}`, 'id', true);
  }
  return encodeURIComponent(String(id));
}
