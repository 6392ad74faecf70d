// Public entry of the live data layer.
export { useConnectionState } from './live-provider';
export { useSnapshot, useSnapshotSelect } from './snapshot-query';
