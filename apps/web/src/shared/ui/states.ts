// One palette, label key and icon per operator state, chosen for AA contrast on the dark theme.
import type { OperatorState, SnapshotOperator } from '@vigie/contract';

/**
 * What the screens show: the API's state, with `unavailable` split in two. An operator who is
 * unavailable with no break and no login time is logged out, not on a break, and reads so.
 */
export type DisplayState = OperatorState | 'loggedOut';

/** Display order: who is free first, then who is busy, then who is away. */
const STATE_ORDER: readonly OperatorState[] = [
  'available',
  'ringing',
  'calling',
  'connected',
  'unavailable',
];

/** The display order of the screens: logged-out operators come after everyone else. */
export const DISPLAY_STATE_ORDER: readonly DisplayState[] = [...STATE_ORDER, 'loggedOut'];

export function displayState(
  o: Pick<SnapshotOperator, 'state' | 'breakName' | 'loggedInSince'>,
): DisplayState {
  return o.state === 'unavailable' && o.breakName === null && o.loggedInSince === null
    ? 'loggedOut'
    : o.state;
}

export type DisplayStateCounts = Record<DisplayState, number>;

export function countByDisplayState(
  operators: readonly Pick<SnapshotOperator, 'state' | 'breakName' | 'loggedInSince'>[],
): DisplayStateCounts {
  const counts: DisplayStateCounts = {
    available: 0,
    ringing: 0,
    calling: 0,
    connected: 0,
    unavailable: 0,
    loggedOut: 0,
  };
  for (const o of operators) counts[displayState(o)] += 1;
  return counts;
}

export interface StatePalette {
  /** Tile/badge background. */
  bg: string;
  /** Text on `bg` (AA ≥ 4.5:1). */
  fg: string;
  /** Accent on the page background (borders, legend dots; ≥ 3:1 as a graphic). */
  accent: string;
}

export const STATE_PALETTE: Record<DisplayState, StatePalette> = {
  available: { bg: '#15803d', fg: '#ffffff', accent: '#4ade80' },
  ringing: { bg: '#fbbf24', fg: '#1a1300', accent: '#fbbf24' },
  calling: { bg: '#0e7490', fg: '#ffffff', accent: '#22d3ee' },
  connected: { bg: '#1d4ed8', fg: '#ffffff', accent: '#93c5fd' },
  unavailable: { bg: '#374151', fg: '#f3f4f6', accent: '#9ca3af' },
  // Darker than a break and with a dashed edge (CSS): absent from the floor, not just paused.
  loggedOut: { bg: '#1a2029', fg: '#c4ccd6', accent: '#8b95a3' },
};

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
