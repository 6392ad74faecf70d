// Supervisor view `/`: counts per state, group cards and the operator table, all from the snapshot.
import { useTranslation } from 'react-i18next';
import { alertsOf } from '../../shared/alerts';
import { useConnectionState, useSnapshot } from '../../shared/live';
import { DEFAULT_THRESHOLDS, ErrorState, Skeleton } from '../../shared/ui';
import { AlertsPanel } from './alerts-panel';
import { GroupCards } from './group-cards';
import { NS } from './i18n';
import { countByState } from './operator-table';
import { OperatorTable } from './operator-table-view';
import { StateCountsBar } from './state-counts';
import './supervisor.css';

export default function SupervisorPage() {
  const { t } = useTranslation(NS);
  const { t: tc } = useTranslation();
  const snapshot = useSnapshot();
  const connection = useConnectionState();

  return (
    <main className="page sup-page" data-testid="supervisor-page">
      <h1>{t('title')}</h1>
      {snapshot === undefined ? (
        connection === 'reconnecting' ? (
          <ErrorState message={tc('connection.reconnecting')} />
        ) : (
          <Skeleton lines={8} />
        )
      ) : (
        <>
          <StateCountsBar
            counts={countByState(snapshot.operators)}
            total={snapshot.operators.length}
          />
          <AlertsPanel alerts={alertsOf(snapshot)} />
          <GroupCards
            groups={snapshot.groups}
            thresholds={snapshot.config.thresholds ?? DEFAULT_THRESHOLDS}
          />
          <OperatorTable operators={snapshot.operators} groups={snapshot.groups} />
        </>
      )}
    </main>
  );
}
