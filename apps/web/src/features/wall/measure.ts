// Text widths for the tiles' names, from a canvas in the tiles' own face (bold, as CSS draws them).
import type { Measure } from './names';

const cache = new Map<string, Measure>();

/** A measure for `family`, bold; widths are cached per size and text (a wall asks ~1,000 each pass). */
export function textMeasure(family: string): Measure {
  const known = cache.get(family);
  if (known) return known;
  const ctx =
    typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const widths = new Map<string, number>();
  const measure: Measure = (text, px) => {
    const key = `${px.toFixed(2)}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (ctx) {
        ctx.font = `700 ${px}px ${family}`;
        w = ctx.measureText(text).width;
      } else {
        w = [...text].length * px * 0.6; // no canvas (tests without a DOM): a wide estimate
      }
      widths.set(key, w);
    }
    return w;
  };
  cache.set(family, measure);
  return measure;
}
