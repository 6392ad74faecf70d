// The wall's URL settings: ?groups=1,3 ?rotate=20 ?shift=0 ?sound=1 (?lang= is i18n's).

export interface WallSettings {
  /** Only these groups (and their operators); null = all. */
  groups: readonly number[] | null;
  /** Seconds between pages when tiles do not fit; 0 = no rotation. */
  rotateSeconds: number;
  /** Burn-in shift of the whole board. */
  shift: boolean;
  /** A beep when a group enters breach. */
  sound: boolean;
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
  return {
    groups: ids.length > 0 ? [...new Set(ids)] : null,
    rotateSeconds:
      Number.isFinite(rotate) && rotate >= 0 ? Math.min(rotate, 3600) : DEFAULT_ROTATE_SECONDS,
    shift: truthy(params.get('shift'), true),
    sound: truthy(params.get('sound'), false),
  };
}
