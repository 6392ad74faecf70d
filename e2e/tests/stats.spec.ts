// Statistics: a two-month period is refused before any request; a valid one shows figures.
import { today } from '../fixtures/stack';
import { afterLayout, expect, saveScreen, test } from '../fixtures/test';

// The simulated centre runs on the real clock: ask about the days up to today.
const SIM_DAY = today();
const dayBefore = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

test('the statistics page refuses a two-month range without asking the BFF', async ({ page }) => {
  const statsRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/stats/')) statsRequests.push(r.url());
  });
  // The page's clock, so a request a timer would make later is made now (runFor below).
  await page.clock.install();
  await page.goto('/stats?lang=en');
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByTestId('stats-from').fill('2026-01-01');
  await page.getByTestId('stats-to').fill('2026-03-01');
  await page.getByTestId('stats-submit').click();
  await expect(page.getByTestId('range-error')).toContainText('longer than one month');
  await expect(page.getByTestId('stats-from')).toHaveAttribute('aria-invalid', 'true');

  // Same refusal for a hand-written URL.
  await page.goto('/stats?lang=en&by=groups&from=2026-01-01&to=2026-03-01&group=1');
  await expect(page.getByTestId('range-error')).toContainText('longer than one month');
  await page.clock.runFor(5_000);
  await afterLayout(page);
  expect(statsRequests).toEqual([]);
});

test('the statistics page shows figures per group and per number for a valid range', async ({
  page,
}) => {
  await page.goto('/stats?lang=en');
  const picker = page.getByTestId('group-picker');
  await expect(picker).toBeVisible({ timeout: 20_000 });
  const groups = await picker.getByRole('checkbox').count();
  expect(groups).toBeGreaterThan(1);
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByTestId('stats-from').fill(dayBefore(SIM_DAY, 6));
  await page.getByTestId('stats-to').fill(SIM_DAY);
  await page.getByTestId('stats-submit').click();

  await expect(page.getByTestId('stats-row')).toHaveCount(groups, { timeout: 30_000 });
  await expect(page.getByTestId('stats-total')).toBeVisible();
  for (const cell of await page.getByTestId('stats-calls').all()) {
    await expect(cell).toHaveText(/^[\d,]+$/);
  }
  expect(
    Number(
      (await page.getByTestId('stats-total').getByTestId('stats-calls').textContent())?.replace(
        /,/g,
        '',
      ),
    ),
  ).toBeGreaterThan(0);
  await expect(
    page.getByTestId('stats-chart').locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();

  // The CSV export: a header row and one line per group plus the total.
  const download = page.waitForEvent('download');
  await page.getByTestId('stats-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^vigie-groups-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const stream = await file.createReadStream();
  let csv = '';
  for await (const chunk of stream) csv += String(chunk);
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^group_id,name,from,to,calls,answered_calls,/);
  expect(lines).toHaveLength(groups + 2);
  await saveScreen(page, 'stats-groups-en');

  // Per number: the directory's first number when it lists any, and a typed one.
  await page.getByLabel('Number', { exact: true }).check();
  const listed = page.getByTestId('number-picker').getByRole('checkbox');
  if ((await listed.count()) > 0) await listed.first().check();
  await page.getByTestId('stats-numbers-typed').fill('+33 1 45 42 00 00');
  await page.getByTestId('stats-submit').click();
  await expect(page).toHaveURL(/by=numbers/);
  await expect(page).toHaveURL(/number=33145420000/);
  await expect(page.getByTestId('stats-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('stats-table')).toContainText('+33145420000');
  await saveScreen(page, 'stats-numbers-en');
});
