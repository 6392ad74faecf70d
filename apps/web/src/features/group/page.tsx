// Placeholder: the group screen is built by the other front-end engineer in features/group/.
import { useTranslation } from 'react-i18next';
import { registerNamespace } from '../../shared/i18n/i18n';
import { Skeleton } from '../../shared/ui/placeholders';

registerNamespace('group', { en: { title: 'Group' }, fr: { title: 'Group' } });

export default function GroupPage() {
  const { t } = useTranslation('group');
  return (
    <main className="page" data-testid="group-page">
      <h1>{t('title')}</h1>
      <Skeleton lines={4} />
    </main>
  );
}
