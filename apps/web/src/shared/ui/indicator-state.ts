// The one status word of a page (issue 12.1), from the stream's state, the board's upstream status
// and the age of the figures on screen: green "live" only when all three are fine.
import type { UpstreamStatus } from '@vigie/contract';
import type { ConnectionState } from '../live/live-stream';

export type IndicatorState =
  ConnectionState | 'waiting' | 'degraded' | 'down' | 'unauthorized' | 'stale';

/** States whose word comes with the age of the figures ("Axialys down · 2 min"). */
export const AGED_STATES: ReadonlySet<IndicatorState> = new Set([
  'degraded',
  'down',
  'unauthorized',
  'stale',
]);

/**
 * The board first (reconnecting / connecting), then Axialys as the BFF sees it, then the figures'
 * own age: a stream that is up but quiet for two polls is not "live" either.
 * Issue 10.4: a stream that is up but carries no figures yet is not "Live" (nor green).
 */
export function indicatorState(
  connection: ConnectionState,
  upstream: UpstreamStatus | undefined,
  stale = false,
): IndicatorState {
  if (connection !== 'live') return connection;
  if (upstream === 'waiting' || upstream === 'degraded' || upstream === 'down') return upstream;
  if (upstream === 'unauthorized') return 'unauthorized';
  return stale ? 'stale' : 'live';
}
