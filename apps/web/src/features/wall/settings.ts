// The wall's URL settings: ?groups=1,3 ?rotate=20 ?shift=0 ?sound=1 ?density=compact|normal|large
// ?loggedOut=show (?lang= is i18n's). An unknown value is the default, never an error: a TV's
// address is typed once and must keep showing a board.

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

const DEFAULT_ROTATE_SECONDS = 20;

const truthy = (v: string | null, dflt: boolean): boolean => {
  if (v === null) return dflt;
  return !['0', 'false', 'off', 'no'].includes(v.trim().toLowerCase());
};

export function parseWallSettings(params: URLSearchParams): WallSettings {
  const rawGroups = params.get('groups');
  const ids = (rawGroups ?? '')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  const rotate = Number(params.get('rotate') ?? DEFAULT_ROTATE_SECONDS);
  const density = (params.get('density') ?? '').trim().toLowerCase();
  return {
    groups: ids.length > 0 ? [...new Set(ids)] : null,
    rotateSeconds:
      Number.isFinite(rotate) && rotate >= 0 ? Math.min(rotate, 3600) : DEFAULT_ROTATE_SECONDS,
    shift: truthy(params.get('shift'), true),
    sound: truthy(params.get('sound'), false),
    density: (DENSITIES as readonly string[]).includes(density) ? (density as Density) : 'normal',
    loggedOut: params.get('loggedOut')?.trim().toLowerCase() === 'show' ? 'show' : 'collapse',
  };
}
