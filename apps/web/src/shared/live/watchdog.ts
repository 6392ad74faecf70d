// How long the stream may stay silent before the browser gives up on it and reconnects.
import type { Snapshot } from '@vigie/contract';
import { CLIENT_WATCHDOG_HEARTBEATS } from '@vigie/contract/stream';

/** Until the first snapshot tells us the BFF's heartbeat period. */
const DEFAULT_HEARTBEAT_MS = 15_000;

/**
 * CLIENT_WATCHDOG_HEARTBEATS heartbeat periods when heartbeats are visible to the page (named
 * `heartbeat` events).
 * When the BFF only sends comment lines, which EventSource hides, the only sign of life is a
 * snapshot, sent at most once per poll: allow one poll period more.
 */
export function silenceLimitMs(snapshot: Snapshot | undefined, heartbeatSeen: boolean): number {
  const heartbeatMs = snapshot?.config.heartbeatMs || DEFAULT_HEARTBEAT_MS;
  const watchdogMs = CLIENT_WATCHDOG_HEARTBEATS * heartbeatMs;
  if (heartbeatSeen) return watchdogMs;
  const pollMs = snapshot
    ? Math.max(snapshot.upstream.sources.operators.pollMs, snapshot.upstream.sources.groups.pollMs)
    : 0;
  return watchdogMs + pollMs;
}
