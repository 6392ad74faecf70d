// Loading skeletons, empty states and error states: never a blank screen.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isForbidden } from '../api/fetch-json';

export function Skeleton({
  lines = 3,
  height,
  label,
}: {
  lines?: number;
  height?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      className="skeleton"
      data-testid="skeleton"
      role="status"
      aria-label={label ?? t('loading')}
    >
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-line" style={height ? { height } : undefined} />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state" data-testid="empty-state">
      <p className="empty-state-title">{title ?? t('empty')}</p>
      {children}
    </div>
  );
}

export function ErrorState({
  title,
  message,
  onRetry,
  error,
}: {
  title?: string;
  message?: string;
  onRetry?: () => void;
  /** The failure itself: a 403 reads as "not allowed" (retrying would not help). */
  error?: unknown;
}) {
  const { t } = useTranslation();
  if (isForbidden(error)) return <NotAllowedState />;
  return (
    <div className="error-state" data-testid="error-state" role="alert">
      <p className="error-state-title">{title ?? t('error.title')}</p>
      {message && <p className="error-state-message">{message}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

/** A 403: the principal may not see this; said plainly, with a way back. */
export function NotAllowedState() {
  const { t } = useTranslation();
  return (
    <div className="error-state" data-testid="not-allowed" role="alert">
      <p className="error-state-title">{t('access.notAllowed')}</p>
      <p className="error-state-message">{t('access.notAllowedHint')}</p>
      <Link to="/">{t('error.backHome')}</Link>
    </div>
  );
}
