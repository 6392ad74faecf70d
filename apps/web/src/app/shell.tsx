// Chrome of the interactive screens: navigation, who is signed in, live state, language. Guards
// them too: no session → sign-in (coming back here after), a display → the wall only.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation } from 'react-router';
import type { Principal } from '@vigie/contract';
import { isUnauthorised } from '../shared/api/fetch-json';
import { signOut, useSession } from '../shared/auth/session';
import { SIGN_IN_PATH, signInPath } from '../shared/auth/next-path';
import { ConnectionIndicator } from '../shared/ui/connection-indicator';
import { DemoBadge } from '../shared/ui/demo-badge';
import { LanguageSwitcher } from '../shared/ui/language-switcher';
import { EmptyState, ErrorState, Skeleton } from '../shared/ui/placeholders';
import { StaleBanner } from '../shared/ui/stale-banner';
import { ZoneNote } from '../shared/ui/zone-note';

export function AppShell() {
  const { t } = useTranslation();
  const location = useLocation();
  const access = useSession();

  if (access.unauthorised) return <Navigate to={signInPath(location)} replace />;

  let body;
  if (access.isPending) body = <Skeleton lines={6} label={t('access.checking')} />;
  else if (access.error)
    body = (
      <ErrorState
        title={t('access.sessionError')}
        message={access.error.message}
        onRetry={access.refetch}
      />
    );
  else if (access.principal?.kind === 'display')
    body = <DisplayOnly name={access.principal.name} />;
  else body = <Outlet />;

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
          {/* What supervisors shape (issue 13); team leads see their boards and messages. */}
          <NavLink to="/boards">{t('nav.boards')}</NavLink>
          <NavLink to="/messages">{t('nav.messages')}</NavLink>
          {access.principal?.role === 'supervisor' && (
            <>
              <NavLink to="/screens">{t('nav.screens')}</NavLink>
              <NavLink to="/settings/queues">{t('nav.queues')}</NavLink>
              <NavLink to="/activity">{t('nav.activity')}</NavLink>
            </>
          )}
        </nav>
        <span className="shell-spacer" />
        <DemoBadge />
        <ZoneNote />
        <ConnectionIndicator />
        <LanguageSwitcher />
        {access.principal?.kind === 'user' && <Account principal={access.principal} />}
      </header>
      <StaleBanner />
      <div id="main" className="shell-main">
        {body}
      </div>
    </div>
  );
}

/** The signed-in person and the way out. */
function Account({ principal }: { principal: Principal }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const onSignOut = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await signOut();
    } catch (err) {
      // Already signed out (401) is as good as done; anything else is worth saying.
      if (!isUnauthorised(err)) {
        setBusy(false);
        setFailed(true);
        return;
      }
    }
    queryClient.clear();
    // A full load: nothing of this session stays in memory, and the stream closes with the page.
    window.location.assign(SIGN_IN_PATH);
  };
  return (
    <div className="shell-account" data-testid="account">
      <span className="shell-account-name" data-testid="account-name">
        {t('access.account', { name: principal.name, role: t(`access.role.${principal.role}`) })}
      </span>
      <button
        type="button"
        className="button"
        data-testid="sign-out"
        disabled={busy}
        onClick={() => void onSignOut()}
      >
        {t('access.signOut')}
      </button>
      {failed && (
        <span role="alert" className="shell-account-error">
          {t('access.signOutFailed')}
        </span>
      )}
    </div>
  );
}

/** A wall screen's session opening an interactive screen. */
function DisplayOnly({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <main className="page" data-testid="display-only">
      <EmptyState title={t('access.displayOnly')}>
        <p>{t('access.displayOnlyHint', { name })}</p>
        <Link to="/wall">{t('access.openWall')}</Link>
      </EmptyState>
    </main>
  );
}
