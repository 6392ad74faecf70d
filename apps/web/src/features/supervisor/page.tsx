// Placeholder: the supervisor screen is built by the other front-end engineer in features/supervisor/.
import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../shared/i18n/i18n';
import { Skeleton } from '../../shared/ui/placeholders';

registerNamespace('supervisor', { en: { title: 'Supervisor' }, fr: { title: 'Supervisor' } });

export default function SupervisorPage() {
  const { t } = useTranslation('supervisor');
  return (
    <main className="page" data-testid="supervisor-page">
      <h1>{t('title')}</h1>
      <Skeleton lines={4} />
    </main>
  );
}
