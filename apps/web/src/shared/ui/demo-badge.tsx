// Marks a board that runs on the embedded simulator (open, with nothing configured).
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useSnapshotSelect } from '../live/snapshot-query';

const selectDemo = (s: { demo: boolean }) => s.demo;

export function DemoBadge() {
  const { t } = useTranslation();
  const demoData = useSnapshotSelect(selectDemo);
  const { session } = useSession();
  if (!demoData && session?.auth !== 'demo') return null;
  return (
    <span className="demo-badge" data-testid="demo-badge" title={t('demoTitle')}>
      {t('demo')}
    </span>
  );
}
