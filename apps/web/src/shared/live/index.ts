// Public entry of the live data layer.
export { activityQueryKey, settingsQueryKey, useConnectionState } from './live-provider';
export { useAccountZone, useSnapshot, useSnapshotSelect } from './snapshot-query';
