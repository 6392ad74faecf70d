import { describe, expect, it } from 'vitest';
import { fitsIn, lastShownNames, sameNamed, shownNames, type Measure, type NameBox } from './names';

/** Every character half an em wide: easy widths to reason about. */
const measure: Measure = (text, px) => [...text].length * px * 0.5;
const box = (over: Partial<NameBox> = {}): NameBox => ({
  width: 120,
  lines: 2,
  fontPx: 24,
  minFontPx: 20,
  ...over,
});
const labels = (ops: { id: number; name: string; login?: string }[], b: NameBox) => {
  const shown = shownNames(ops, b, measure);
  return ops.map((o) => shown.get(o.id)?.label);
};

describe('shown names', () => {
  it('wraps words onto two lines before shortening anything', () => {
    // "Baptiste" and "Fournier" are 8 letters: 96 px each at 24 px, one per line.
    expect(fitsIn('Baptiste Fournier', box(), 24, measure)).toBe(true);
    expect(fitsIn('Baptiste Fournier', box({ lines: 1 }), 24, measure)).toBe(false);
    const shown = shownNames([{ id: 1, name: 'Baptiste Fournier' }], box(), measure).get(1);
    expect(shown).toEqual({ label: 'Baptiste Fournier', fontPx: 24, shortened: false });
  });

  it('fits the size down to the minimum before cutting the surname', () => {
    // 10 letters: 120 px at 24 px, so "Christophe" fits; "Delacroixes" (11) needs 21.8 px.
    const shown = shownNames([{ id: 1, name: 'Christophe Delacroixes' }], box(), measure).get(1);
    expect(shown?.label).toBe('Christophe Delacroixes');
    expect(shown?.fontPx).toBeLessThan(24);
    expect(shown?.fontPx).toBeGreaterThanOrEqual(20);
    // One line of 120 px at 20 px holds 12 characters: "Christophe D." is 13, so the first name
    // alone with an initial does not fit either; the shortest form is kept at the minimum size.
    const one = shownNames([{ id: 1, name: 'Léa Bernardini' }], box({ lines: 1 }), measure).get(1);
    expect(one).toMatchObject({ label: 'Léa Bernard.', shortened: true });
  });

  it('tells apart two names that read the same once cut, by a longer surname', () => {
    const ops = [
      { id: 1, name: 'Sébastien Perrin' },
      { id: 2, name: 'Sébastien Petit' },
      { id: 3, name: 'Manon Roux' },
    ];
    // One line of 140 px holds 14 characters at the 20 px floor: each keeps what fits.
    expect(labels(ops, box({ lines: 1, width: 140 }))).toEqual([
      'Sébastien Per.',
      'Sébastien Pet.',
      'Manon Roux',
    ]);
    // 12 characters: both would read "Sébastien P."; "Per."/"Pet." do not fit, the surname does.
    expect(labels(ops, box({ lines: 1, width: 120 }))).toEqual([
      'S. Perrin',
      'S. Petit',
      'Manon Roux',
    ]);
  });

  it('adds the login where two people have the same whole name', () => {
    const ops = [
      { id: 1, name: 'Emma Lopez', login: 'elopez' },
      { id: 2, name: 'Emma Lopez', login: 'elopez2' },
      { id: 3, name: 'Emma Lopez' },
    ];
    const shown = labels(ops, box({ width: 200 }));
    expect(new Set(shown).size).toBe(3);
    expect(shown[0]).toContain('elopez');
    expect(shown[1]).toContain('elopez2');
    expect(shown[2]).toContain('#3');
    // Every label fits its box.
    const all = shownNames(ops, box({ width: 200 }), measure);
    for (const o of ops) {
      const s = all.get(o.id);
      if (!s) throw new Error('missing');
      expect(fitsIn(s.label, box({ width: 200 }), s.fontPx, measure)).toBe(true);
    }
  });

  it('keeps the whole surname with an initial where "First L." is too wide, then the first name, never a cut', () => {
    // One line of 100 px holds 10 characters at the 20 px floor: "Sébastien M." is 12.
    const ops = [
      { id: 1, name: 'Sébastien Martin' },
      { id: 2, name: 'Christophe Vandenberghe' },
      { id: 3, name: 'Manon Roux' },
    ];
    const b = box({ lines: 1, width: 100 });
    expect(labels(ops, b)).toEqual(['S. Martin', 'Christophe', 'Manon Roux']);
    // Two first names alone that read the same are told apart by their initials and surnames.
    const twins = [
      { id: 1, name: 'Christophe Lemaire-Dubois' },
      { id: 2, name: 'Christophe Vandenberghe' },
    ];
    const shown = shownNames(twins, box({ lines: 1, width: 100 }), measure);
    const twinLabels = twins.map((o) => shown.get(o.id)?.label);
    expect(new Set(twinLabels).size).toBe(2);
    for (const o of twins) {
      const s = shown.get(o.id);
      if (!s) throw new Error('missing');
      expect(fitsIn(s.label, box({ lines: 1, width: 100 }), s.fontPx, measure), s.label).toBe(true);
    }
  });

  it('does not let a shortening dot pass for a different name', () => {
    // "Sébastien Martin." (Martinez, shortened) would read as Sébastien Martin.
    const ops = [
      { id: 1, name: 'Sébastien Martinez' },
      { id: 2, name: 'Sébastien Martin' },
    ];
    const shown = labels(ops, box({ lines: 1, width: 170 }));
    expect(shown[1]).toBe('Sébastien Martin');
    expect(shown[0]?.replace(/\.$/, '')).not.toBe('Sébastien Martin');
  });
});

