// Public entry of the shared UI pieces.
export { StateBadge } from './state-badge';
export { DISPLAY_STATE_ORDER, displayState, countByDisplayState } from './states';
export type { DisplayState, DisplayStateCounts } from './states';
export { useNow } from './use-now';
export { useNextInstant } from './use-next-instant';
export { Duration } from './duration';
export { Age } from './age';
export { Skeleton, EmptyState, ErrorState, NotAllowedState } from './placeholders';
export * from './thresholds';
