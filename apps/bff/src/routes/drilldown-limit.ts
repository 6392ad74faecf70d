// The per-principal rate limit of drill-down routes (config.rateLimit of @fastify/rate-limit).
import type { FastifyRequest } from 'fastify';
import { limitKey } from '../auth/principal';

/** One principal's drill-downs share a budget; a screen or the open mode counts per address. */
export function drilldownLimit(perMinute: number) {
  return {
    max: perMinute,
    timeWindow: 60_000,
    // After the access hook (onRequest) has set the principal.
    hook: 'preHandler' as const,
    keyGenerator: (req: FastifyRequest) =>
      `drilldown|${req.principal ? limitKey(req.principal, req.ip) : req.ip}`,
  };
}

export interface DrilldownRouteOptions {
  perPrincipal: number;
}
