// Formatting helpers bound to the current language and to the account's time zone, for components:
// every time and day on every page is the account's (issue 12.5), whatever the browser's zone.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccountZone } from '../live/snapshot-query';
import * as f from './format';
import { currentLanguage } from './i18n';

/** The formatting locale of a language i18next resolved. */
export const localeOf = (resolvedLanguage: string | undefined): 'fr-FR' | 'en-GB' =>
  currentLanguage(resolvedLanguage) === 'fr' ? 'fr-FR' : 'en-GB';

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.resolvedLanguage);
  const zone = useAccountZone();
  return useMemo(
    () => ({
      locale,
      /** The zone times are shown in: the account's, or the browser's before the first snapshot. */
      timeZone: zone,
      number: (v: number, digits = 0) => f.formatNumber(locale, v, digits),
      percent: (v: number, digits = 0) => f.formatPercent(locale, v, digits),
      time: (d: Date, seconds = false) => f.formatTime(locale, d, zone, seconds),
      date: (d: Date) => f.formatDate(locale, d, zone),
      dateTime: (d: Date) => f.formatDateTime(locale, d, zone),
      /** A calendar day `YYYY-MM-DD` (a query's, a picker's): no zone shifts it. */
      day: (day: string) => f.formatDay(locale, day),
      /** Today's (or `d`'s) `YYYY-MM-DD` in the account's zone. */
      dayOf: (d: Date) => f.dayIn(d, zone),
      duration: (seconds: number) => f.formatDuration(seconds, locale),
      durationParts: (seconds: number) => f.durationParts(seconds, locale),
      age: (seconds: number) => f.formatAge(locale, seconds),
    }),
    [locale, zone],
  );
}
