// One operator on the wall; re-renders only when what it shows changes (its counter is written by
// the page's ticker, tick.ts, not by a render).
// No hooks of its own: its words come from the board (`WallText`), read once for all tiles.
import type { AlertSeverity, SnapshotOperator } from '@vigie/contract';
import { memo, type CSSProperties } from 'react';
import { AlertIcon } from '../../shared/alerts/alert-icon';
import { formatDuration } from '../../shared/i18n/format';
import { StaleIcon } from '../../shared/ui/stale-icon';
import { StateIcon } from '../../shared/ui/state-icon';
import { displayState, STATE_PALETTE, type DisplayState } from '../../shared/ui/states';
import type { ShownName } from './names';
import { useTickingElapsed } from './tick';
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
  /**
   * When the operators' figures are older than two polls, the instant they date from (ms): the
   * tile is washed out, an hourglass stands for its state icon and its time stops at that instant.
   */
  frozenAt: number | null;
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
  stale,
  text,
}: {
  shown: DisplayState;
  label: string;
  alert: AlertSeverity | undefined;
  stale: boolean;
  text: WallText;
}) {
  return (
    <span className="wall-tile-state">
      {/* The hourglass takes the state icon's place: the state word stays whole (issue 12.1). */}
      {alert && (
        <AlertIcon
          severity={alert}
          label={text.ta('marked', { severity: text.alerts(`severity.${alert}`) })}
        />
      )}
      {stale ? <StaleIcon label={text.wall('stale')} /> : <StateIcon state={shown} />}
      <span className="wall-tile-state-label">{label}</span>
    </span>
  );
});

/** Time in state, ticking: its text is the page ticker's to write, so React never renders it again. */
function TileElapsed(props: { since: string | null; lowerBound: boolean; locale: string }) {
  const ref = useTickingElapsed<HTMLSpanElement>(props.since, props.lowerBound, props.locale);
  return <span ref={ref} data-testid="duration" />;
}

/** Time in state as it stood when the figures were taken: "≥", since the state may go on. */
function frozenDuration(since: string | null, at: number): string {
  const start = since ? Date.parse(since) : Number.NaN;
  return Number.isNaN(start) ? '–' : `≥ ${formatDuration(Math.max(0, (at - start) / 1000))}`;
}

function OperatorTileView({ operator: o, shown: name, nameEm, alert, frozenAt, text }: Props) {
  const shown = displayState(o);
  const stale = frozenAt !== null;
  const lowerBound = o.stateSincePrecision === 'lower-bound';
  return (
    <li
      className={stale ? 'wall-tile is-stale' : 'wall-tile'}
      data-testid="operator-tile"
      data-operator-id={o.id}
      data-state={o.state}
      data-display-state={shown}
      data-alert={alert ?? 'none'}
      data-stale={stale ? 'true' : 'false'}
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
        stale={stale}
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
        <span
          className="wall-tile-time"
          title={
            stale ? text.since(o.stateSince) : lowerBound ? text.wall('lowerBound') : undefined
          }
        >
          {/* Old figures: a counter would keep adding time to a state that may be over (12.1). */}
          {stale ? (
            <span data-testid="duration" data-frozen="true">
              {frozenDuration(o.stateSince, frozenAt)}
            </span>
          ) : (
            <TileElapsed since={o.stateSince} lowerBound={lowerBound} locale={text.fmt.locale} />
          )}
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
    prev.frozenAt === next.frozenAt &&
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
