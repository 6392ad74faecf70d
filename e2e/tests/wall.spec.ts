// The wall-board against the real BFF on the simulator (issue 4, wall parts of the e2e list).
import { afterLayout, expect, hasScrollbars, openWall, saveScreen, test } from '../fixtures/test';
import { POLL_MS, type SimState } from '../fixtures/stack';

test.describe('wall-board', () => {
  test('shows every operator of the simulator in its state', async ({ page, stack }) => {
    await openWall(page);
    const truth = await stack.simControl<SimState>('GET', '/sim/state');
    const tiles = page.getByTestId('operator-tile');
    // Logged-out operators are counted in one tile (issue 12), which names their ids.
    const loggedOut = truth.operators.filter((o) => o.activity === 'offline').length;
    await expect(tiles).toHaveCount(truth.operators.length - loggedOut);
    await expect(page.getByTestId('operator-tiles')).toHaveAttribute('data-pages', '1');
    const shown = await tiles.evaluateAll((els) =>
      els.map((e) => Number(e.getAttribute('data-operator-id'))),
    );
    const counted = await page
      .getByTestId('logged-out-tile')
      .evaluateAll((els) =>
        els.flatMap((e) => (e.getAttribute('data-operator-ids') ?? '').split(',').filter(Boolean)),
      );
    expect(counted.length).toBe(loggedOut);
    shown.push(...counted.map(Number));
    expect(shown.sort((a, b) => a - b)).toEqual(
      truth.operators.map((o) => o.id).sort((a, b) => a - b),
    );
    // The legend counts the same operators.
    const legendTotal = await page
      .getByTestId('state-legend')
      .locator('li')
      .evaluateAll((els) => els.reduce((n, e) => n + Number(e.getAttribute('data-count')), 0));
    expect(legendTotal).toBe(truth.operators.length);
    await expect(page.getByTestId('group-panel').first()).toBeVisible();
    await expect(page.getByTestId('clock')).toBeVisible();
    await expect(page.getByTestId('demo-badge')).toHaveCount(0); // a real (simulated) upstream, not the embedded demo
  });

  test('a state forced in the simulator appears within one poll', async ({ page, stack }) => {
    await openWall(page);
    const truth = await stack.simControl<SimState>('GET', '/sim/state');
    const target = truth.operators.find((o) => o.state !== 'unavailable') ?? truth.operators[0];
    if (!target) throw new Error('the simulator has no operator');
    await stack.simControl('POST', `/sim/operators/${target.id}/state`, {
      state: 'unavailable',
      breakName: 'Pause e2e',
    });
    const tile = page.locator(`[data-testid=operator-tile][data-operator-id="${target.id}"]`);
    // One poll, plus the SSE hop and a render: well under two polls.
    await expect(tile).toHaveAttribute('data-state', 'unavailable', {
      timeout: 2 * POLL_MS + 1000,
    });
    await expect(tile).toContainText('Pause e2e');
  });

  test('faults upstream bring the stale banner with the age of the data; it goes away by itself', async ({
    page,
    stack,
  }) => {
    await openWall(page);
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
    await stack.simControl('POST', '/sim/faults', { errorRate: 1 });
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText(/data from \d{2}:\d{2}, \d+ (s|min) old/);
    await saveScreen(page, 'wall-stale-1920x1080');
    await stack.simControl('DELETE', '/sim/faults');
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
  });

  test('reconnects by itself when the BFF stops and comes back', async ({ page, stack }) => {
    await openWall(page);
    const connection = page.getByTestId('connection-state');
    await stack.bff.stop();
    await expect(connection).toHaveAttribute('data-state', 'reconnecting', { timeout: 10_000 });
    await expect(page.getByTestId('stale-banner')).toContainText(/Reconnecting/);
    // The last good board stays on screen meanwhile.
    await expect(page.getByTestId('operator-tile').first()).toBeVisible();
    await stack.bff.restart();
    await expect(connection).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
    await expect(page.getByTestId('stale-banner')).toHaveCount(0, { timeout: 15_000 });
  });

  test('reloads itself onto a new build when the BFF restarts with another build id', async ({
    page,
    stack,
  }) => {
    await openWall(page);
    const before = stack.bff.buildId;
    await expect(page.getByTestId('wall')).toHaveAttribute('data-build-id', before);
    await page.evaluate(() => {
      (window as unknown as { __beforeReload?: boolean }).__beforeReload = true;
    });
    const next = `${before}-next`;
    await stack.bff.restart({ buildId: next });
    await expect(page.getByTestId('wall')).toHaveAttribute('data-build-id', next, {
      timeout: 45_000,
    });
    expect(
      await page.evaluate(() => (window as unknown as { __beforeReload?: boolean }).__beforeReload),
    ).toBeUndefined();
  });

  for (const size of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
    { width: 3840, height: 2160 },
  ]) {
    test(`fits ${size.width}×${size.height} with no scrollbar`, async ({ page }) => {
      await page.setViewportSize(size);
      await openWall(page);
      await afterLayout(page); // one layout pass after the first snapshot
      expect(await hasScrollbars(page)).toBe(false);
      await saveScreen(page, `wall-${size.width}x${size.height}`);
    });
  }

  test('renders in French and in English', async ({ page }) => {
    await openWall(page, '?lang=fr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByTestId('state-legend')).toContainText('Disponible');
    await expect(page.getByTestId('group-panel').first()).toContainText('En attente');
    await saveScreen(page, 'wall-fr-1920x1080');
    await openWall(page, '?lang=en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('state-legend')).toContainText('Available');
    await expect(page.getByTestId('group-panel').first()).toContainText('Waiting');
  });

  test('keeps the language it was opened in, else follows the browser', async ({
    page,
    browser,
    stack,
  }) => {
    // A TV opened once with ?lang=fr stays French after a reboot onto the bare address.
    await openWall(page, '?lang=fr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await openWall(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByTestId('state-legend')).toContainText('Disponible');
    // A new browser whose first preference is French (fr-CA), nothing chosen before: French.
    const french = await browser.newContext({ locale: 'fr-CA', baseURL: stack.bff.url });
    try {
      const tv = await french.newPage();
      await openWall(tv);
      await expect(tv.locator('html')).toHaveAttribute('lang', 'fr');
    } finally {
      await french.close();
    }
  });

  test('?groups= keeps only the chosen queues and their operators', async ({ page, stack }) => {
    const truth = await stack.simControl<SimState>('GET', '/sim/state');
    const groupId = truth.operators[0]?.groups[0];
    if (groupId === undefined) throw new Error('no group in the simulator');
    await openWall(page, `?groups=${groupId}`);
    await expect(page.getByTestId('group-panel')).toHaveCount(1);
    await expect(page.getByTestId('group-panel')).toHaveAttribute('data-group-id', String(groupId));
    const members = truth.operators.filter((o) => o.groups.includes(groupId));
    const out = members.filter((o) => o.activity === 'offline').length;
    await expect(page.getByTestId('operator-tile')).toHaveCount(members.length - out);
    if (out > 0)
      await expect(page.getByTestId('logged-out-tile')).toHaveAttribute('data-count', String(out));
  });
});
