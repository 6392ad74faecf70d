// The page's one status word (issue 12.1): live (green only then), Axialys degraded or down with
// the figures' age, reconnecting to the board, or waiting for the first figures.
import type { Snapshot } from '@vigie/contract';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { oldestAgeSeconds } from '../live/freshness';
import { useConnectionState } from '../live/live-provider';
import { useSnapshotReceived, useSnapshotSelect } from '../live/snapshot-query';
import { useFormat } from '../i18n/use-format';
import { AGED_STATES, indicatorState, type IndicatorState } from './indicator-state';
import { useNow } from './use-now';
import { useStale } from './use-stale';

const selectStatus = (s: Snapshot) => s.upstream.status;

/** Drawn again when the word changes, not on every snapshot (issue 14 §2). */
export const ConnectionIndicator = memo(function ConnectionIndicator() {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const status = useSnapshotSelect(selectStatus);
  const stale = useStale();
  const state = indicatorState(connection, status, stale.operators || stale.groups);
  return (
    <span
      className="connection-state"
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-word">{t(`connection.${state}`)}</span>
      {AGED_STATES.has(state) && <IndicatorAge state={state} />}
    </span>
  );
});

/** The figures' age beside the word; ticks on its own so the word does not re-render each second. */
function IndicatorAge({ state }: { state: IndicatorState }) {
  const fmt = useFormat();
  const { snapshot, receivedAt } = useSnapshotReceived();
  const now = useNow(1000);
  const age = snapshot ? oldestAgeSeconds(snapshot, receivedAt, now) : null;
  if (age === null) return null;
  return (
    <span className="connection-age" data-testid="connection-age" data-for={state}>
      {' · '}
      {fmt.age(age)}
    </span>
  );
}
