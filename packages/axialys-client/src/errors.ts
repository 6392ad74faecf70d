// The client's catalogue of errors: every failure of a call is one of these, never a bare Error.

export type AxialysErrorCode =
  | 'AXIALYS_AUTH'
  | 'AXIALYS_RATE_LIMITED'
  | 'AXIALYS_UPSTREAM'
  | 'AXIALYS_MALFORMED'
  | 'AXIALYS_TIMEOUT'
  | 'AXIALYS_NOT_FOUND'
  | 'AXIALYS_BAD_REQUEST';

export abstract class AxialysError extends Error {
  abstract readonly code: AxialysErrorCode;
  /** The endpoint called, e.g. `operators_init` (never a URL with credentials). */
  readonly endpoint: string;
  constructor(endpoint: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.endpoint = endpoint;
  }
}

/** 401/403: the credentials are wrong. Do not retry until the configuration changes. */
export class AxialysAuthError extends AxialysError {
  readonly code = 'AXIALYS_AUTH';
  constructor(
    endpoint: string,
    readonly status: number,
  ) {
    super(endpoint, `Axialys refused the credentials (HTTP ${status}) on ${endpoint}`);
  }
}

/** 429 from upstream, or refused in-process before sending (`local: true`). */
export class AxialysRateLimitError extends AxialysError {
  readonly code = 'AXIALYS_RATE_LIMITED';
  constructor(
    endpoint: string,
    readonly retryAfterMs: number,
    readonly local: boolean,
  ) {
    super(
      endpoint,
      local
        ? `${endpoint} refused in-process: the previous call was less than the minimum interval ago (retry in ${Math.ceil(retryAfterMs / 1000)} s)`
        : `Axialys rate-limited ${endpoint} (retry in ${Math.ceil(retryAfterMs / 1000)} s)`,
    );
  }
}

/**
 * 5xx or any other unexpected status. `bodyExcerpt` is cut short and scrubbed of credentials.
 * With no answer at all (`status` 0), `transport` says what happened, e.g. "connection reset".
 */
export class AxialysUpstreamError extends AxialysError {
  readonly code = 'AXIALYS_UPSTREAM';
  constructor(
    endpoint: string,
    readonly status: number,
    readonly bodyExcerpt: string,
    readonly transport?: string,
  ) {
    super(
      endpoint,
      status === 0
        ? `Axialys gave no answer on ${endpoint}: ${transport ?? 'connection failed'}`
        : `Axialys answered HTTP ${status} on ${endpoint}`,
    );
  }
}

/** 404 on a record asked for by id, or on stats for an unknown group (`id`: the ids asked for). */
export class AxialysNotFoundError extends AxialysError {
  readonly code = 'AXIALYS_NOT_FOUND';
  constructor(
    endpoint: string,
    readonly id: number | string,
  ) {
    super(endpoint, `Axialys knows no record ${id} on ${endpoint}`);
  }
}

/**
 * 400: upstream refused the params (e.g. a period over one month). With `local: true`, the client
 * refused them before sending (e.g. an unreadable date), so nothing reached Axialys.
 */
export class AxialysBadRequestError extends AxialysError {
  readonly code = 'AXIALYS_BAD_REQUEST';
  readonly field?: string;
  constructor(
    endpoint: string,
    readonly upstreamMessage: string,
    field?: string,
    readonly local = false,
  ) {
    super(
      endpoint,
      local
        ? `Invalid params for ${endpoint}, not sent: ${upstreamMessage}`
        : `Axialys refused the request on ${endpoint}: ${upstreamMessage}`,
    );
    if (field !== undefined) this.field = field;
  }
}

/** Not JSON, or JSON that does not fit the schema. `path` names the offending field. */
export class AxialysResponseError extends AxialysError {
  readonly code = 'AXIALYS_MALFORMED';
  constructor(
    endpoint: string,
    readonly path: string,
    detail: string,
  ) {
    super(endpoint, `Malformed response from ${endpoint} at ${path || '(root)'}: ${detail}`);
  }
}

/** No complete answer within the timeout. */
export class AxialysTimeoutError extends AxialysError {
  readonly code = 'AXIALYS_TIMEOUT';
  constructor(
    endpoint: string,
    readonly timeoutMs: number,
  ) {
    super(endpoint, `Axialys did not answer ${endpoint} within ${timeoutMs} ms`);
  }
}
