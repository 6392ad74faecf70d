// Faults on demand (latency, 5xx, malformed JSON, empty 200, 429, HTML, reset, hang, rejected
// credentials), optionally per endpoint.

export interface Faults {
  latencyMs: number; // added to every answer
  errorRate: number; // 0..1 share of calls answered 5xx
  errorStatus: number; // default 503
  malformedRate: number; // 0..1 share answered with broken JSON (200)
  emptyRate: number; // 0..1 share answered 200 JSON without the list/record the guide promises
  emptyShape: EmptyShape; // that answer's body: 'object' → `{}`, 'null-data' → `{"data":null}`
  throttleRate: number; // 0..1 share answered 429 with a Retry-After header
  retryAfterSeconds: number; // that header's value (default 30)
  htmlRate: number; // 0..1 share answered with the HTML page a browser gets (200 text/html)
  resetRate: number; // 0..1 share whose connection is destroyed without an answer
  hang: boolean; // accept the request and never answer
  rejectCredentials: boolean; // every call → 401
  endpoints: string[] | null; // limit faults to these endpoint names; null = all
}

export const EMPTY_SHAPES = ['object', 'null-data'] as const;
export type EmptyShape = (typeof EMPTY_SHAPES)[number];

/** The faults drawn as a share of matching calls (each with its own even spreading). */
const RATE_FAULTS = [
  'errorRate',
  'malformedRate',
  'emptyRate',
  'throttleRate',
  'htmlRate',
  'resetRate',
] as const;
export type RateFault = (typeof RATE_FAULTS)[number];

export const ENDPOINT_NAMES = [
  'operators',
  'operators_init',
  'groups',
  'calls_status',
  'op_details',
  'stats_calls',
  'stats_groups',
  'group_stats',
] as const;
export type EndpointName = (typeof ENDPOINT_NAMES)[number];

const NO_FAULTS: Faults = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  malformedRate: 0,
  emptyRate: 0,
  emptyShape: 'object',
  throttleRate: 0,
  retryAfterSeconds: 30,
  htmlRate: 0,
  resetRate: 0,
  hang: false,
  rejectCredentials: false,
  endpoints: null,
}) as Faults;

/** Checks a partial fault object (from options, the CLI or /sim/faults); throws naming the bad field. */
export function validateFaults(input: unknown): Partial<Faults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Error('faults: expected a JSON object');
  const src = input as Record<string, unknown>;
  const out: Partial<Faults> = {};
  const num = (
    k: 'latencyMs' | 'errorStatus' | 'retryAfterSeconds' | RateFault,
    min: number,
    max: number,
  ): void => {
    const v = src[k];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new Error(`faults.${k}: expected a number between ${min} and ${max}`);
    }
    out[k] = v;
  };
  num('latencyMs', 0, 600_000);
  num('errorStatus', 500, 599);
  num('retryAfterSeconds', 0, 86_400);
  for (const k of RATE_FAULTS) num(k, 0, 1);
  if (src.emptyShape !== undefined) {
    const v = src.emptyShape;
    if (typeof v !== 'string' || !(EMPTY_SHAPES as readonly string[]).includes(v))
      throw new Error(`faults.emptyShape: expected one of ${EMPTY_SHAPES.join(', ')}`);
    out.emptyShape = v as EmptyShape;
  }
  for (const k of ['hang', 'rejectCredentials'] as const) {
    const v = src[k];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new Error(`faults.${k}: expected true or false`);
    out[k] = v;
  }
  if (src.endpoints !== undefined) {
    const v = src.endpoints;
    if (
      v !== null &&
      (!Array.isArray(v) ||
        v.some((e) => typeof e !== 'string' || !(ENDPOINT_NAMES as readonly string[]).includes(e)))
    ) {
      throw new Error(`faults.endpoints: expected null or a list of ${ENDPOINT_NAMES.join(', ')}`);
    }
    out.endpoints = v as string[] | null;
  }
  const unknown = Object.keys(src).filter((k) => !(k in NO_FAULTS));
  if (unknown.length) throw new Error(`faults: unknown field ${unknown.join(', ')}`);
  return out;
}

/**
 * The current faults and the decisions they imply. Shares are spread evenly (error diffusion) rather
 * than drawn: errorRate 0.5 fails exactly every other matching call, so tests are deterministic.
 */
export class FaultState {
  private current: Faults = { ...NO_FAULTS };
  private acc = new Map<RateFault, number>();
  private waiters = new Set<() => void>();

  get(): Faults {
    return {
      ...this.current,
      endpoints: this.current.endpoints ? [...this.current.endpoints] : null,
    };
  }

  set(partial: Partial<Faults>): void {
    this.current = { ...this.current, ...validateFaults(partial) };
    this.acc.clear();
    if (!this.current.hang) this.release();
  }

  clear(): void {
    this.current = { ...NO_FAULTS };
    this.acc.clear();
    this.release();
  }

  applies(endpoint: string): boolean {
    return this.current.endpoints === null || this.current.endpoints.includes(endpoint);
  }

  /** Whether this matching call gets the fault `kind` (error diffusion of its rate). */
  next(kind: RateFault): boolean {
    const rate = this.current[kind];
    if (rate <= 0) return false;
    const a = (this.acc.get(kind) ?? 0) + rate;
    const hit = a >= 1 - 1e-9;
    this.acc.set(kind, hit ? a - 1 : a);
    return hit;
  }

  /** Resolves when `hang` is lifted; the returned cancel stops waiting (socket closed). */
  waitForRelease(): { promise: Promise<void>; cancel: () => void } {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => {
      done = resolve;
    });
    this.waiters.add(done);
    return { promise, cancel: () => this.waiters.delete(done) };
  }

  private release(): void {
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }
}
