// Public entry of the live data layer.
export { settingsQueryKey, useConnectionState } from './live-provider';
export { useAccountZone, useSnapshot, useSnapshotSelect } from './snapshot-query';