describe('names kept across patches', () => {
  const ops = [
    { id: 1, name: 'Anaïs Martin' },
    { id: 2, name: 'Anaïs Moreau' },
    { id: 3, name: 'Bruno Roux', login: 'broux' },
  ];

  it('are the same set of names in any order, and not when a name, login or operator differs', () => {
    expect(sameNamed(ops, [...ops].reverse())).toBe(true);
    expect(sameNamed(ops, ops.slice(1))).toBe(false);
    expect(sameNamed(ops, [ops[0]!, ops[1]!, { id: 3, name: 'Bruno Roux', login: 'b.roux' }])).toBe(
      false,
    );
    expect(sameNamed(ops, [ops[0]!, { id: 2, name: 'Anaïs Morel' }, ops[2]!])).toBe(false);
    expect(sameNamed(ops, [ops[0]!, ops[1]!, { id: 4, name: 'Bruno Roux', login: 'broux' }])).toBe(
      false,
    );
    // A login of undefined and one of null say the same (no login).
    expect(sameNamed([{ id: 1, name: 'A', login: null }], [{ id: 1, name: 'A' }])).toBe(true);
  });

  it('are measured once while the operators keep their names, again when a name or the box changes', () => {
    let calls = 0;
    const counting: Measure = (text, px) => {
      calls += 1;
      return measure(text, px);
    };
    const fit = lastShownNames();
    const first = fit(ops, box({ lines: 1 }), counting);
    const measured = calls;
    expect(measured).toBeGreaterThan(0);
    // The next patch: states moved, the tiles reordered, the names the same.
    const again = fit(
      [...ops].reverse().map((o) => ({ ...o })),
      box({ lines: 1 }),
      counting,
    );
    expect(again).toBe(first);
    expect(calls).toBe(measured);
    // What shownNames gives for the same input, so keeping it changes nothing on screen.
    expect(again).toEqual(shownNames(ops, box({ lines: 1 }), measure));
    const renamed = fit(
      [{ id: 1, name: 'Anaïs Martinez' }, ops[1]!, ops[2]!],
      box({ lines: 1 }),
      counting,
    );
    expect(renamed).not.toBe(first);
    expect(calls).toBeGreaterThan(measured);
    const wider = fit(
      [{ id: 1, name: 'Anaïs Martinez' }, ops[1]!, ops[2]!],
      box({ lines: 2 }),
      counting,
    );
    expect(wider).not.toBe(renamed);
  });
});
