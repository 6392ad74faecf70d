// The timing of /api/stream that the BFF and the browser must agree on. No TypeBox here: the SPA
// imports it as `@vigie/contract/stream` and keeps the schemas out of its bundle.

/**
 * The browser's watchdog: it reconnects after this many heartbeat periods (`config.heartbeatMs`)
 * without a sign of life. The web app arms its watchdog with it; the BFF refuses to start with a
 * heartbeat longer than half that watchdog (one late beat must never make a wall flap).
 */
export const CLIENT_WATCHDOG_HEARTBEATS = 2;
