// Public entry of the live data layer.
export { LiveProvider, useConnectionState } from './live-provider';
export type { ConnectionState } from './live-stream';
export {
  snapshotQueryKey,
  snapshotQueryOptions,
  useSnapshot,
  useSnapshotSelect,
} from './snapshot-query';
