// One HTTP exchange with the API: auth, `accept=application/json`, timeout, and status → typed error.
import { Pool } from 'undici';
import {
  AxialysAuthError,
  AxialysBadRequestError,
  AxialysNotFoundError,
  AxialysRateLimitError,
  AxialysResponseError,
  AxialysTimeoutError,
  AxialysUpstreamError,
} from './errors';
import { isRecord } from './normalise';

export interface HttpOptions {
  baseUrl: string;
  user: string;
  password: string;
  timeoutMs: number;
}

export interface Call {
  endpoint: string; // for errors, e.g. `operators_init`
  method: 'GET' | 'POST';
  path: string; // e.g. `/vm/operators_init`
  query?: [string, string][];
  body?: Record<string, unknown>; // sent as JSON
  id?: number | string; // the record(s) asked for: a 404 then means "no such record"
  retryAfterFallbackMs?: number; // used when a 429 carries no usable Retry-After
}

const EXCERPT_MAX = 200;
const BODY_MAX_BYTES = 32 * 1024 * 1024; // a wall-board reply is kilobytes; this only stops runaways

export class Http {
  readonly #pool: Pool;
  readonly #prefix: string;
  readonly #auth: string;
  readonly #secrets: string[];

  constructor(private readonly options: HttpOptions) {
    const url = new URL(options.baseUrl);
    if (url.username || url.password || url.search) {
      // guide 2.1 shows credentials in the query; they would end up in logs: use Basic only.
      throw new TypeError('baseUrl must carry neither credentials nor a query string');
    }
    this.#prefix = url.pathname.replace(/\/+$/, '');
    this.#pool = new Pool(url.origin, {
      connections: 4,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const token = Buffer.from(`${options.user}:${options.password}`).toString('base64');
    this.#auth = `Basic ${token}`;
    this.#secrets = options.password
      ? [options.password, encodeURIComponent(options.password), token]
      : [];
  }

  /** Sends one request and returns the parsed JSON body, or throws a typed AxialysError. */
  async request(call: Call): Promise<unknown> {
    const { endpoint } = call;
    const { timeoutMs } = this.options;
    // guide 2.2: without this parameter a browser-like client gets HTML.
    const query = new URLSearchParams([...(call.query ?? []), ['accept', 'application/json']]);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await this.#pool.request({
        method: call.method,
        path: `${this.#prefix}${call.path}?${query.toString()}`,
        headers: {
          authorization: this.#auth,
          accept: 'application/json',
          ...(call.body ? { 'content-type': 'application/json' } : {}),
        },
        ...(call.body ? { body: JSON.stringify(call.body) } : {}),
        signal: controller.signal,
      });
      status = res.statusCode;
      headers = res.headers;
      text = await readText(res.body, endpoint);
    } catch (error) {
      if (controller.signal.aborted || isUndiciTimeout(error)) {
        throw new AxialysTimeoutError(endpoint, timeoutMs);
      }
      if (error instanceof AxialysResponseError) throw error;
      // No HTTP status (refused connection, reset, DNS): an upstream fault with status 0.
      const detail = error instanceof Error ? `${errorCode(error)}${error.message}` : String(error);
      throw new AxialysUpstreamError(endpoint, 0, this.excerpt(detail), transportFailure(error));
    } finally {
      clearTimeout(timer);
    }
    return this.#interpret(call, status, headers, text);
  }

  #interpret(
    call: Call,
    status: number,
    headers: Record<string, string | string[] | undefined>,
    text: string,
  ): unknown {
    const { endpoint } = call;
    if (status >= 200 && status < 300) {
      let body: unknown;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        const type = header(headers, 'content-type') ?? 'no content-type';
        throw new AxialysResponseError(
          endpoint,
          '',
          `not JSON (${type}): ${JSON.stringify(this.excerpt(text))}`,
        );
      }
      // An error told in a 200 (common on PHP back-ends): say so rather than "no list found".
      if (isRecord(body) && typeof body['error'] === 'string' && body['error'].trim()) {
        const hasData = ['data', 'result', 'results', 'items', 'id'].some((k) => k in body);
        if (!hasData) {
          throw new AxialysResponseError(
            endpoint,
            'error',
            `error reply with HTTP ${status}: ${JSON.stringify(this.excerpt(body['error']))}`,
          );
        }
      }
      return body;
    }
    // The guide documents no error statuses; docs/axialys-wire.md "Errors" records our reading.
    if (status === 401 || status === 403) throw new AxialysAuthError(endpoint, status);
    if (status === 429) {
      // Retry-After may be an HTTP date: compared with the wall clock, not the injected one.
      const retryAfter = parseRetryAfter(header(headers, 'retry-after'), Date.now());
      throw new AxialysRateLimitError(
        endpoint,
        retryAfter ?? call.retryAfterFallbackMs ?? 1000,
        false,
      );
    }
    if (status === 404 && call.id !== undefined) throw new AxialysNotFoundError(endpoint, call.id);
    if (status === 400) {
      const body = tryJson(text);
      const message = isRecord(body) ? (body['error'] ?? body['message']) : undefined;
      const field = isRecord(body) ? body['field'] : undefined;
      const upstreamMessage =
        this.excerpt(typeof message === 'string' ? message : text) || 'HTTP 400';
      throw typeof field === 'string'
        ? new AxialysBadRequestError(endpoint, upstreamMessage, field)
        : new AxialysBadRequestError(endpoint, upstreamMessage);
    }
    throw new AxialysUpstreamError(endpoint, status, this.excerpt(text));
  }

  /** At most 200 characters of upstream text, with every form of the password masked. */
  excerpt(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join('***');
    out = out.replace(/(password["']?\s*[=:]\s*["']?)[^&\s"',}]+/gi, '$1***');
    out = out.replace(/\s+/g, ' ').trim();
    return out.length > EXCERPT_MAX ? `${out.slice(0, EXCERPT_MAX - 1)}…` : out;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

async function readText(body: AsyncIterable<Buffer>, endpoint: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > BODY_MAX_BYTES) {
      throw new AxialysResponseError(endpoint, '', `body larger than ${BODY_MAX_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Retry-After as seconds or an HTTP date (RFC 9110 10.2.3), in ms from now. */
function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isUndiciTimeout(error: unknown): boolean {
  const code = isRecord(error) ? error['code'] : undefined;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ` : '';
}

/** A socket failure in words an operator reads on the wall, rather than "HTTP 0". */
function transportFailure(error: unknown): string {
  const codes: unknown[] = [];
  for (let e: unknown = error, depth = 0; isRecord(e) && depth < 4; e = e['cause'], depth++) {
    codes.push(e['code']);
  }
  if (codes.includes('ECONNRESET') || codes.includes('EPIPE')) return 'connection reset';
  if (codes.includes('ECONNREFUSED')) return 'connection refused';
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) return 'host name not found';
  // undici's SocketError ("other side closed"): the peer hung up without an HTTP answer.
  if (codes.includes('UND_ERR_SOCKET')) return 'connection closed before an answer';
  return 'connection failed';
}
