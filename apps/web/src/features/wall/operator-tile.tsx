// One operator on the wall; re-renders only when what it shows changes (its counter ticks alone).
// No hooks of its own: its words come from the board (`WallText`), read once for all tiles.
import type { AlertSeverity, SnapshotOperator } from '@vigie/contract';
import { memo, type CSSProperties } from 'react';
import { AlertIcon } from '../../shared/alerts/alert-icon';
import { Duration } from '../../shared/ui/duration';
import { StateIcon } from '../../shared/ui/state-icon';
import { displayState, STATE_PALETTE, type DisplayState } from '../../shared/ui/states';
import type { ShownName } from './names';
import type { WallText } from './text';

/**
 * The tiles' face: a condensed one where the screen has it, so a name and "Unavailable 12:34"
 * fit a narrow tile at a legible size; the board measures names in it too.
 */
export const TILE_FONT =
  "'Roboto Condensed', 'Arial Narrow', 'Liberation Sans Narrow', 'DejaVu Sans Condensed', system-ui, sans-serif";

interface Props {
  operator: SnapshotOperator;
  /** The name as fitted and told apart by the board (the whole name until then). */
  shown: ShownName | undefined;
  /** The name's size in em of the tile. */
  nameEm: number;
  /** The worst active alert on this operator, if any. */
  alert: AlertSeverity | undefined;
  text: WallText;
}

/** One style object per state, so an unchanged tile's style is not diffed again. */
const STYLE = Object.fromEntries(
  Object.entries(STATE_PALETTE).map(([state, p]) => [state, { background: p.bg, color: p.fg }]),
) as Record<DisplayState, CSSProperties>;

/** The state part of the tile: changes with the state, the break or the alert, not the time. */
const TileState = memo(function TileState({
  shown,
  label,
  alert,
  text,
}: {
  shown: DisplayState;
  label: string;
  alert: AlertSeverity | undefined;
  text: WallText;
}) {
  return (
    <span className="wall-tile-state">
      {alert && (
        <AlertIcon
          severity={alert}
          label={text.ta('marked', { severity: text.alerts(`severity.${alert}`) })}
        />
      )}
      <StateIcon state={shown} />
      <span className="wall-tile-state-label">{label}</span>
    </span>
  );
});

function OperatorTileView({ operator: o, shown: name, nameEm, alert, text }: Props) {
  const shown = displayState(o);
  const lowerBound = o.stateSincePrecision === 'lower-bound';
  return (
    <li
      className="wall-tile"
      data-testid="operator-tile"
      data-operator-id={o.id}
      data-state={o.state}
      data-display-state={shown}
      data-alert={alert ?? 'none'}
      style={STYLE[shown]}
    >
      <TileState
        shown={shown}
        label={
          o.state === 'unavailable' && o.breakName
            ? o.breakName
            : text.wall(`common:state.${shown}`)
        }
        alert={alert}
        text={text}
      />
      <span
        className="wall-tile-name"
        data-testid="tile-name"
        data-shortened={name?.shortened ? 'true' : 'false'}
        title={o.login ? `${o.name} · ${o.login}` : o.name}
        style={{ fontSize: `${nameEm}em` }}
      >
        {name?.label ?? o.name}
      </span>
      {/* Time since logging out is not a figure the room acts on: the label gets the room. */}
      {shown !== 'loggedOut' && (
        <span className="wall-tile-time" title={lowerBound ? text.wall('lowerBound') : undefined}>
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
  a.name === b.name &&
  a.login === b.login;

export const OperatorTile = memo(
  OperatorTileView,
  (prev, next) =>
    prev.alert === next.alert &&
    prev.text === next.text &&
    prev.nameEm === next.nameEm &&
    prev.shown?.label === next.shown?.label &&
    same(prev.operator, next.operator),
);

/** Everyone logged out in one tile: "12 logged out", their names in its title. */
export const LoggedOutTile = memo(function LoggedOutTile({
  operators,
  text,
}: {
  operators: readonly SnapshotOperator[];
  text: WallText;
}) {
  return (
    <li
      className="wall-tile wall-tile-logged-out"
      data-testid="logged-out-tile"
      data-count={operators.length}
      data-operator-ids={operators.map((o) => o.id).join(',')}
      data-display-state="loggedOut"
      style={STYLE.loggedOut}
      title={operators.map((o) => o.name).join(', ')}
    >
      <span className="wall-tile-state">
        <StateIcon state="loggedOut" />
        <span className="wall-tile-state-label">{text.wall('common:state.loggedOut')}</span>
      </span>
      <span className="wall-tile-name">
        {text.t('loggedOutCount', { count: operators.length })}
      </span>
    </li>
  );
});
