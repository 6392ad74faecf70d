// i18next set up once: FR and EN, following the browser, overridable by ?lang= and the switcher.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Resources = Record<Language, Record<string, unknown>>;

/** Where the chosen language is kept, so a TV opened once with ?lang=fr stays in French. */
const STORED = 'vigie.lang';

/** `fr`, `fr-FR`, `FR` → fr; anything else we do not speak → null. */
const supported = (tag: string | null | undefined): Language | null => {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((l) => l === base) ?? null;
};

const stored = {
  get: (): string | null => {
    try {
      return localStorage.getItem(STORED);
    } catch {
      return null; // storage refused (a locked-down kiosk browser): the browser's language
    }
  },
  set: (lng: Language): void => {
    try {
      localStorage.setItem(STORED, lng);
    } catch {
      // nothing kept: the next visit follows ?lang= or the browser again
    }
  },
};

/**
 * ?lang= first, then the language chosen before, then the browser's preferences in order, then
 * English. (Our own few lines rather than i18next-browser-languagedetector: 1.5 KB fewer on the
 * wall's first visit, issue 12 §7.)
 */
export function pickLanguage(from: {
  query: string | null;
  stored: string | null;
  browser: readonly string[];
}): Language {
  for (const tag of [from.query, from.stored, ...from.browser]) {
    const l = supported(tag);
    if (l) return l;
  }
  return 'en';
}

const detectLanguage = (): Language =>
  typeof window === 'undefined'
    ? 'en'
    : pickLanguage({
        query: new URLSearchParams(window.location.search).get('lang'),
        stored: stored.get(),
        browser: navigator.languages ?? [navigator.language],
      });

void i18n.use(initReactI18next).init({
  lng: detectLanguage(),
  supportedLngs: [...LANGUAGES],
  nonExplicitSupportedLngs: true,
  load: 'languageOnly',
  fallbackLng: 'en',
  ns: ['common'],
  defaultNS: 'common',
  resources: { en: { common: common.en }, fr: { common: common.fr } },
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

/** The page's `lang` and the stored choice follow the language (no storage outside a browser). */
const follow = (lng: string) => {
  if (typeof document !== 'undefined') document.documentElement.lang = currentLanguage(lng);
  stored.set(currentLanguage(lng));
};
follow(i18n.language);
i18n.on('languageChanged', follow);

/** Each feature registers its own namespace, so no feature edits a shared file. */
export function registerNamespace(ns: string, resources: Resources): void {
  for (const lng of LANGUAGES) {
    if (!i18n.hasResourceBundle(lng, ns)) i18n.addResourceBundle(lng, ns, resources[lng], true);
  }
}

export function currentLanguage(lng: string | undefined = i18n.resolvedLanguage): Language {
  return lng?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
