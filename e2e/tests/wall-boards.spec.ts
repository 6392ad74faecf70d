// Issue 13 §1 on the open stack: a board stored over HTTP, opened at /wall/<id> — only its groups,
// its panels in its order, the light theme — follows a change of density within a second without
// a reload; the URL's parameters win for that page load; an unknown board says so. The contrast of
// the rendered colours is measured in both themes (WCAG AA). Screenshots 1080p and 4K, EN and FR.
import type { Page, TestInfo } from '@playwright/test';
import { contrastProblems, summary } from '../fixtures/contrast';
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
