// Time in state on every tile from one listener on the page's 1 s clock, written into the tiles'
// text nodes: no React render per tile per second (issue 14 §2, a TV's slow processor).
import { useLayoutEffect } from 'react';
import { durationParts, type DurationPart } from '../../shared/i18n/format';
import { onTick, tickNow } from '../../shared/ui/use-now';

/** Something a tick redraws: it is handed the page's "now" and writes only what changed. */
export interface Ticking {
  render(now: number): void;
}

/** Where ticks come from: the shared clock in the page, a fake one in tests. */
export interface TickSource {
  subscribe(listener: (now: number) => void): () => void;
  now(): number;
}

/** One subscription to the clock for every registered entry, held only while there are some. */
export class TickRegistry {
  readonly #entries = new Set<Ticking>();
  readonly #source: TickSource;
  #unsubscribe: (() => void) | null = null;

  constructor(source: TickSource) {
    this.#source = source;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Draws `entry` at once (before paint), then on every tick until the returned call. */
  add(entry: Ticking): () => void {
    this.#entries.add(entry);
    entry.render(this.#source.now());
    this.#unsubscribe ??= this.#source.subscribe((now) => {
      for (const e of this.#entries) e.render(now);
    });
    return () => {
      this.#entries.delete(entry);
      if (this.#entries.size === 0 && this.#unsubscribe) {
        this.#unsubscribe();
        this.#unsubscribe = null;
      }
    };
  }
}

/** What a tile's time in state reads at `now`: "–" without a start, "≥ " before a lower bound. */
export function elapsedParts(
  sinceMs: number | null,
  now: number,
  lowerBound: boolean,
  locale: string,
): DurationPart[] {
  if (sinceMs === null) return [{ text: '–', unit: false }];
  const parts = durationParts(Math.max(0, (now - sinceMs) / 1000), locale);
  return lowerBound ? [{ text: '≥ ', unit: false }, ...parts] : parts;
}

/** The nodes a duration is drawn with: text for figures, a `.duration-unit` span for units. */
export interface PartsView {
  /** Replaces every child with these parts. */
  rebuild(parts: readonly DurationPart[]): void;
  /** Sets the text of the i-th child, drawn for a part of the same kind. */
  setText(index: number, text: string): void;
}

/**
 * Redraws `next` over `prev`: in place when the parts are of the same kinds (the usual second,
 * "12:34" → "12:35", one text node written), from scratch when the shape changes (0:59 → 1 min).
 * Returns how many writes it made.
 */
export function drawParts(
  view: PartsView,
  prev: readonly DurationPart[] | null,
  next: readonly DurationPart[],
): number {
  if (!prev || prev.length !== next.length || prev.some((p, i) => p.unit !== next[i]?.unit)) {
    view.rebuild(next);
    return 1;
  }
  let writes = 0;
  next.forEach((p, i) => {
    if (p.text !== prev[i]?.text) {
      view.setText(i, p.text);
      writes += 1;
    }
  });
  return writes;
}

/** A PartsView over an element's children. */
function domParts(el: HTMLElement): PartsView {
  return {
    rebuild(parts) {
      el.replaceChildren(
        ...parts.map((p) => {
          if (!p.unit) return document.createTextNode(p.text);
          const span = document.createElement('span');
          span.className = 'duration-unit';
          span.textContent = p.text;
          return span;
        }),
      );
    },
    setText(index, text) {
      const node = el.childNodes[index];
      if (node) node.textContent = text;
    },
  };
}

/** A ticking time in state, drawn into `view`; written only when its text changes. */
export function elapsedTicking(
  view: PartsView,
  opts: { sinceMs: number | null; lowerBound: boolean; locale: string },
): Ticking {
  let shown: DurationPart[] | null = null;
  return {
    render(now) {
      const next = elapsedParts(opts.sinceMs, now, opts.lowerBound, opts.locale);
      drawParts(view, shown, next);
      shown = next;
    },
  };
}

const pageTicks = new TickRegistry({
  subscribe: (listener) => onTick(1000, listener),
  now: () => tickNow(1000),
});

/**
 * `draw` on every tick of the page's clock (and once before paint), for content that follows the
 * time: it writes the DOM itself, so a second re-renders nothing. Drawn afresh when `deps` change.
 */
export function useTicking(draw: (now: number) => void, deps: readonly unknown[]): void {
  useLayoutEffect(
    () => pageTicks.add({ render: draw }),
    // The caller names what `draw` reads, as for any effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );
}

/**
 * Time since `since` written into `el` by the page's one ticker, from now until the returned call:
 * the element's content is the ticker's, so a second re-renders nothing (the wall's tiles).
 */
export function tickElapsedInto(
  el: HTMLElement,
  since: string | null,
  lowerBound: boolean,
  locale: string,
): () => void {
  const t = since ? Date.parse(since) : Number.NaN;
  const sinceMs = Number.isNaN(t) ? null : t;
  return pageTicks.add(elapsedTicking(domParts(el), { sinceMs, lowerBound, locale }));
}
