// Issue 13 §1 on the open stack: a board stored over HTTP, opened at /wall/<id> — only its groups,
// its panels in its order, the light theme — follows a change of density within a second without
// a reload; the URL's parameters win for that page load; an unknown board says so. The contrast of
// the rendered colours is measured in both themes (WCAG AA). Screenshots 1080p and 4K, EN and FR.
import type { Page, TestInfo } from '@playwright/test';
import { afterLayout, expect, saveScreen, test } from '../fixtures/test';

// The contract's shapes, as far as this test reads them (e2e does not depend on the contract).
interface BoardFields {
  name: string;
  groups: number[];
  panels: string[];
  density: 'auto' | 'compact' | 'normal' | 'large';
  rotationS: number;
  theme: 'dark' | 'light';
  loggedOut: 'count' | 'show';
  sound: boolean;
}
type Board = BoardFields & { id: string; version: number };
interface Snapshot {
  groups: { id: number }[];
  operators: { id: number; groups: number[] }[];
}

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;

async function attachScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = await saveScreen(page, name);
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function api<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Opens a wall address and waits for its first figures. */
async function openBoard(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('wall')).toBeVisible();
  await expect(page.getByTestId('operator-tile').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
  await afterLayout(page);
}

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (page: Page, selector: string): Promise<Box> => {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, selector).not.toBeNull();
  return box!;
};

interface Problem {
  what: string;
  ratio: number;
  needed: number;
}

/**
 * Every contrast the wall relies on, from the computed colours: text on its effective background
 * (the nearest opaque ancestor background, translucent ones blended over it), large text at 3:1;
 * and edges (panel borders, tile edges, alert borders) at 3:1 against the page.
 */
