// Board constants without TypeBox: the SPA imports them as `@vigie/contract/boards`, which keeps the
// schemas (and TypeBox's runtime, ~18 KB) out of the wall's bundle.

/** Every panel, in the order today's wall draws them (the default board's order). */
export const BOARD_PANELS = [
  'clock',
  'kpis',
  'alerts',
  'queues',
  'operators',
  'staffing',
  'ticker',
] as const;

/** The board `/wall` opens when none is named, and what a new board starts from. */
export const DEFAULT_BOARD_ID = 'default';
