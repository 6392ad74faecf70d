// The word and dot of the connection indicator, from the stream's state and the board's upstream status.
import type { UpstreamStatus } from '@vigie/contract';
import type { ConnectionState } from '../live/live-stream';

/** Issue 10.4: a stream that is up but carries no figures yet is not "Live" (nor green). */
export function indicatorState(
  connection: ConnectionState,
  upstream: UpstreamStatus | undefined,
): ConnectionState | 'waiting' {
  return connection === 'live' && upstream === 'waiting' ? 'waiting' : connection;
}
