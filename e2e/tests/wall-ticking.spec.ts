// The wall on a TV's processor (issue 14 §2): time in state still ticks each second on the tiles,
// written by one page ticker, and a tile whose operator did not change is not rendered again when
// another one changes. A draw is seen as a write to the tile's element or its rows (a mutation
// outside its time in state): the tiles are written by the wall's grid, not by React renders.
// Screenshots go to <output>/screens and are attached to the test's output.
import type { Page, TestInfo } from '@playwright/test';
import { expect, openWall, saveScreen, test } from '../fixtures/test';
import { POLL_MS, type SimState, type Stack } from '../fixtures/stack';

const tileOf = (page: Page, id: number) =>
  page.locator(`[data-testid=operator-tile][data-operator-id="${id}"]`);

async function screen(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = await saveScreen(page, name);
  await info.attach(name, { path, contentType: 'image/png' });
}

/** Two operators of the simulator on a break each: their tiles stay put for 15 minutes. */
async function twoOnBreak(stack: Stack, page: Page): Promise<[number, number]> {
  const truth = await stack.simControl<SimState>('GET', '/sim/state');
  const [a, b] = truth.operators.filter((o) => o.activity !== 'offline').map((o) => o.id);
  if (a === undefined || b === undefined) throw new Error('fewer than two operators logged in');
  for (const [id, name] of [
    [a, 'E2E tick A'],
    [b, 'E2E tick B'],
  ] as const) {
    await stack.simControl('POST', `/sim/operators/${id}/state`, {
      state: 'unavailable',
      breakName: name,
    });
    await expect(tileOf(page, id)).toContainText(name, { timeout: 2 * POLL_MS + 5000 });
  }
  return [a, b];
}

/**
 * Watches a tile in the page: the element itself, every write to it outside its time in state (an
 * attribute, a row or a text drawn again), and that time as read at each tick.
 */
async function watch(page: Page, id: number): Promise<void> {
  await page.evaluate((id) => {
    const w = window as unknown as Record<string, unknown>;
    const li = document.querySelector(`[data-testid=operator-tile][data-operator-id="${id}"]`);
    const duration = li?.querySelector('[data-testid=duration]') ?? null;
    if (!li || !duration) throw new Error(`tile ${id} or its time in state not found`);
    const times: string[] = [];
    new MutationObserver(() => {
      const t = duration.textContent ?? '';
      if (times.at(-1) !== t) times.push(t);
    }).observe(duration, { subtree: true, characterData: true, childList: true });
    // Writes to the tile: the ticker's own, inside the duration, are not draws of the tile.
    const writes: string[] = [];
    new MutationObserver((records) => {
      for (const r of records)
        if (!duration.contains(r.target)) writes.push(`${r.type} ${r.attributeName ?? ''}`.trim());
    }).observe(li, { subtree: true, characterData: true, childList: true, attributes: true });
    w[`__watch${id}`] = {
      same: () =>
        document.querySelector(`[data-testid=operator-tile][data-operator-id="${id}"]`) === li &&
        writes.length === 0,
      times,
    };
  }, id);
}

const watched = (page: Page, id: number) =>
  page.evaluate((id) => {
    const w = (window as unknown as Record<string, { same: () => boolean; times: string[] }>)[
      `__watch${id}`
    ];
    return { same: w?.same() ?? false, times: [...(w?.times ?? [])] };
  }, id);

/**
 * Watches the tile list's own children: a tile taken out and put back is a tile moved, which
 * the browser then restyles, lays out and paints again (issue 14 §2). From now on, `movedTiles`
 * reads the operators whose tiles were taken out and put back (still on the page) while their
 * state stayed the same.
 */
async function watchMoves(page: Page): Promise<void> {
  await page.evaluate(() => {
    const list = document.querySelector('[data-testid=operator-tiles]');
    if (!list) throw new Error('no tile list');
    const removed = new Set<Node>();
    const added = new Set<Node>();
    // A tile whose state changed goes to its new state's place: that move is its own.
    const changed = new Set<Node>();
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') changed.add(r.target);
        r.removedNodes.forEach((n) => removed.add(n));
        r.addedNodes.forEach((n) => added.add(n));
      }
    }).observe(list, { childList: true, subtree: true, attributeFilter: ['data-display-state'] });
    (window as unknown as Record<string, unknown>).__moves = () =>
      [...removed]
        .filter((n) => added.has(n) && n.parentNode === list && !changed.has(n))
        .map((n) => Number((n as Element).getAttribute('data-operator-id')));
  });
}

