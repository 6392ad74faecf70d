// The wall without a principal: a calm full-screen explanation, never a sign-in page (a TV has no
// keyboard and nobody to type). The session is asked again every 30 s by the page, so fixing the
// configuration brings the board back by itself.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Clock } from './clock';

export const SESSION_RETRY_MS = 30_000;

export function WallUnauthorised({ invalidToken }: { invalidToken: boolean }) {
  const { t } = useTranslation('wall');
  const address = `${window.location.origin}/wall?token=…`;
  return (
    <div
      className="wall-unauthorised"
      data-testid="wall-unauthorised"
      data-reason={invalidToken ? 'invalid-token' : 'no-principal'}
    >
      <header className="wall-top">
        <Clock />
      </header>
      <div className="wall-unauthorised-body" role="status">
        <svg
          className="wall-unauthorised-icon"
          aria-hidden="true"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.6}
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <rect x="3" y="4" width="18" height="12" rx="1.5" />
          <path d="M8 20h8M12 16v4" />
        </svg>
        <h1>{invalidToken ? t('auth.refusedTitle') : t('auth.title')}</h1>
        <p>{invalidToken ? t('auth.refusedHint') : t('auth.hint')}</p>
        <p className="wall-unauthorised-address">
          <code>{address}</code>
        </p>
        <p className="wall-unauthorised-retry">
          {t('auth.retry', { seconds: SESSION_RETRY_MS / 1000 })}
        </p>
        <p className="wall-unauthorised-person">
          <Link to="/sign-in?next=%2Fwall">{t('auth.person')}</Link>
        </p>
      </div>
    </div>
  );
}
