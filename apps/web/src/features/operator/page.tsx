// Placeholder: the operator screen is built by the other front-end engineer in features/operator/.
import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../shared/i18n/i18n';
import { Skeleton } from '../../shared/ui/placeholders';

registerNamespace('operator', { en: { title: 'Operator' }, fr: { title: 'Operator' } });

export default function OperatorPage() {
  const { t } = useTranslation('operator');
  return (
    <main className="page" data-testid="operator-page">
      <h1>{t('title')}</h1>
      <Skeleton lines={4} />
    </main>
  );
}
