// The wall's words and formatters, read once per render of the board and handed to its tiles and
// panels: a `useTranslation` per tile and a lookup per label cost more than the rest of the render.
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERTS_NS } from '../../shared/alerts/i18n';
import { useFormat } from '../../shared/i18n/use-format';
import { STAFFING_NS } from '../../shared/staffing/i18n';

export interface WallText {
  /** Namespace `wall` (and `common:` keys), alerts and staffing, for strings with options. */
  t: TFunction;
  ta: TFunction;
  ts: TFunction;
  fmt: ReturnType<typeof useFormat>;
  /** A key without options, looked up once per language. */
  wall: (key: string) => string;
  alerts: (key: string) => string;
  staffing: (key: string) => string;
  /** "since 10:42" / "depuis 10 h 42": a stale tile's state start, a clock time, never a duration. */
  since: (iso: string | null) => string;
}

/** Past this many strings a language's cache starts again (ages and counts are many but few recur). */
const CACHE_MAX = 2000;

/**
 * `t` remembering what it gave for each key and option values: i18next's lookup and interpolation
 * cost more than the rest of a panel's render on a TV's processor (issue 14 §2), and a board asks
 * the same few dozen strings on every snapshot. Options that are not plain values are not cached.
 */
export function memoT(t: TFunction): TFunction {
  const seen = new Map<string, string>();
  const call = t as unknown as (key: string, options?: unknown) => string;
  const memo = (key: string, options?: unknown): string => {
    let id = key;
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null) return call(key, options);
      for (const [k, v] of Object.entries(options)) {
        if (v !== null && typeof v === 'object') return call(key, options);
        id += `\u0000${k}\u0001${String(v)}`;
      }
    }
    let v = seen.get(id);
    if (v === undefined) {
      v = call(key, options);
      if (seen.size >= CACHE_MAX) seen.clear();
      seen.set(id, v);
    }
    return v;
  };
  return memo as unknown as TFunction;
}

/** A new object only when the language or the loaded strings change (each `t` then changes). */
export function useWallText(): WallText {
  const { t } = useTranslation('wall');
  const { t: ta } = useTranslation(ALERTS_NS);
  const { t: ts } = useTranslation(STAFFING_NS);
  const fmt = useFormat();
  return useMemo(() => {
    const mt = memoT(t);
    const mta = memoT(ta);
    const mts = memoT(ts);
    return {
      t: mt,
      ta: mta,
      ts: mts,
      fmt,
      wall: (key: string) => mt(key),
      alerts: (key: string) => mta(key),
      staffing: (key: string) => mts(key),
      since: (iso) => {
        if (!iso) return '–';
        const time = fmt.time(new Date(iso));
        // French writes a time of day "10 h 42" so it never reads as 10 min 42 s.
        return mt('since', { time: fmt.locale === 'fr-FR' ? time.replace(':', ' h ') : time });
      },
    };
  }, [t, ta, ts, fmt]);
}
