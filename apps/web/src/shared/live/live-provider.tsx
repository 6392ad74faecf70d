// Starts the one live stream for the page and exposes its connection state.
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { LiveStream, type ConnectionState } from './live-stream';
import { snapshotQueryKey } from './snapshot-query';

const LiveContext = createContext<LiveStream | null>(null);

export function LiveProvider({
  children,
  url = '/api/stream',
}: {
  children: ReactNode;
  url?: string;
}) {
  const queryClient = useQueryClient();
  const [stream] = useState(
    () =>
      new LiveStream({
        url,
        onSnapshot: (snapshot) => queryClient.setQueryData(snapshotQueryKey, snapshot),
        // The wall must move to a new build by itself; hashed assets make the reload fetch it.
        onNewBuild: () => window.location.reload(),
      }),
  );
  useEffect(() => {
    stream.start();
    return () => stream.stop();
  }, [stream]);
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
