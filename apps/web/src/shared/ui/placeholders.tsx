// Loading skeletons, empty states and error states: never a blank screen.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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
}: {
  title?: string;
  message?: string;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
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
