// Public entry of the live data layer.
export { useConnectionState } from './live-provider';
export { useAccountZone, useSnapshot, useSnapshotSelect } from './snapshot-query';