async function contrastProblems(page: Page): Promise<{ checked: number; problems: Problem[] }> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba | null => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = '1'] = m[1]!.split(/[ ,/]+/).filter(Boolean);
      return [Number(r), Number(g), Number(b), Number(a)];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + under[0] * (1 - a),
        top[1] * a + under[1] * (1 - a),
        top[2] * a + under[2] * (1 - a),
        1,
      ];
    };
    const lum = ([r, g, b]: Rgba) => {
      const f = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const backgroundOf = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) {
          layers.push(c);
          if (c[3] >= 1) break;
        }
      }
      return layers.reduceRight<Rgba>((acc, c) => over(c, acc), [255, 255, 255, 1]);
    };
    const page = backgroundOf(document.querySelector('[data-testid=wall]'));
    const problems: { what: string; ratio: number; needed: number }[] = [];
    let checked = 0;
    const check = (what: string, fg: Rgba, bg: Rgba, needed: number) => {
      checked += 1;
      const r = ratio(over(fg, bg), bg);
      if (r < needed) problems.push({ what, ratio: Math.round(r * 100) / 100, needed });
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    // Text: every element of these parts with a text node of its own.
    const textParts = [
      '.wall-top',
      '[data-testid=operator-tile]',
      '[data-testid=logged-out-tile]',
      '[data-testid=group-panel]',
      '[data-testid=state-legend]',
      '[data-testid=wall-alerts]',
      '.wall-section-foot',
    ];
    for (const part of textParts)
      for (const root of Array.from(document.querySelectorAll(part)))
        for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
          const own = Array.from(el.childNodes).some(
            (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
          );
          if (!own || !visible(el)) continue;
          const cs = getComputedStyle(el);
          const px = Number.parseFloat(cs.fontSize);
          const large = px >= 24 || (px >= 18.66 && Number(cs.fontWeight) >= 700);
          const fg = parse(cs.color);
          if (!fg) continue;
          const label = `${part} ${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
          check(label, fg, backgroundOf(el), large ? 3 : 4.5);
        }
    // Marks that carry meaning, at 3:1 against what is around them (WCAG 1.4.11): the severity
    // edges of alert cells and queue panels, the sound button's edge, the stream's dot, the
    // service-level arc on its panel, and a tile's edge where it draws one (the state itself is
    // also its word, whose contrast is checked above).
    const marks: [string, (cs: CSSStyleDeclaration) => string][] = [
      ['.wall-alert.is-critical, .wall-alert.is-warning', (cs) => cs.borderLeftColor],
      [
        '[data-testid=group-panel][data-alert=warning], [data-testid=group-panel][data-alert=critical]',
        (cs) => cs.outlineColor,
      ],
      ['.wall-sound', (cs) => cs.borderTopColor],
      ['.connection-dot', (cs) => cs.backgroundColor],
      ['.wall-gauge svg circle + circle', (cs) => cs.stroke],
    ];
    for (const [selector, colour] of marks)
      for (const el of Array.from(document.querySelectorAll(selector))) {
        const c = parse(colour(getComputedStyle(el)));
        const around = el.closest('svg')
          ? backgroundOf(el.closest('svg'))
          : backgroundOf(el.parentElement);
        if (c) check(`mark ${selector}`, c, around, 3);
      }
    for (const el of Array.from(
      document.querySelectorAll('[data-testid=operator-tile], [data-testid=logged-out-tile]'),
    )) {
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' ? parse(cs.outlineColor) : null;
      if (outline) check(`edge tile ${el.getAttribute('data-display-state')}`, outline, page, 3);
    }
    return { checked, problems };
  });
}

/** Reduced to one line per kind of problem, so a failure reads. */
const summary = (ps: Problem[]) => [...new Set(ps.map((p) => `${p.what} ${p.ratio}<${p.needed}`))];

test.describe('wall boards', () => {
  test('a stored board: its groups, its panels in order, light; follows an edit live; the URL wins', async ({
    page,
    stack,
  }, testInfo) => {
    test.setTimeout(180_000);
    const base = stack.bff.url;
    const snap = await api<Snapshot>(base, 'GET', '/api/snapshot');
    const [g1, g2, g3] = snap.groups.map((g) => g.id);
    expect(g3).toBeDefined();
    const id = `support-${testInfo.workerIndex}-${Date.now() % 100000}`;
    const fields: BoardFields = {
      name: 'Support',
      groups: [g1!, g2!],
      // The alert strip after the tiles: not today's order, so the order is the board's.
      panels: ['clock', 'kpis', 'queues', 'operators', 'alerts', 'ticker'],
      density: 'normal',
      rotationS: 0,
      theme: 'light',
      loggedOut: 'count',
      sound: false,
    };
    const created = await api<Board>(base, 'POST', '/api/boards', { id, ...fields });
    expect(created.version).toBe(1);

    for (const size of SIZES)
      for (const lang of ['en', 'fr'] as const) {
        await page.setViewportSize(size);
        await openBoard(page, `/wall/${id}?lang=${lang}&shift=0`);
        const wall = page.getByTestId('wall');
        await expect(wall).toHaveAttribute('data-theme', 'light');
        await expect(wall).toHaveAttribute('data-board', id);
        // Only its groups, and only their operators.
        const shown = await page
          .getByTestId('group-panel')
          .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-group-id'))));
        expect(shown.sort()).toEqual([g1, g2].sort());
        const ops = await page
          .getByTestId('operator-tile')
          .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-operator-id'))));
        const members = new Set(
          snap.operators.filter((o) => o.groups.some((g) => g === g1 || g === g2)).map((o) => o.id),
        );
        expect(ops.length).toBeGreaterThan(0);
        expect(ops.filter((o) => !members.has(o))).toEqual([]);
        // Its panels in its order: two queues sit beside the tiles, the strip comes after both.
        const queues = await boxOf(page, '[data-panel=queues]');
        const tiles = await boxOf(page, '[data-panel=operators]');
        const alerts = await boxOf(page, '[data-panel=alerts]');
        expect(queues.x + queues.width).toBeLessThanOrEqual(tiles.x + 1);
        expect(alerts.y).toBeGreaterThanOrEqual(tiles.y + tiles.height - 1);
        await expect(page.getByTestId('clock')).toBeVisible();
        await expect(page.getByTestId('state-legend')).toBeVisible();
        // No staffing panel on this board: the queue panels leave their staffing line out.
        await expect(page.getByTestId('group-staffing').first()).toBeHidden();
        await attachScreen(page, testInfo, `wall-board-light-${lang}-${size.width}x${size.height}`);
      }

    // The board changes while the TV shows it: the tiles follow within a second, no reload.
    await page.setViewportSize(SIZES[0]);
    await openBoard(page, `/wall/${id}?lang=en&shift=0`);
    const tiles = page.getByTestId('operator-tiles');
    await expect(tiles).toHaveAttribute('data-density', 'normal');
    await page.evaluate(() => {
      (window as unknown as { __vigieMarker: string }).__vigieMarker = 'same page';
    });
    let navigations = 0;
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations += 1;
    });
    const updated = await api<Board>(base, 'PUT', `/api/boards/${id}`, {
      ...fields,
      density: 'compact',
      version: 1,
    });
    expect(updated.version).toBe(2);
    const changedAt = Date.now();
    await expect(tiles).toHaveAttribute('data-density', 'compact', { timeout: 1000 });
    testInfo.annotations.push({ type: 'followed in', description: `${Date.now() - changedAt} ms` });
    await expect(page.getByTestId('wall')).toHaveAttribute('data-board-version', '2');
    expect(
      await page.evaluate(() => (window as unknown as { __vigieMarker?: string }).__vigieMarker),
    ).toBe('same page');
    expect(navigations).toBe(0);
    await attachScreen(page, testInfo, 'wall-board-light-compact-en-1920x1080');

    // The URL's parameters win for this page load: another group, another density.
    await openBoard(page, `/wall/${id}?lang=en&shift=0&groups=${g3}&density=large`);
    await expect(tiles).toHaveAttribute('data-density', 'large');
    await expect(page.getByTestId('group-panel')).toHaveCount(1);
    await expect(page.getByTestId('group-panel')).toHaveAttribute('data-group-id', String(g3));
    await expect(page.getByTestId('wall')).toHaveAttribute('data-theme', 'light');
  });

  test('the default board is today’s wall, dark; both themes meet WCAG AA as rendered', async ({
    page,
    stack,
  }, testInfo) => {
    test.setTimeout(120_000);
    const base = stack.bff.url;
    await page.setViewportSize(SIZES[0]);
    await openBoard(page, '/wall?lang=en&shift=0');
    const wall = page.getByTestId('wall');
    await expect(wall).toHaveAttribute('data-theme', 'dark');
    await expect(wall).toHaveAttribute('data-board', 'default');
    // Every panel, in today's order: the strip over the queue panels over the tiles.
    const alerts = await boxOf(page, '[data-panel=alerts]');
    const queues = await boxOf(page, '[data-panel=queues]');
    const tiles = await boxOf(page, '[data-panel=operators]');
    expect(alerts.y + alerts.height).toBeLessThanOrEqual(queues.y + 1);
    expect(queues.y + queues.height).toBeLessThanOrEqual(tiles.y + 1);
    const dark = await contrastProblems(page);
    expect(dark.checked).toBeGreaterThan(100);
    expect(summary(dark.problems), 'dark theme contrast').toEqual([]);

    // Every group, light: the same wall in the other theme.
    const id = `light-all-${testInfo.workerIndex}-${Date.now() % 100000}`;
    await api<Board>(base, 'POST', '/api/boards', {
      id,
      name: 'Light',
      groups: [],
      panels: ['clock', 'kpis', 'alerts', 'queues', 'operators', 'staffing', 'ticker'],
      density: 'auto',
      rotationS: 20,
      theme: 'light',
      loggedOut: 'count',
      sound: false,
    });
    for (const lang of ['en', 'fr'] as const) {
      await openBoard(page, `/wall/${id}?lang=${lang}&shift=0`);
      await expect(wall).toHaveAttribute('data-theme', 'light');
      const light = await contrastProblems(page);
      expect(light.checked).toBeGreaterThan(100);
      expect(summary(light.problems), `light theme contrast (${lang})`).toEqual([]);
      // The state colours are still told apart: one tile colour per state.
      const colours = await page.getByTestId('operator-tile').evaluateAll((els) => {
        const by = new Map<string, Set<string>>();
        for (const e of els) {
          const state = e.getAttribute('data-display-state') ?? '';
          by.set(state, (by.get(state) ?? new Set()).add(getComputedStyle(e).backgroundColor));
        }
        return [...by].map(([state, cs]) => ({ state, colours: [...cs] }));
      });
      expect(colours.length).toBeGreaterThan(1);
      for (const c of colours) expect(c.colours, c.state).toHaveLength(1);
      const all = colours.map((c) => c.colours[0]);
      expect(new Set(all).size).toBe(all.length);
      await attachScreen(page, testInfo, `wall-board-light-all-${lang}-1920x1080`);
    }
  });

  test('an unknown board says so, in English and French', async ({ page }, testInfo) => {
    for (const size of SIZES)
      for (const [lang, title] of [
        ['en', 'No board “nowhere”'],
        ['fr', 'Aucun tableau « nowhere »'],
      ] as const) {
        await page.setViewportSize(size);
        await page.goto(`/wall/nowhere?lang=${lang}`);
        const screen = page.getByTestId('wall-no-board');
        await expect(screen).toBeVisible();
        await expect(screen.getByRole('heading')).toHaveText(title);
        await expect(page.getByTestId('operator-tile')).toHaveCount(0);
        await attachScreen(page, testInfo, `wall-no-board-${lang}-${size.width}x${size.height}`);
      }
  });
});
