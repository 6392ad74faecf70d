// One operator on the wall; re-renders only when what it shows changes (its counter ticks alone).
import type { AlertSeverity, SnapshotOperator } from '@vigie/contract';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon } from '../../shared/alerts/alert-icon';
import { ALERTS_NS } from '../../shared/alerts/i18n';
import { Duration } from '../../shared/ui/duration';
import { StateIcon } from '../../shared/ui/state-icon';
import { displayState, STATE_PALETTE } from '../../shared/ui/states';

interface Props {
  operator: SnapshotOperator;
  /** The worst active alert on this operator, if any. */
  alert: AlertSeverity | undefined;
}

function OperatorTileView({ operator: o, alert }: Props) {
  const { t } = useTranslation('wall');
  const { t: ta } = useTranslation(ALERTS_NS);
  const shown = displayState(o);
  const p = STATE_PALETTE[shown];
  const lowerBound = o.stateSincePrecision === 'lower-bound';
  return (
    <li
      className="wall-tile"
      data-testid="operator-tile"
      data-operator-id={o.id}
      data-state={o.state}
      data-display-state={shown}
      data-alert={alert ?? 'none'}
      style={{ background: p.bg, color: p.fg }}
    >
      <span className="wall-tile-state">
        {alert && (
          <AlertIcon severity={alert} label={ta('marked', { severity: ta(`severity.${alert}`) })} />
        )}
        <StateIcon state={shown} />
        <span className="wall-tile-state-label">
          {o.state === 'unavailable' && o.breakName ? o.breakName : t(`common:state.${shown}`)}
        </span>
      </span>
      <span className="wall-tile-name" title={o.name}>
        {o.name}
      </span>
      {/* Time since logging out is not a figure the room acts on: the label gets the room. */}
      {shown !== 'loggedOut' && (
        <span className="wall-tile-time" title={lowerBound ? t('lowerBound') : undefined}>
          <Duration since={o.stateSince} lowerBound={lowerBound} />
        </span>
      )}
    </li>
  );
}

const same = (a: SnapshotOperator, b: SnapshotOperator): boolean =>
  a.id === b.id &&
  a.state === b.state &&
  a.stateSince === b.stateSince &&
  a.stateSincePrecision === b.stateSincePrecision &&
  a.breakName === b.breakName &&
  a.loggedInSince === b.loggedInSince &&
  a.name === b.name;

export const OperatorTile = memo(
  OperatorTileView,
  (prev, next) => prev.alert === next.alert && same(prev.operator, next.operator),
);
