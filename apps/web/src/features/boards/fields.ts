// What the boards page knows of a board's fields without the contract's schemas (they stay out of
// the bundle): the panels in their default order, the choices, and a new board's starting point.
import type { Board, BoardFields, BoardPanel } from '@vigie/contract';

/** The contract's BOARD_PANELS, as plain strings. */
export const PANELS = [
  'kpis',
  'queues',
  'operators',
  'alerts',
  'staffing',
  'clock',
  'ticker',
] as const satisfies readonly BoardPanel[];

export const DENSITIES = [
  'auto',
  'compact',
  'normal',
  'large',
] as const satisfies readonly BoardFields['density'][];
export const THEMES = ['dark', 'light'] as const satisfies readonly BoardFields['theme'][];
export const LOGGED_OUT = ['count', 'show'] as const satisfies readonly BoardFields['loggedOut'][];

/** A new board starts as the built-in default does (the BFF's settings/boards.ts). */
export const NEW_BOARD: BoardFields = {
  name: '',
  groups: [],
  panels: [...PANELS],
  density: 'auto',
  rotationS: 20,
  theme: 'dark',
  loggedOut: 'count',
  sound: false,
};

export function fieldsOf(b: Board): BoardFields {
  return {
    name: b.name,
    groups: [...b.groups],
    panels: [...b.panels],
    density: b.density,
    rotationS: b.rotationS,
    theme: b.theme,
    loggedOut: b.loggedOut,
    sound: b.sound,
  };
}

/** Every panel once: the shown ones in their order, then the hidden ones in the default order. */
export function panelOrder(shown: readonly BoardPanel[]): BoardPanel[] {
  return [...shown, ...PANELS.filter((p) => !shown.includes(p))];
}

/** `order` with the panel at `i` moved one place up (-1) or down (+1). */
export function move<T>(order: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= order.length) return [...order];
  const out = [...order];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}
