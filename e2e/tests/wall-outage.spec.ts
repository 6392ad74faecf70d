// Issue 12.1: an outage never moves anything on the wall, makes old figures look old, says the
// truth in one status word, and the wall is back within 5 s of the BFF answering again.
import type { Page, TestInfo } from '@playwright/test';
import { afterLayout, expect, openWall, saveScreen, test } from '../fixtures/test';
import { POLL_MS } from '../fixtures/stack';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Layout {
  /** Tile slots in page order: operator id and box. */
  tiles: { id: string; box: Box }[];
  pages: string | null;
  header: Box;
  legend: Box;
  groups: Box[];
}

async function layoutOf(page: Page): Promise<Layout> {
  await afterLayout(page);
  return page.evaluate(() => {
    const r = (e: Element | null) => {
      const b = (e ?? document.body).getBoundingClientRect();
      return {
        x: Math.round(b.x),
        y: Math.round(b.y),
        w: Math.round(b.width),
        h: Math.round(b.height),
      };
    };
    return {
      tiles: Array.from(document.querySelectorAll('[data-testid=operator-tile]')).map((e) => ({
        id: e.getAttribute('data-operator-id') ?? '',
        box: r(e),
      })),
      pages:
        document.querySelector('[data-testid=operator-tiles]')?.getAttribute('data-pages') ?? null,
      header: r(document.querySelector('.wall-top')),
      legend: r(document.querySelector('[data-testid=state-legend]')),
      groups: Array.from(document.querySelectorAll('[data-testid=group-panel]')).map(r),
    };
  });
}

/**
 * The same places: every slot's box, the page count, the header's and the panels' boxes. Across
 * languages the tiles' size is fitted to other words (and so is the legend), so there the count
 * of tiles is compared, not their boxes.
 */
function expectSamePlaces(now: Layout, before: Layout, when: string, sameLanguage = true): void {
  if (sameLanguage)
    expect(
      now.tiles.map((t) => t.box),
      `${when}: tile boxes`,
    ).toEqual(before.tiles.map((t) => t.box));
  else expect(now.tiles.length, `${when}: tile count`).toBe(before.tiles.length);
  expect(now.pages, `${when}: page count`).toBe(before.pages);
  expect(now.header, `${when}: header box (one row)`).toEqual(before.header);
  if (sameLanguage) expect(now.legend, `${when}: legend box`).toEqual(before.legend);
  if (sameLanguage) expect(now.groups, `${when}: queue panel boxes`).toEqual(before.groups);
  // Other words, other panel heights: the columns stay.
  else
    expect(
      now.groups.map((g) => [g.x, g.w]),
      `${when}: queue panel columns`,
    ).toEqual(before.groups.map((g) => [g.x, g.w]));
}

async function attachScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await afterLayout(page);
  const path = await saveScreen(page, `wall-outage-${name}`);
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Every tile and panel stale: attribute, hourglass icon, and a desaturating filter computed. */
async function expectAllStale(page: Page): Promise<void> {
  // "None live" holds trivially on a board not yet drawn: there are tiles and panels first.
  await expect(page.getByTestId('operator-tile').first()).toBeVisible();
  await expect(page.getByTestId('group-panel').first()).toBeVisible();
  // Each source goes stale two of its own polls after its last answer: wait for both.
  await expect(page.locator('[data-testid=operator-tile][data-stale=false]')).toHaveCount(0, {
    timeout: 10_000,
  });
  await expect(page.locator('[data-testid=group-panel][data-stale=false]')).toHaveCount(0, {
    timeout: 10_000,
  });
  const seen = await page.evaluate(() => {
    const read = (sel: string) =>
      Array.from(document.querySelectorAll(sel)).map((e) => ({
        stale: e.getAttribute('data-stale'),
        filter: getComputedStyle(e).filter,
        icon: e.querySelector('[data-testid=stale-icon]') !== null,
      }));
    return {
      tiles: read('[data-testid=operator-tile]'),
      groups: read('[data-testid=group-panel]'),
    };
  });
  expect(seen.tiles.length).toBeGreaterThan(0);
  expect(seen.groups.length).toBeGreaterThan(0);
  for (const e of [...seen.tiles, ...seen.groups]) {
    expect(e.stale).toBe('true');
    expect(e.icon).toBe(true);
    // Desaturated: a saturate() below 1 or a grayscale() above 0, not only a colour.
    expect(e.filter).toMatch(/saturate\(0(\.\d+)?\)|grayscale\((0?\.\d+|1)\)/);
  }
}

/** The times in state no longer count: the same text two seconds apart, "since HH:MM" or "≥". */
async function expectFrozenTimes(page: Page): Promise<void> {
  const times = () => page.locator('.wall-tile-time').allInnerTexts();
  const first = await times();
  expect(first.length).toBeGreaterThan(0);
  for (const t of first) expect(t).toMatch(/since \d{1,2}:\d{2}|≥/);
  await page.waitForTimeout(2_100);
  expect(await times()).toEqual(first);
}

