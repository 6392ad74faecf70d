// Placeholder: the stats screen is built by the other front-end engineer in features/stats/.
import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../shared/i18n/i18n';
import { Skeleton } from '../../shared/ui/placeholders';

registerNamespace('stats', { en: { title: 'Stats' }, fr: { title: 'Stats' } });

export default function StatsPage() {
  const { t } = useTranslation('stats');
  return (
    <main className="page" data-testid="stats-page">
      <h1>{t('title')}</h1>
      <Skeleton lines={4} />
    </main>
  );
}
