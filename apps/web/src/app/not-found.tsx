// The screen for an address that leads nowhere.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../shared/ui/placeholders';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="page" data-testid="not-found">
      <EmptyState title={t('error.notFound')}>
        <p>{t('error.notFoundHint')}</p>
        <Link to="/">{t('error.backHome')}</Link>
      </EmptyState>
    </main>
  );
}
