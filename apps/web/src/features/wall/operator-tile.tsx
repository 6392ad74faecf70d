// One operator on the wall; re-renders only when what it shows changes (its counter ticks alone).
import type { SnapshotOperator } from '@vigie/contract';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Duration } from '../../shared/ui/duration';
import { StateIcon } from '../../shared/ui/state-icon';
import { displayState, STATE_PALETTE } from '../../shared/ui/states';

function OperatorTileView({ operator: o }: { operator: SnapshotOperator }) {
  const { t } = useTranslation('wall');
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
      style={{ background: p.bg, color: p.fg }}
    >
      <span className="wall-tile-state">
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

export const OperatorTile = memo(OperatorTileView, (prev, next) =>
  same(prev.operator, next.operator),
);
