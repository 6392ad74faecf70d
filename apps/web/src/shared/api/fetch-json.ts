// The one fetch wrapper: JSON in, typed ApiError (with the BFF's message and field) on failure.
import type { ErrorReply } from '@vigie/contract';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    /** The offending input, when the BFF names one (e.g. `from`). */
    readonly field: string | undefined,
    readonly reply: Partial<ErrorReply> | undefined,
  ) {
    super(message);
  }
}

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** `/api/x` + `?a=1&b=2&b=3`; undefined and null values are left out, arrays repeat the key. */
function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface FetchJsonOptions {
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** GET unless told; a body is sent as JSON. */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
}

export async function fetchJson<T>(
  path: string,
  { query, signal, method = 'GET', body }: FetchJsonOptions = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      // The session cookie is same-origin; say so rather than rely on the default.
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, (err as Error).message || 'Network error', undefined, undefined);
  }
  if (!res.ok) {
    let reply: Partial<ErrorReply> | undefined;
    try {
      reply = (await res.json()) as Partial<ErrorReply>;
    } catch {
      reply = undefined;
    }
    throw new ApiError(
      res.status,
      reply?.message ?? `${res.status} ${res.statusText}`,
      reply?.field,
      reply,
    );
  }
  // 204 (sign-out) has no body to read.
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A 401 (no principal) or 403 (a principal without the right), as the screens tell them apart. */
export const isUnauthorised = (err: unknown): boolean =>
  err instanceof ApiError && err.status === 401;
export const isForbidden = (err: unknown): boolean => err instanceof ApiError && err.status === 403;