const movedTiles = (page: Page) =>
  page.evaluate(() => (window as unknown as { __moves: () => number[] }).__moves());

/** Seconds of an English "m:ss" / "h h mm" or a French "12 min 08 s" reading (units dropped). */
function seconds(text: string): number {
  const t = text.replace(/[\s\u00a0\u202f≥]/g, '');
  const en = /^(\d+):(\d{2})$/.exec(t);
  if (en) return Number(en[1]) * 60 + Number(en[2]);
  const fr = /^(?:(\d+)min)?(\d+)s$/.exec(t);
  if (fr) return Number(fr[1] ?? 0) * 60 + Number(fr[2]);
  return Number.NaN;
}

test.describe('wall on a slow processor', () => {
  for (const lang of ['en', 'fr'] as const) {
    test(`time in state ticks each second, and an unchanged tile is not rendered again (${lang})`, async ({
      page,
      stack,
    }, info) => {
      await openWall(page, `?lang=${lang}&shift=0`);
      const [a, b] = await twoOnBreak(stack, page);
      // A poll or two more: the start of the break settles (exact once the history has it).
      await page.waitForTimeout(3 * POLL_MS + 500);
      await watch(page, a);
      await watch(page, b);

      // The time in state ticks each second, and ticking renders neither tile.
      await page.waitForTimeout(3500);
      let wa = await watched(page, a);
      let wb = await watched(page, b);
      expect(wa.same, 'a tick must not render tile A').toBe(true);
      expect(wb.same, 'a tick must not render tile B').toBe(true);
      const read = wb.times.map(seconds);
      expect(read.length, `ticks seen: ${wb.times.join(' | ')}`).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < read.length; i++) expect(read[i]! - read[i - 1]!).toBe(1);
      if (lang === 'fr') expect(wb.times.at(-1)).toMatch(/\u202fs$/);

      // A changes state: its tile is rendered again (the check sees renders), B's is not.
      await watchMoves(page);
      await stack.simControl('POST', `/sim/operators/${a}/state`, { state: 'available' });
      await expect(tileOf(page, a)).toHaveAttribute('data-state', 'available', {
        timeout: 2 * POLL_MS + 5000,
      });
      wa = await watched(page, a);
      wb = await watched(page, b);
      expect(wa.same, 'tile A changed state: it was drawn again').toBe(false);
      expect(wb.same, 'tile B did not change: not rendered again').toBe(true);
      // From a break to free, A goes ahead of every tile on a call: none of them is moved for it
      // (a keyed React list would have moved each one). One is allowed for the simulator's own traffic
      // in the meantime: a start corrected by the history moves its tile within its state.
      const moved = (await movedTiles(page)).filter((id) => id !== a);
      expect(moved.length, `tiles moved: ${moved.join(', ')}`).toBeLessThanOrEqual(1);
      await expect(tileOf(page, b)).toContainText('E2E tick B');
      await screen(page, info, `wall-ticking-${lang}-1920`);
    });
  }

  test('the same at 3840×2160', async ({ page, stack }, info) => {
    await page.setViewportSize({ width: 3840, height: 2160 });
    await openWall(page, '?shift=0');
    const [a, b] = await twoOnBreak(stack, page);
    await page.waitForTimeout(3 * POLL_MS + 500);
    await watch(page, b);
    await stack.simControl('POST', `/sim/operators/${a}/state`, { state: 'available' });
    await expect(tileOf(page, a)).toHaveAttribute('data-state', 'available', {
      timeout: 2 * POLL_MS + 5000,
    });
    await page.waitForTimeout(2500);
    const wb = await watched(page, b);
    expect(wb.same).toBe(true);
    expect(wb.times.length).toBeGreaterThanOrEqual(2);
    await screen(page, info, 'wall-ticking-en-3840');
  });
});
