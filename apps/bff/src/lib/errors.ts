// The BFF's one catalogue of errors: its own, the client's mapped to HTTP replies, and SSE drop reasons.
import {
  AxialysAuthError,
  AxialysBadRequestError,
  AxialysError,
  AxialysNotFoundError,
  AxialysRateLimitError,
  AxialysTimeoutError,
} from '@vigie/axialys-client';
import type { ErrorReply } from '@vigie/contract';

/** A request input the schema accepts but the BFF refuses (e.g. a period over one month). */
export class BadParamError extends Error {
  readonly code = 'VIGIE_BAD_PARAM';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadParamError';
  }
}

/** A resource the BFF does not know (e.g. a group with no figures yet). */
export class NotFoundError extends Error {
  readonly code = 'VIGIE_NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** No principal: sign in (or present a display token) first. */
export class UnauthorizedError extends Error {
  readonly code = 'VIGIE_UNAUTHORIZED';
  readonly statusCode = 401;
  constructor(message: string) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

/** A principal without the right: a display on a drill-down, a team lead outside their groups. */
export class ForbiddenError extends Error {
  readonly code = 'VIGIE_FORBIDDEN';
  readonly statusCode = 403;
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** A request line the router cannot read (`/%ff`), or a path segment over the router's bound. */
export class BadUrlError extends Error {
  readonly code = 'VIGIE_BAD_URL';
  constructor(
    readonly statusCode: 400 | 414,
    message: string,
  ) {
    super(message);
    this.name = 'BadUrlError';
  }
}

/**
 * A write that names a version other than the stored one (issue 13): someone changed it meanwhile.
 * `current` is the stored version (null: the document is gone, or exists when a create expected not).
 */
export class ConflictError extends Error {
  readonly code = 'VIGIE_CONFLICT';
  readonly statusCode = 409;
  constructor(
    message: string,
    readonly current: number | null,
    readonly field = 'version',
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Too many requests, sign-ins or streams. */
export class TooManyError extends Error {
  readonly code = 'VIGIE_TOO_MANY';
  readonly statusCode = 429;
  constructor(message: string) {
    super(message);
    this.name = 'TooManyError';
  }
}

/** Why the SSE hub closes a stream (logged and counted). */
export const SSE_DROP_REASONS = {
  slow: 'slow-client', // its socket buffer passed the bound: never buffer without bound
  shutdown: 'shutdown',
  revoked: 'revoked', // its user or display was removed from the configuration
  expired: 'session-expired', // the person's session ran out (checked on each heartbeat tick)
  signedOut: 'signed-out', // the person signed out of that session
} as const;
export type SseDropReason = (typeof SSE_DROP_REASONS)[keyof typeof SSE_DROP_REASONS];

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function reply(statusCode: number, message: string, field?: string): ErrorReply {
  const out: ErrorReply = { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message };
  if (field !== undefined) out.field = field;
  return out;
}

/** Upstream param names (guide 3.4, 4.1, 4.2) back to the BFF's query names. */
const UPSTREAM_FIELDS: Record<string, string> = {
  date: 'from',
  from_date: 'from',
  date_end: 'to',
  to_date: 'to',
  dest_number: 'number',
  group_id: 'group',
  id_op: 'id',
};

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

interface FastifyValidationLike {
  validation: ValidationIssue[];
  validationContext?: string;
  message: string;
}

function isValidation(err: unknown): err is FastifyValidationLike {
  return (
    typeof err === 'object' &&
    err !== null &&
    Array.isArray((err as { validation?: unknown }).validation)
  );
}

/** `/number/0` → `number`; a missing property → its name. */
function fieldOf(issue: ValidationIssue | undefined): string | undefined {
  if (!issue) return undefined;
  const missing = issue.params?.['missingProperty'];
  if (typeof missing === 'string') return missing;
  const extra = issue.params?.['additionalProperty'];
  if (typeof extra === 'string') return extra;
  const seg = (issue.instancePath ?? '').split('/').filter(Boolean)[0];
  return seg;
}

/**
 * Every error the routes can meet, as the reply the browser gets. Messages never carry a URL or a
 * secret: the client's messages name the endpoint only, and upstream bodies are not passed on.
 */
export function toErrorReply(err: unknown): ErrorReply {
  if (isValidation(err)) {
    const issue = err.validation[0];
    const field = fieldOf(issue);
    const where = err.validationContext ?? 'request';
    const detail = issue?.message ?? 'is invalid';
    return reply(400, field ? `${where} field "${field}" ${detail}` : `${where} ${detail}`, field);
  }
  if (err instanceof BadParamError) return reply(400, err.message, err.field);
  if (err instanceof NotFoundError) return reply(404, err.message);
  if (err instanceof ConflictError) return reply(409, err.message, err.field);
  if (err instanceof AxialysNotFoundError) return reply(404, `Axialys knows no record ${err.id}`);
  if (err instanceof AxialysBadRequestError) {
    const field = err.field === undefined ? undefined : (UPSTREAM_FIELDS[err.field] ?? err.field);
    return reply(400, `Axialys refused the request: ${err.upstreamMessage}`.slice(0, 300), field);
  }
  if (err instanceof AxialysAuthError) {
    return reply(
      502,
      'Axialys refused the BFF credentials; an administrator must check AXIALYS_USER/AXIALYS_PASSWORD',
    );
  }
  if (err instanceof AxialysTimeoutError)
    return reply(504, `Axialys did not answer in time (${err.endpoint})`);
  if (err instanceof AxialysRateLimitError)
    return reply(503, `Axialys is rate-limiting ${err.endpoint}; retry later`);
  if (err instanceof AxialysError)
    return reply(502, `Axialys failed on ${err.endpoint} (${err.code})`);
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return reply(status, (err as Error).message);
  }
  // An upstream failure met on another cluster instance's call (cluster/shared-cache.ts).
  if (status === 502) return reply(502, 'Axialys failed on a call shared with another instance');
  return reply(500, 'Internal error');
}

/** A short message for the snapshot's upstream.error: for people, no secret. */
export function describeUpstreamError(err: unknown): string {
  if (err instanceof AxialysAuthError)
    return `Axialys refused the credentials (HTTP ${err.status})`;
  if (err instanceof AxialysError) return err.message.slice(0, 200);
  return 'unexpected error while polling Axialys';
}