/** Records, in the page, each instant the status word turns live. */
async function watchLive(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __liveAt: number[] };
    w.__liveAt = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as Element;
        if (
          el.getAttribute('data-testid') === 'connection-state' &&
          el.getAttribute('data-state') === 'live'
        )
          w.__liveAt.push(Date.now());
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]) {
  const tag = `${size.width}x${size.height}`;
  test(`an outage at ${size.width}×${size.height} moves nothing, looks stale, says so, and the wall is back within 5 s`, async ({
    page,
    stack,
  }, testInfo) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    // Every operator in a tile of their own: logging in and out between the reads would otherwise
    // change the counted "logged out" tile, which is no outage's doing.
    await openWall(page, '?loggedOut=show');
    const status = page.getByTestId('connection-state');
    const before = await layoutOf(page);
    expect(before.tiles.length).toBe(40);
    // Live figures never look stale, nor the word flicker, over a few polls.
    const flips = await page.evaluate(async () => {
      let n = 0;
      const seen = () => {
        n += document.querySelectorAll('[data-stale=true]').length;
        if (
          document.querySelector('[data-testid=connection-state]')?.getAttribute('data-state') !==
          'live'
        )
          n += 1;
      };
      const obs = new MutationObserver(seen);
      obs.observe(document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-stale', 'data-state'],
      });
      await new Promise((r) => setTimeout(r, 4_000));
      obs.disconnect();
      seen();
      return n;
    });
    expect(flips, 'stale marks or a non-live word while everything answers').toBe(0);
    await attachScreen(page, testInfo, `${tag}-1-before`);

    // 1. The BFF goes away: nothing moves; once the figures are two polls old they look it.
    await stack.bff.stop();
    await expect(status).toHaveAttribute('data-state', 'reconnecting', { timeout: 10_000 });
    await expect(status).toContainText(/reconnecting to the board/i);
    // From here no figure comes in: the same operators stay in the same slots.
    const lastShown = (await layoutOf(page)).tiles.map((t) => t.id);
    await expectAllStale(page);
    const bffDown = await layoutOf(page);
    expectSamePlaces(bffDown, before, 'BFF stopped');
    expect(bffDown.tiles.map((t) => t.id)).toEqual(lastShown);
    await expectFrozenTimes(page);
    await expect(page.getByTestId('stale-banner')).toBeVisible();
    await attachScreen(page, testInfo, `${tag}-2-bff-stopped`);

    // 2. Back, measured from the BFF's own /readyz to the wall's status word saying live.
    await watchLive(page);
    const restarted = stack.bff.restart();
    /** The first instant `path` answers 2xx, polled every 25 ms (0 if never within a minute). */
    const firstOk = async (path: string): Promise<number> => {
      for (let i = 0; i < 2400; i++) {
        const ok = await fetch(`${stack.bff.url}${path}`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return Date.now();
        await new Promise((r) => setTimeout(r, 25));
      }
      return 0;
    };
    const healthAt = await firstOk('/healthz');
    const readyAt = await firstOk('/readyz');
    expect(readyAt, '/readyz answered').toBeGreaterThan(0);
    await restarted;
    await expect(status).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
    const liveAt = await page.evaluate(
      () => (window as unknown as { __liveAt: number[] }).__liveAt[0] ?? 0,
    );
    // The wall may turn live a few ms before this poll of /readyz sees it: then the figure is ≤ 0.
    const backMs = liveAt - readyAt;
    const fromHealthMs = liveAt - healthAt;
    console.log(
      `wall-outage ${tag}: wall live ${backMs} ms after /readyz ok (${fromHealthMs} ms after /healthz; /readyz ${readyAt - healthAt} ms after /healthz)`,
    );
    testInfo.annotations.push(
      { type: `reconnect-ms-from-readyz ${tag}`, description: String(backMs) },
      { type: `reconnect-ms-from-healthz ${tag}`, description: String(fromHealthMs) },
    );
    expect(backMs, 'from /readyz ok to the wall live').toBeLessThan(5_000);
    await expect(page.getByTestId('stale-banner')).toHaveCount(0, { timeout: 5_000 });
    await expect(page.getByTestId('operator-tile').first()).toHaveAttribute('data-stale', 'false');
    expectSamePlaces(await layoutOf(page), before, 'after the BFF came back');
    await attachScreen(page, testInfo, `${tag}-3-bff-back`);

    // 3. Axialys fails: the board is stale, the word says Axialys is down with the age, never green.
    await stack.simControl('POST', '/sim/faults', { errorRate: 1 });
    await expect(status).toHaveAttribute('data-state', 'down', { timeout: 10 * POLL_MS + 5_000 });
    await expect(status).toContainText(/Axialys down.*\d+ s/);
    const dot = await status
      .locator('.connection-dot')
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    const live = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--ok)';
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    });
    expect(dot, 'status dot not green while Axialys is down').not.toBe(live);
    await expectAllStale(page);
    const axialysDown = await layoutOf(page);
    expectSamePlaces(axialysDown, before, 'Axialys down');
    await expectFrozenTimes(page);
    // Every figure keeps its age.
    await expect(page.getByTestId('age').first()).toContainText(/\d+ (s|min) ago/);
    await attachScreen(page, testInfo, `${tag}-4-axialys-down`);
    // The same outage in French, on a wall opened while Axialys is down.
    await page.goto('/wall?lang=fr&loggedOut=show');
    await expect(status).toHaveAttribute('data-state', 'down', { timeout: 15_000 });
    // The board fits its tiles to the screen over its first frames: read it once every one is up.
    await expect(page.getByTestId('operator-tile')).toHaveCount(before.tiles.length, {
      timeout: 15_000,
    });
    await expect(status).toContainText(/Axialys injoignable/);
    await expectAllStale(page);
    const frenchDown = await layoutOf(page);
    expectSamePlaces(frenchDown, before, 'Axialys down, in French', false);
    await attachScreen(page, testInfo, `${tag}-4-axialys-down-fr`);

    await stack.simControl('DELETE', '/sim/faults');
    await expect(status).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
    await expect(page.getByTestId('operator-tile').first()).toHaveAttribute('data-stale', 'false');
    // Back: the French wall has not moved from where it stood during the outage.
    expectSamePlaces(await layoutOf(page), frenchDown, 'after Axialys came back');
    await attachScreen(page, testInfo, `${tag}-5-axialys-back-fr`);
  });
}
