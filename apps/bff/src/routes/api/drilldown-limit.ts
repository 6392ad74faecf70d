// What every drill-down route shares: one per-principal budget, one set of distinct periods, no-store replies.
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { limitKey } from '../../auth/principal';
import { TooManyError } from '../../lib/errors';

/** Distinct periods (from/to) one principal may use in a minute, across the routes that take one. */
export const MAX_DISTINCT_PERIODS = 8;
const PERIOD_WINDOW_MS = 60_000;
/** Bounded memory: the least recently seen principals are forgotten first. */
const MAX_PRINCIPALS = 10_000;

/** Who a drill-down counts against: a person by name; a screen and the open mode by address too. */
const whoOf = (req: FastifyRequest): string =>
  req.principal ? limitKey(req.principal, req.ip) : `ip:${req.ip}`;

/**
 * The periods each principal used in the last minute. A period already in use is always served
 * (its answer is cached or coalesced); a new one past the bound is refused before any upstream
 * call, so N distinct `from=` values make at most MAX_DISTINCT_PERIODS upstream calls a minute.
 */
class PeriodBudget {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(
    private readonly now: () => number,
    private readonly max = MAX_DISTINCT_PERIODS,
    private readonly windowMs = PERIOD_WINDOW_MS,
  ) {}

  /** True when `period` may be served to `who`; records it. */
  admit(who: string, period: string): boolean {
    const now = this.now();
    const mine = this.seen.get(who) ?? new Map<string, number>();
    this.seen.delete(who);
    this.seen.set(who, mine); // most recent last
    for (const [k, at] of mine) if (now - at >= this.windowMs) mine.delete(k);
    if (!mine.has(period) && mine.size >= this.max) return false;
    mine.delete(period);
    mine.set(period, now);
    while (this.seen.size > MAX_PRINCIPALS) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }

  /** Seconds until the oldest period of `who` leaves the window. */
  retryAfterSeconds(who: string): number {
    const first = this.seen.get(who)?.values().next().value;
    if (first === undefined) return 1;
    return Math.max(1, Math.ceil((first + this.windowMs - this.now()) / 1000));
  }
}

export interface DrilldownGuard {
  /** Spread into a route's options: no-store on every reply, then the shared budget. */
  readonly hooks: {
    onRequest: onRequestAsyncHookHandler;
    preHandler: preHandlerAsyncHookHandler;
  };
  /**
   * Refuses (429) a period this principal may not open now. `explicit`: the period as asked
   * (omitted bounds stay symbolic, so "today so far" is one period however `now` moves).
   */
  admitPeriod(
    req: FastifyRequest,
    reply: FastifyReply,
    explicit: { from?: string | undefined; to?: string | undefined },
    period: { from: Date; to: Date },
  ): void;
}

export interface DrilldownRouteOptions {
  guard: DrilldownGuard;
}

/**
 * Built once per app: every drill-down route shares one limiter (one counter per principal,
 * whatever the route) and one set of periods. Each route-level `config.rateLimit` would get its
 * own store, hence its own budget.
 */
export function drilldownGuard(app: FastifyInstance, perMinute: number): DrilldownGuard {
  const limiter = app.rateLimit({
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (req: FastifyRequest) => `drilldown|${whoOf(req)}`,
  });
  const periods = new PeriodBudget(() => app.clock.now());
  return {
    hooks: {
      // Replies may hold caller numbers, call ids, service variables: no cache keeps them.
      onRequest: async (_req, reply) => {
        reply.header('cache-control', 'no-store');
      },
      // After the access hook (onRequest) has set the principal, after validation.
      preHandler: limiter,
    },
    admitPeriod(req, reply, explicit, period) {
      const key = `${explicit.from === undefined ? 'today' : period.from.toISOString()}|${
        explicit.to === undefined ? 'now' : period.to.toISOString()
      }`;
      const who = whoOf(req);
      if (periods.admit(who, key)) return;
      const after = periods.retryAfterSeconds(who);
      reply.header('retry-after', String(after));
      throw new TooManyError(
        `too many distinct periods (at most ${MAX_DISTINCT_PERIODS} a minute); retry in ${after} s`,
      );
    },
  };
}
