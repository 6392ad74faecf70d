// i18next set up once: FR and EN, following the browser, overridable by ?lang= and the switcher.
import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Resources = Record<Language, Record<string, unknown>>;

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    ns: ['common'],
    defaultNS: 'common',
    resources: { en: { common: common.en }, fr: { common: common.fr } },
    interpolation: { escapeValue: false },
    detection: {
      order: ['querystring', 'localStorage', 'navigator'],
      lookupQuerystring: 'lang',
      lookupLocalStorage: 'vigie.lang',
      caches: ['localStorage'],
    },
    react: { useSuspense: false },
  });

const syncHtmlLang = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage(lng);
};
syncHtmlLang(i18n.language);
i18n.on('languageChanged', syncHtmlLang);

/** Each feature registers its own namespace, so no feature edits a shared file. */
export function registerNamespace(ns: string, resources: Resources): void {
  for (const lng of LANGUAGES) {
    if (!i18n.hasResourceBundle(lng, ns)) i18n.addResourceBundle(lng, ns, resources[lng], true);
  }
}

export function currentLanguage(lng: string | undefined = i18n.resolvedLanguage): Language {
  return lng?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
