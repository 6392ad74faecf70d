// The live stream's state as a small dot and word: live, connecting, reconnecting.
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../live/live-provider';

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useConnectionState();
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
