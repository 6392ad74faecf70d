// One palette, label key and icon per operator state, chosen for AA contrast on the dark theme.
import type { OperatorState } from '@vigie/contract';

/** Display order: who is free first, then who is busy, then who is away. */
export const STATE_ORDER: readonly OperatorState[] = [
  'available',
  'ringing',
  'calling',
  'connected',
  'unavailable',
];

export interface StatePalette {
  /** Tile/badge background. */
  bg: string;
  /** Text on `bg` (AA ≥ 4.5:1). */
  fg: string;
  /** Accent on the page background (borders, legend dots; ≥ 3:1 as a graphic). */
  accent: string;
}

export const STATE_PALETTE: Record<OperatorState, StatePalette> = {
  available: { bg: '#15803d', fg: '#ffffff', accent: '#4ade80' },
  ringing: { bg: '#fbbf24', fg: '#1a1300', accent: '#fbbf24' },
  calling: { bg: '#0e7490', fg: '#ffffff', accent: '#22d3ee' },
  connected: { bg: '#1d4ed8', fg: '#ffffff', accent: '#93c5fd' },
  unavailable: { bg: '#374151', fg: '#f3f4f6', accent: '#9ca3af' },
};

export const stateRank = (s: OperatorState): number => STATE_ORDER.indexOf(s);

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
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
