// Starts the one live stream for the page while someone may see it, and exposes its connection state.
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { sessionQueryKey, useSession } from '../auth/session';
import { setClockShift } from '../ui/use-now';
import { LiveStream, type ConnectionState } from './live-stream';
import { snapshotQueryKey } from './snapshot-query';

/** The query key prefix of settings of one kind (`board`, `screen`, `queue`, `ticker`, `ack`, `rules`). */
export const settingsQueryKey = (kind: string) => ['settings', kind] as const;
/** The audit of settings changes (the Activity page): every `settings` event adds to it. */
export const activityQueryKey = ['activity'] as const;

const LiveContext = createContext<LiveStream | null>(null);

/** Issue 12.1: a few bytes, public, no session: is the BFF answering again? */
const PROBE_URL = '/healthz';
const PROBE_TIMEOUT_MS = 2_500;
const probeBff = async (): Promise<boolean> => {
  const res = await fetch(PROBE_URL, {
    cache: 'no-store',
    credentials: 'omit',
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
  });
  return res.ok;
};

/** The current snapshot, compressed on the wire (the stream is not); null while there is none. */
const fetchSnapshot = async (): Promise<string | null> => {
  const res = await fetch('/api/snapshot', { cache: 'no-store' });
  return res.ok ? res.text() : null;
};

export function LiveProvider({
  children,
  // Patches after the first full snapshot (applied by LiveStream); see the BFF README.
  url = '/api/stream?patch=1',
}: {
  children: ReactNode;
  url?: string;
}) {
  const queryClient = useQueryClient();
  const [stream] = useState(
    () =>
      new LiveStream({
        url,
        onSnapshot: (snapshot) => {
          // Before the figures: the page's "now" is the board's (the demo's shifted clock).
          setClockShift(snapshot.config.clockShiftMs);
          queryClient.setQueryData(snapshotQueryKey, snapshot);
        },
        // The wall must move to a new build by itself; hashed assets make the reload fetch it.
        onNewBuild: () => window.location.reload(),
        // Was it a 401? Ask the session; if it is gone, the effect below stops the stream.
        onError: () => void queryClient.refetchQueries({ queryKey: sessionQueryKey }),
        probe: probeBff,
        prime: fetchSnapshot,
        // Issue 13: every settings query is keyed ['settings', kind, …]; a change refetches them.
        onSettings: (kinds) => {
          for (const kind of kinds)
            void queryClient.invalidateQueries({ queryKey: settingsQueryKey(kind) });
          void queryClient.invalidateQueries({ queryKey: activityQueryKey });
        },
      }),
  );
  // The stream waits for the session and stops on a 401: without a principal every attempt is
  // refused. A session that cannot be read (BFF down) does not hold it back: it backs off alone.
  const { unauthorised, isPending } = useSession();
  const allowed = !unauthorised && !isPending;
  useEffect(() => {
    if (!allowed) return;
    stream.start();
    return () => stream.stop();
  }, [stream, allowed]);
  // Figures seen under a principal that is gone are not kept on screen.
  useEffect(() => {
    if (unauthorised) void queryClient.resetQueries({ queryKey: snapshotQueryKey });
  }, [unauthorised, queryClient]);
  return <LiveContext.Provider value={stream}>{children}</LiveContext.Provider>;
}

const noStream = (): (() => void) => () => undefined;

/** `connecting | live | reconnecting`; re-renders only when it changes. */
export function useConnectionState(): ConnectionState {
  const stream = useContext(LiveContext);
  return useSyncExternalStore(
    stream ? (cb) => stream.subscribe(cb) : noStream,
    () => stream?.state ?? 'connecting',
  );
}
