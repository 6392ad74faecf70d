// Switches FR/EN; the detector persists the choice in localStorage.
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES } from '../i18n/i18n';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = currentLanguage(i18n.resolvedLanguage);
  return (
    <label className="language-switcher" data-testid="language-switcher">
      <span className="visually-hidden">{t('language')}</span>
      <select
        value={current}
        aria-label={t('language')}
        onChange={(e) => void i18n.changeLanguage(e.target.value)}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`languages.${lng}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
