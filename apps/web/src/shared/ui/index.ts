// Public entry of the shared UI pieces.
export { StateBadge } from './state-badge';
export { StateIcon } from './state-icon';
export {
  STATE_ORDER,
  DISPLAY_STATE_ORDER,
  STATE_PALETTE,
  stateRank,
  contrastRatio,
  displayState,
  countByDisplayState,
} from './states';
export type { DisplayState, DisplayStateCounts } from './states';
export { useNow, setClock } from './use-now';
export { Duration, elapsedSeconds } from './duration';
export { StaleBanner, dataAsOf } from './stale-banner';
export { Age } from './age';
export { Skeleton, EmptyState, ErrorState, NotAllowedState } from './placeholders';
export { DemoBadge } from './demo-badge';
export { LanguageSwitcher } from './language-switcher';
export { ConnectionIndicator } from './connection-indicator';
export { ErrorBoundary } from './error-boundary';
export * from './thresholds';
