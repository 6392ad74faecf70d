// Faults on demand (latency, 5xx, malformed JSON, hang, rejected credentials), optionally per endpoint.

export interface Faults {
  latencyMs: number; // added to every answer
  errorRate: number; // 0..1 share of calls answered 5xx
  errorStatus: number; // default 503
  malformedRate: number; // 0..1 share answered with broken JSON (200)
  hang: boolean; // accept the request and never answer
  rejectCredentials: boolean; // every call → 401
  endpoints: string[] | null; // limit faults to these endpoint names; null = all
}

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
    k: 'latencyMs' | 'errorRate' | 'errorStatus' | 'malformedRate',
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
  num('errorRate', 0, 1);
  num('errorStatus', 500, 599);
  num('malformedRate', 0, 1);
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
  private errorAcc = 0;
  private malformedAcc = 0;
  private waiters = new Set<() => void>();

  get(): Faults {
    return {
      ...this.current,
      endpoints: this.current.endpoints ? [...this.current.endpoints] : null,
    };
  }

  set(partial: Partial<Faults>): void {
    this.current = { ...this.current, ...validateFaults(partial) };
    this.errorAcc = 0;
    this.malformedAcc = 0;
    if (!this.current.hang) this.release();
  }

  clear(): void {
    this.current = { ...NO_FAULTS };
    this.errorAcc = 0;
    this.malformedAcc = 0;
    this.release();
  }

  applies(endpoint: string): boolean {
    return this.current.endpoints === null || this.current.endpoints.includes(endpoint);
  }

  nextIsError(): boolean {
    this.errorAcc += this.current.errorRate;
    if (this.errorAcc >= 1 - 1e-9) {
      this.errorAcc -= 1;
      return true;
    }
    return false;
  }

  nextIsMalformed(): boolean {
    this.malformedAcc += this.current.malformedRate;
    if (this.malformedAcc >= 1 - 1e-9) {
      this.malformedAcc -= 1;
      return true;
    }
    return false;
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
