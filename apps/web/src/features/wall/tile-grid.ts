// The wall's operator tiles, written straight into the tile list (issue 14 §2, a TV's processor).
// React draws the list and leaves its children to this grid: for a patch, each shown tile's face
// (tile-face.ts) is compared with the one drawn, only what changed is written, and only tiles
// whose place changed are moved. React's reconciliation of ~130 tiles, and the mounting of every
// tile that changed state, cost more than the rest of the board's render.
import type { SnapshotOperator } from '@vigie/contract';
import { STATE_PALETTE } from '../../shared/ui/states';
import type { WallText } from './text';
import { tickElapsedInto } from './tick';
import { keptInPlace, type TileFace, type TimeFace } from './tile-face';

/**
 * A copy of one of the board's icons, by key: `i-<display state>`, `s` (the hourglass) and
 * `a-<severity>`, drawn by the icon components in the list's hidden icon row (tile-list.tsx), so
 * a tile's icon is the components' own markup, cloned.
 */
export type IconSource = (key: string) => Node;

function span(className: string | null, text?: string): HTMLSpanElement {
  const el = document.createElement('span');
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** One tile's nodes and what they show. */
interface TileNode {
  li: HTMLLIElement;
  stateRow: HTMLSpanElement;
  name: HTMLSpanElement;
  time: HTMLSpanElement | null;
  face: TileFace | null;
  /** What the state row and the time were drawn from. */
  rowKey: string;
  timeKey: string;
  untick: (() => void) | null;
}

function drawTime(node: TileNode, f: TimeFace | null): void {
  node.untick?.();
  node.untick = null;
  if (f === null) {
    node.time?.remove();
    node.time = null;
    return;
  }
  if (!node.time) {
    node.time = span('wall-tile-time');
    node.li.append(node.time);
  }
  setAttr(node.time, 'title', f.title);
  const duration = span(null, f.frozen ?? undefined);
  duration.setAttribute('data-testid', 'duration');
  if (f.frozen !== null) duration.setAttribute('data-frozen', 'true');
  // The page's one ticker writes the figures in place each second: nothing is drawn again.
  else node.untick = tickElapsedInto(duration, f.since, f.lowerBound, f.locale);
  node.time.replaceChildren(duration);
}

function newTile(): TileNode {
  const li = document.createElement('li');
  li.setAttribute('data-testid', 'operator-tile');
  const stateRow = span('wall-tile-state');
  const name = span('wall-tile-name');
  name.setAttribute('data-testid', 'tile-name');
  li.append(stateRow, name);
  return { li, stateRow, name, time: null, face: null, rowKey: '', timeKey: '', untick: null };
}

/** Writes `f` over what `node` shows: only the attributes, rows and texts that differ. */
function drawTile(node: TileNode, f: TileFace, icon: IconSource): void {
  const { li, name } = node;
  for (const [k, v] of Object.entries(f.attrs)) setAttr(li, k, v);
  if (node.face?.display !== f.display) {
    const palette = STATE_PALETTE[f.display];
    li.style.background = palette.bg;
    li.style.color = palette.fg;
  }
  const rowKey = `${f.icons.join()}|${f.label}`;
  if (node.rowKey !== rowKey) {
    node.stateRow.replaceChildren(...f.icons.map(icon), span('wall-tile-state-label', f.label));
    node.rowKey = rowKey;
  }
  setAttr(name, 'data-shortened', String(f.name.shortened));
  setAttr(name, 'title', f.name.title);
  if (node.face?.name.em !== f.name.em) name.style.fontSize = `${f.name.em}em`;
  if (name.textContent !== f.name.label) name.textContent = f.name.label;
  const timeKey = JSON.stringify(f.time);
  if (node.timeKey !== timeKey) {
    drawTime(node, f.time);
    node.timeKey = timeKey;
  }
  node.face = f;
}

/** Everyone logged out in one tile: "12 logged out", their names in its title. */
function drawLoggedOut(
  li: HTMLLIElement,
  operators: readonly SnapshotOperator[],
  text: WallText,
  icon: IconSource,
): void {
  const word = text.wall('common:state.loggedOut');
  const count = text.t('loggedOutCount', { count: operators.length });
  const attrs = {
    class: 'wall-tile wall-tile-logged-out',
    'data-testid': 'logged-out-tile',
    'data-count': String(operators.length),
    'data-operator-ids': operators.map((o) => o.id).join(','),
    'data-display-state': 'loggedOut',
    title: operators.map((o) => o.name).join(', '),
  };
  for (const [k, v] of Object.entries(attrs)) setAttr(li, k, v);
  const key = `${word}|${count}`;
  if (li.dataset['drawn'] === key) return;
  const row = span('wall-tile-state');
  row.append(icon('i-loggedOut'), span('wall-tile-state-label', word));
  li.replaceChildren(row, span('wall-tile-name', count));
  li.dataset['drawn'] = key;
}

/** What the board hands the grid for a render: the page's tiles in order, `null` the counted one. */
export interface GridFrame {
  faces: readonly (TileFace | null)[];
  loggedOut: readonly SnapshotOperator[];
  text: WallText;
}

type Key = number | 'logged-out';

export class TileGrid {
  readonly #list: HTMLElement;
  readonly #icon: IconSource;
  readonly #tiles = new Map<number, TileNode>();
  #loggedOut: HTMLLIElement | null = null;
  #text: WallText | null = null;

  constructor(list: HTMLElement, icon: IconSource) {
    this.#list = list;
    this.#icon = icon;
  }

  draw(frame: GridFrame): void {
    // Another language: every row is drawn again, its icons' labels with it.
    if (frame.text !== this.#text) {
      for (const node of this.#tiles.values()) node.rowKey = '';
      if (this.#loggedOut) delete this.#loggedOut.dataset['drawn'];
      this.#text = frame.text;
    }
    const wanted: Key[] = [];
    const nodes = new Map<Key, Element>();
    for (const f of frame.faces) {
      if (f === null) {
        if (!this.#loggedOut) {
          this.#loggedOut = document.createElement('li');
          this.#loggedOut.style.background = STATE_PALETTE.loggedOut.bg;
          this.#loggedOut.style.color = STATE_PALETTE.loggedOut.fg;
        }
        drawLoggedOut(this.#loggedOut, frame.loggedOut, frame.text, this.#icon);
        wanted.push('logged-out');
        nodes.set('logged-out', this.#loggedOut);
        continue;
      }
      let node = this.#tiles.get(f.id);
      if (!node) {
        node = newTile();
        this.#tiles.set(f.id, node);
      }
      // The board hands the same face while nothing it shows from changed.
      if (node.face !== f || node.rowKey === '') drawTile(node, f, this.#icon);
      wanted.push(f.id);
      nodes.set(f.id, node.li);
    }
    // Gone from this page: out of the list, and their counters stop.
    for (const [id, node] of this.#tiles) {
      if (nodes.has(id)) continue;
      node.untick?.();
      node.li.remove();
      this.#tiles.delete(id);
    }
    if (this.#loggedOut && !nodes.has('logged-out')) {
      this.#loggedOut.remove();
      this.#loggedOut = null;
    }
    // Placed in order, moving only the tiles out of place.
    const keyOf = new Map<Element, Key>();
    for (const [k, el] of nodes) keyOf.set(el, k);
    const current: Key[] = [];
    for (const el of Array.from(this.#list.children)) {
      const k = keyOf.get(el);
      if (k !== undefined) current.push(k);
    }
    const kept = keptInPlace(current, wanted);
    let next: Element | null = null;
    for (let i = wanted.length - 1; i >= 0; i--) {
      const k = wanted[i] as Key;
      const el = nodes.get(k) as Element;
      if (!kept.has(k)) this.#list.insertBefore(el, next);
      next = el;
    }
  }

  /** Every counter stopped and every tile removed (the board unmounts). */
  destroy(): void {
    for (const node of this.#tiles.values()) {
      node.untick?.();
      node.li.remove();
    }
    this.#tiles.clear();
    this.#loggedOut?.remove();
    this.#loggedOut = null;
  }
}
