// The wall's settings: its board (issue 13 §1) and, over it for that page load, the URL's
// ?groups=1,3 ?rotate=20 ?shift=0 ?sound=1 ?density=compact|normal|large ?loggedOut=show (?lang= is
// i18n's). An unknown URL value is left out (the board's value stands), never an error: a TV's
// address is typed once and must keep showing a board.
import type { BoardFields, BoardPanel } from '@vigie/contract';

/** How dense the operator tiles may get; every density keeps text at or above its legible minimum. */
const DENSITIES = ['compact', 'normal', 'large'] as const;
type Density = (typeof DENSITIES)[number];

export interface WallSettings {
  /** Only these groups (and their operators); null = all. */
  groups: readonly number[] | null;
  /** Seconds between pages when tiles do not fit; 0 = no rotation. */
  rotateSeconds: number;
  /** Burn-in shift of the whole board. */
  shift: boolean;
  /** A beep when a group enters breach. */
  sound: boolean;
  density: Density;
  /** Logged-out operators: one counted tile (default) or a tile each (`?loggedOut=show`). */
  loggedOut: 'collapse' | 'show';
}

/** What the board adds to the settings: which panels, in what order, and the theme. */
export interface WallView {
  settings: WallSettings;
  panels: readonly BoardPanel[];
  theme: BoardFields['theme'];
}

const DEFAULT_ROTATE_SECONDS = 20;

/** Today's wall, as the BFF's default board (a type-only import: no schema code in the bundle). */
export const DEFAULT_PANELS = [
  'clock',
  'kpis',
  'alerts',
  'queues',
  'operators',
  'staffing',
  'ticker',
] as const satisfies readonly BoardPanel[];

const DEFAULTS: WallSettings = {
  groups: null,
  rotateSeconds: DEFAULT_ROTATE_SECONDS,
  shift: true,
  sound: false,
  density: 'normal',
  loggedOut: 'collapse',
};

const flag = (v: string | null): boolean | undefined =>
  v === null ? undefined : !['0', 'false', 'off', 'no'].includes(v.trim().toLowerCase());

/** Only what the URL says, and says validly. */
function readWallParams(params: URLSearchParams): Partial<WallSettings> {
  const out: Partial<WallSettings> = {};
  const ids = (params.get('groups') ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (ids.length > 0) out.groups = [...new Set(ids)];
  const rawRotate = params.get('rotate');
  const rotate = Number(rawRotate);
  if (rawRotate !== null && rawRotate.trim() !== '' && Number.isFinite(rotate) && rotate >= 0)
    out.rotateSeconds = Math.min(rotate, 3600);
  const shift = flag(params.get('shift'));
  if (shift !== undefined) out.shift = shift;
  const sound = flag(params.get('sound'));
  if (sound !== undefined) out.sound = sound;
  const density = (params.get('density') ?? '').trim().toLowerCase();
  if ((DENSITIES as readonly string[]).includes(density)) out.density = density as Density;
  const loggedOut = params.get('loggedOut')?.trim().toLowerCase();
  if (loggedOut === 'show' || loggedOut === 'count' || loggedOut === 'collapse')
    out.loggedOut = loggedOut === 'show' ? 'show' : 'collapse';
  return out;
}

/** The URL alone over today's defaults (a wall whose board could not be read). */
export function parseWallSettings(params: URLSearchParams): WallSettings {
  return { ...DEFAULTS, ...readWallParams(params) };
}

/** A board's settings: `auto` density is today's fit (issue 12), which `normal` draws. */
function boardSettings(board: BoardFields): WallSettings {
  return {
    groups: board.groups.length > 0 ? board.groups : null,
    rotateSeconds: board.rotationS,
    shift: true,
    sound: board.sound,
    density: board.density === 'auto' ? 'normal' : board.density,
    loggedOut: board.loggedOut === 'show' ? 'show' : 'collapse',
  };
}

/** The board, with the URL's parameters winning for this page load; null: today's wall. */
export function wallView(board: BoardFields | null, params: URLSearchParams): WallView {
  return {
    settings: { ...(board ? boardSettings(board) : DEFAULTS), ...readWallParams(params) },
    panels: board ? board.panels : DEFAULT_PANELS,
    theme: board ? board.theme : 'dark',
  };
}
