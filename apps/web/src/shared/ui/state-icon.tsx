// A shape per state, so state reads without colour.
import type { DisplayState } from './states';

const PATHS: Record<DisplayState, string> = {
  // check mark
  available: 'M4 12.5l5 5L20 6.5',
  // bell
  ringing: 'M6 17h12l-1.5-2V11a4.5 4.5 0 0 0-9 0v4L6 17zM10 19.5a2 2 0 0 0 4 0',
  // arrow leaving
  calling: 'M6 18L18 6M9 6h9v9',
  // handset
  connected:
    'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z',
  // pause bars
  unavailable: 'M9 5v14M15 5v14',
  // power symbol: off the line
  loggedOut: 'M12 3.5v8M7.2 6.6a7 7 0 1 0 9.6 0',
};

export function StateIcon({ state, size = '1em' }: { state: DisplayState; size?: string }) {
  return (
    <svg
      aria-hidden="true"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      style={{ flex: 'none' }}
    >
      <path d={PATHS[state]} />
    </svg>
  );
}
