// Marks a board that runs on the embedded simulator.
import { useTranslation } from 'react-i18next';
import { useSnapshotSelect } from '../live/snapshot-query';

const selectDemo = (s: { demo: boolean }) => s.demo;

export function DemoBadge() {
  const { t } = useTranslation();
  const demo = useSnapshotSelect(selectDemo);
  if (!demo) return null;
  return (
    <span className="demo-badge" data-testid="demo-badge" title={t('demoTitle')}>
      {t('demo')}
    </span>
  );
}
