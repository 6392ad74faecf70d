// The live stream's state as a small dot and word: live, connecting, reconnecting, waiting.
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../live/live-provider';
import { useSnapshotSelect } from '../live/snapshot-query';
import { indicatorState } from './indicator-state';

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const upstream = useSnapshotSelect((s) => s.upstream.status);
  const state = indicatorState(connection, upstream);
  return (
    <span
      className="connection-state"
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      {t(`connection.${state}`)}
    </span>
  );
}
