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

function cached(t: TFunction): (key: string) => string {
  const seen = new Map<string, string>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      v = t(key);
      seen.set(key, v);
    }
    return v;
  };
}

/** A new object only when the language or the loaded strings change (each `t` then changes). */
export function useWallText(): WallText {
  const { t } = useTranslation('wall');
  const { t: ta } = useTranslation(ALERTS_NS);
  const { t: ts } = useTranslation(STAFFING_NS);
  const fmt = useFormat();
  return useMemo(
    () => ({
      t,
      ta,
      ts,
      fmt,
      wall: cached(t),
      alerts: cached(ta),
      staffing: cached(ts),
      since: (iso) => {
        if (!iso) return '–';
        const time = fmt.time(new Date(iso));
        // French writes a time of day "10 h 42" so it never reads as 10 min 42 s.
        return t('since', { time: fmt.locale === 'fr-FR' ? time.replace(':', ' h ') : time });
      },
    }),
    [t, ta, ts, fmt],
  );
}
