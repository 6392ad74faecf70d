// Formatting helpers bound to the current language, for components.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import * as f from './format';
import { currentLanguage } from './i18n';

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = currentLanguage(i18n.resolvedLanguage) === 'fr' ? 'fr-FR' : 'en-GB';
  return useMemo(
    () => ({
      locale,
      number: (v: number, digits = 0) => f.formatNumber(locale, v, digits),
      percent: (v: number, digits = 0) => f.formatPercent(locale, v, digits),
      time: (d: Date, seconds = false) => f.formatTime(locale, d, undefined, seconds),
      date: (d: Date) => f.formatDate(locale, d),
      dateTime: (d: Date) => f.formatDateTime(locale, d),
      duration: f.formatDuration,
      age: (seconds: number) => f.formatAge(locale, seconds),
    }),
    [locale],
  );
}
