// Chrome of the interactive screens: navigation, live state, language.
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { ConnectionIndicator } from '../shared/ui/connection-indicator';
import { DemoBadge } from '../shared/ui/demo-badge';
import { LanguageSwitcher } from '../shared/ui/language-switcher';
import { StaleBanner } from '../shared/ui/stale-banner';

export function AppShell() {
  const { t } = useTranslation();
  return (
    <div className="shell" data-testid="app-shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="shell-header">
        <span className="shell-brand">{t('appName')}</span>
        <nav aria-label={t('nav.label')} className="shell-nav" data-testid="main-nav">
          <NavLink to="/" end>
            {t('nav.supervisor')}
          </NavLink>
          <NavLink to="/stats">{t('nav.stats')}</NavLink>
          <NavLink to="/wall">{t('nav.wall')}</NavLink>
        </nav>
        <span className="shell-spacer" />
        <DemoBadge />
        <ConnectionIndicator />
        <LanguageSwitcher />
      </header>
      <StaleBanner />
      <div id="main" className="shell-main">
        <Outlet />
      </div>
    </div>
  );
}
