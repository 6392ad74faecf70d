// The tile list: React draws the <ul> and its layout; its tiles are the grid's (tile-grid.ts), written
// in the commit's layout phase so that a snapshot and its tiles reach the screen in one frame.
import type { AlertSeverity, SnapshotOperator } from '@vigie/contract';
import { useCallback, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { AlertIcon } from '../../shared/alerts/alert-icon';
import { StaleIcon } from '../../shared/ui/stale-icon';
import { StateIcon } from '../../shared/ui/state-icon';
import { DISPLAY_STATE_ORDER } from '../../shared/ui/states';
import type { ShownName } from './names';
import type { WallText } from './text';
import { tileFace, type TileFace } from './tile-face';
import { TileGrid } from './tile-grid';

interface Props {
  /** This page's tiles in order; `null` is the tile counting the logged-out. */
  tiles: readonly (SnapshotOperator | null)[];
  loggedOut: readonly SnapshotOperator[];
  names: ReadonlyMap<number, ShownName>;
  /** The tiles' font size, px: a fitted name's size is in em of it. */
  fontPx: number;
  /** A name's size, px, when it has none fitted. */
  defaultNamePx: number;
  alertOf: (id: number) => AlertSeverity | undefined;
  frozenAt: number | null;
  text: WallText;
  /** Called with the list element (the board measures it). */
  listRef: (el: HTMLUListElement | null) => void;
  attrs: Record<`data-${string}`, string | number>;
  style: CSSProperties;
}

interface Cached {
  o: SnapshotOperator;
  shown: ShownName | undefined;
  nameEm: number;
  alert: AlertSeverity | undefined;
  frozenAt: number | null;
  text: WallText;
  face: TileFace;
}

export function TileList({
  tiles,
  loggedOut,
  names,
  fontPx,
  defaultNamePx,
  alertOf,
  frozenAt,
  text,
  listRef,
  attrs,
  style,
}: Props) {
  const grid = useRef<TileGrid | null>(null);
  const iconRow = useRef<HTMLSpanElement>(null);
  // A tile's face is worked out again only when what it shows from changed: most of a patch's
  // tiles are the same objects as before, so the grid finds the same face and writes nothing.
  const faces = useRef(new Map<number, Cached>());
  // The grid's icons are copies of the icon components' own, drawn below in the page's language.
  const copyIcon = useCallback((key: string): Node => {
    const svg = iconRow.current?.querySelector(`[data-icon="${key}"] > svg`);
    const copy = svg?.cloneNode(true) ?? document.createTextNode('');
    // Laid out by the tile's CSS (.wall-tile-state svg): a style attribute on a copy is the CSP's.
    if (copy instanceof Element) copy.removeAttribute('style');
    return copy;
  }, []);
  const ref = useCallback(
    (el: HTMLUListElement | null) => {
      listRef(el);
      grid.current?.destroy();
      grid.current = el ? new TileGrid(el, copyIcon) : null;
      if (!el) faces.current.clear();
    },
    [listRef, copyIcon],
  );

  useLayoutEffect(() => {
    const g = grid.current;
    if (!g) return;
    const known = faces.current;
    const next = new Map<number, Cached>();
    const shown = tiles.map((o) => {
      if (o === null) return null;
      const name = names.get(o.id);
      // Rounded up: a name fitted to the legible minimum never renders a hair under it.
      const nameEm = Math.ceil(((name?.fontPx ?? defaultNamePx) / fontPx) * 1000) / 1000;
      const alert = alertOf(o.id);
      const c = known.get(o.id);
      const same =
        c !== undefined &&
        c.o === o &&
        c.shown === name &&
        c.nameEm === nameEm &&
        c.alert === alert &&
        c.frozenAt === frozenAt &&
        c.text === text;
      const entry = same
        ? c
        : {
            o,
            shown: name,
            nameEm,
            alert,
            frozenAt,
            text,
            face: tileFace(o, name, nameEm, alert, frozenAt, text),
          };
      next.set(o.id, entry);
      return entry.face;
    });
    faces.current = next;
    g.draw({ faces: shown, loggedOut, text });
  });

  return (
    <>
      <ul ref={ref} className="wall-tiles" data-testid="operator-tiles" {...attrs} style={style} />
      <span ref={iconRow} hidden>
        {DISPLAY_STATE_ORDER.map((state) => (
          <span key={state} data-icon={`i-${state}`}>
            <StateIcon state={state} />
          </span>
        ))}
        <span data-icon="s">
          <StaleIcon label={text.wall('stale')} />
        </span>
        {(['warning', 'critical'] as const).map((severity) => (
          <span key={severity} data-icon={`a-${severity}`}>
            <AlertIcon
              severity={severity}
              label={text.ta('marked', { severity: text.alerts(`severity.${severity}`) })}
            />
          </span>
        ))}
      </span>
    </>
  );
}
