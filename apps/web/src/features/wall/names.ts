// Names as the tiles show them: whole on one or two lines, at a fitted size no smaller than the
// legible minimum, shortened only beyond that, and never two tiles alike (issue 12 §2).
// Pure: text widths come from `measure`, a canvas in the browser and a stub in tests.

export interface NamedOperator {
  id: number;
  name: string;
  login?: string | null | undefined;
}

export interface NameBox {
  /** Inner width of a tile's name, px. */
  width: number;
  /** Lines the name may take. */
  lines: 1 | 2;
  /** The name's font size, px, and the smallest it may be fitted down to. */
  fontPx: number;
  minFontPx: number;
}

export interface ShownName {
  label: string;
  fontPx: number;
  /** The label is not the whole name (shortened, or told apart by a login). */
  shortened: boolean;
}

/** Width of `text` at `fontPx`, px. */
export type Measure = (text: string, fontPx: number) => number;

/** Greedy word wrap (as CSS does it) into at most `lines` lines of `width`; a word wider fails. */
export function fitsIn(text: string, box: NameBox, fontPx: number, measure: Measure): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  const space = measure(' ', fontPx);
  let lines = 1;
  let used = 0;
  for (const w of words) {
    const ww = measure(w, fontPx);
    if (ww > box.width) return false;
    if (used === 0) used = ww;
    else if (used + space + ww <= box.width) used += space + ww;
    else {
      lines += 1;
      used = ww;
      if (lines > box.lines) return false;
    }
  }
  return true;
}

/** Font sizes tried, largest first: the box's size down to its minimum, in 5 % steps. */
function sizes(box: NameBox): number[] {
  const out: number[] = [];
  for (let px = box.fontPx; px > box.minFontPx; px *= 0.95) out.push(px);
  out.push(box.minFontPx);
  return out;
}

/** The largest size at which `label` fits, or null. */
function fitSize(label: string, box: NameBox, measure: Measure): number | null {
  for (const px of sizes(box)) if (fitsIn(label, box, px, measure)) return px;
  return null;
}

const split = (name: string): { first: string; last: string } => {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return { first: name.trim(), last: '' };
  return { first: parts.slice(0, -1).join(' '), last: parts[parts.length - 1] ?? '' };
};

/** "Sébastien Pe." with `n` letters of the surname; the whole name once `n` reaches it. */
function withSurname(name: string, n: number): string {
  const { first, last } = split(name);
  if (!last || n >= last.length) return name.trim();
  return `${first} ${[...last].slice(0, Math.max(1, n)).join('')}.`;
}

/** "S. Perrin": the surname whole, for when the first name takes the room. */
function initialled(name: string): string {
  const { first, last } = split(name);
  return last ? `${[...first][0] ?? ''}. ${last}` : name.trim();
}

/** The longest form of `name` that fits, from the whole name down to "First L.". */
function shortest(name: string, box: NameBox, measure: Measure, fromLetters = 1): ShownName {
  const full = fitSize(name, box, measure);
  if (full !== null) return { label: name.trim(), fontPx: full, shortened: false };
  const { last } = split(name);
  for (let n = [...last].length - 1; n >= fromLetters; n--) {
    const label = withSurname(name, n);
    if (fitsIn(label, box, box.minFontPx, measure))
      return { label, fontPx: fitSize(label, box, measure) ?? box.minFontPx, shortened: true };
  }
  // "First L." is still too wide (a long first name in a narrow tile): the surname with an
  // initial, then the first name alone (told apart below if another reads the same), before a cut.
  const { first } = split(name);
  for (const label of [initialled(name), first]) {
    const px = label === name.trim() ? null : fitSize(label, box, measure);
    if (px !== null) return { label, fontPx: px, shortened: true };
  }
  const label = withSurname(name, fromLetters);
  return { label, fontPx: box.minFontPx, shortened: label !== name.trim() };
}

/** The first of `labels` that fits (at its largest size), else the last at the minimum size. */
function firstFitting(labels: string[], box: NameBox, measure: Measure): ShownName {
  for (const label of labels) {
    const px = fitSize(label, box, measure);
    if (px !== null) return { label, fontPx: px, shortened: true };
  }
  return { label: labels[labels.length - 1] ?? '', fontPx: box.minFontPx, shortened: true };
}

