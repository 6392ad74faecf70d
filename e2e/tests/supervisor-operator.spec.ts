// From the supervisor view to an operator on a call: the current call and today's timeline show.

import { expect, saveScreen, test } from '../fixtures/test';

test('from the supervisor view, an operator on a call shows the call and the timeline', async ({
  page,
  stack,
}) => {
  await page.goto('/?lang=en');
  await expect(page.getByTestId('operator-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('group-card').first()).toBeVisible();
  await saveScreen(page, 'supervisor-en');

  // Narrow the table to operators on a call, with the state filter.
  await page.getByTestId('filter-state-connected').check();
  await expect(page).toHaveURL(/state=connected/);

  // A simulated call lasts seconds at this speed: try operators until one is still on the call.
  let shown = false;
  for (let attempt = 0; attempt < 6 && !shown; attempt++) {
    const row = page.locator('[data-testid="operator-row"][data-state="connected"]').first();
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.getByRole('link').click();
    await expect(page.getByTestId('operator-page')).toBeVisible();
    await expect(page.getByTestId('current-call')).toBeVisible({ timeout: 15_000 });
    shown = await page
      .getByTestId('caller-number')
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (!shown) await page.goBack();
  }
  expect(shown, `no operator stayed on a call long enough\n${stack.bff.logs()}`).toBe(true);

  // The caller's number is formatted for people (+33 1 …); the duration is a counter.
  await expect(page.getByTestId('caller-number')).toHaveText(/^\+\d{1,3}( \d+)+$/);
  await expect(page.getByTestId('call-duration')).toHaveText(/^(\d+:\d{2}|\d+ h \d{2})$/);

  // Today's timeline (the default day), its legend and the totals.
  await expect(page.getByTestId('timeline')).toBeVisible({ timeout: 20_000 });
  await expect(
    page.getByTestId('timeline').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  await expect(page.getByTestId('timeline-legend')).toContainText('Incoming calls');
  await expect(page.getByTestId('totals')).toContainText('Incoming calls');
  await expect(page.getByTestId('occupancy')).toBeVisible();
  await saveScreen(page, 'operator-en');
});

test('an unknown operator gets a clear not-found state', async ({ page }) => {
  await page.goto('/operators/999999?lang=en');
  await expect(page.getByTestId('operator-not-found')).toContainText('Operator not found');
});