/** Another of `alike` has the same "S. Martin" as `o`: it cannot tell them apart. */
const initialsShared = (o: NamedOperator, alike: readonly NamedOperator[]): boolean =>
  alike.some((p) => p !== o && readAs(initialled(p.name)) === readAs(initialled(o.name)));

/** What a label reads as from across the room: "Sébastien Martin." (Martinez, shortened) is a Sébastien Martin. */
const readAs = (label: string): string => label.toLocaleLowerCase().replace(/\.$/, '');

/**
 * Each operator's shown name. Where two shown names read the same, a longer surname tells them
 * apart ("Sébastien Per." / "Sébastien Pet."); where the whole names are the same, the login does.
 */
/**
 * True when both lists hold the same operators under the same names and logins, in any order:
 * their fitted names are then the same (shownNames depends on that set only), so a patch that
 * moves states alone need not measure a thousand names again.
 */
export function sameNamed(a: readonly NamedOperator[], b: readonly NamedOperator[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const byId = new Map<number, NamedOperator>();
  for (const o of a) byId.set(o.id, o);
  if (byId.size !== a.length) return false;
  for (const o of b) {
    const p = byId.get(o.id);
    if (!p || p.name !== o.name || (p.login ?? null) !== (o.login ?? null)) return false;
  }
  return true;
}

export function shownNames(
  operators: readonly NamedOperator[],
  box: NameBox,
  measure: Measure,
): Map<number, ShownName> {
  const out = new Map<number, ShownName>();
  for (const o of operators) out.set(o.id, shortest(o.name, box, measure));

  const byLabel = new Map<string, NamedOperator[]>();
  for (const o of operators) {
    const key = readAs(out.get(o.id)?.label ?? o.name);
    byLabel.set(key, [...(byLabel.get(key) ?? []), o]);
  }
  for (const alike of byLabel.values()) {
    if (alike.length < 2) continue;
    for (const o of alike) {
      const name = o.name.trim();
      const sameName = alike.some((p) => p !== o && p.name.trim() === name);
      const tag = o.login ? o.login : `#${o.id}`;
      if (sameName) {
        const { first } = split(name);
        out.set(
          o.id,
          firstFitting(
            [`${name} · ${tag}`, `${withSurname(name, 1)} · ${tag}`, `${first} · ${tag}`, tag],
            box,
            measure,
          ),
        );
        continue;
      }
      // The fewest surname letters that no other name of the group shares.
      const { last } = split(name);
      const others = alike.filter((p) => p !== o).map((p) => p.name.trim());
      let n = 1;
      while (
        n < [...last].length &&
        others.some((p) => readAs(withSurname(p, n)) === readAs(withSurname(name, n)))
      )
        n += 1;
      const label = withSurname(name, n);
      const px = fitSize(label, box, measure);
      out.set(
        o.id,
        px !== null
          ? { label, fontPx: px, shortened: label !== name }
          : firstFitting(
              [label, ...(initialsShared(o, alike) ? [] : [initialled(name)]), tag],
              box,
              measure,
            ),
      );
    }
  }
  return out;
}

/**
 * shownNames keeping its last answer: asked again for the same operators, names and box (a patch
 * that only moves states), it measures nothing and returns the same Map.
 */
export function lastShownNames(): (
  operators: readonly NamedOperator[],
  box: NameBox,
  measure: Measure,
) => Map<number, ShownName> {
  let last: {
    operators: readonly NamedOperator[];
    box: string;
    measure: Measure;
    names: Map<number, ShownName>;
  } | null = null;
  return (operators, box, measure) => {
    const key = `${box.width}|${box.lines}|${box.fontPx}|${box.minFontPx}`;
    if (
      last &&
      last.box === key &&
      last.measure === measure &&
      sameNamed(last.operators, operators)
    )
      return last.names;
    const names = shownNames(operators, box, measure);
    last = { operators, box: key, measure, names };
    return names;
  };
}
