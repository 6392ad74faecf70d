// Screens managed in the browser (issue 13 §2): a supervisor adds a screen, its link and QR code
// are shown once, a TV opens the link and shows the wall, the list says it is online, a rename
// holds, and a revoke sends the TV to the not-authorised screen at once. EN at 1080p, FR at 4K.
import type { Page, TestInfo } from '@playwright/test';
import { authTest as test, demoTest, expect, saveScreen, signInAs } from '../fixtures/test';

const RUNS = [
  { lang: 'en', width: 1920, height: 1080 },
  { lang: 'fr', width: 3840, height: 2160 },
] as const;

const TEXT = {
  en: { online: 'Online', created: 'created', revoke: 'Revoke it', nav: 'Screens' },
  fr: { online: 'En ligne', created: 'créé', revoke: 'Le révoquer', nav: 'Écrans' },
};

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { path: await saveScreen(page, name), contentType: 'image/png' });
}

for (const { lang, width, height } of RUNS) {
  const size = `${width}x${height}`;
  test(`a supervisor adds a screen, the TV opens its link, the list shows it online, a revoke cuts it off (${lang}, ${size})`, async ({
    page,
    auth,
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const tx = TEXT[lang];
    await page.setViewportSize({ width, height });
    await page.goto(`/screens?lang=${lang}`);
    await signInAs(page, auth.alice);
    await expect(page).toHaveURL(new RegExp(`/screens\\?lang=${lang}$`));
    await expect(page.getByTestId('main-nav').getByRole('link', { name: tx.nav })).toHaveClass(
      /active/,
    );
    // The file screens are listed, read-only, with where they come from.
    const hall = page.locator('[data-testid=screen-row][data-screen-id=hall]');
    await expect(hall.getByTestId('screen-read-only')).toContainText('VIGIE_DISPLAY_TOKENS_FILE');

    const name = `TV ${lang} ${Date.now() % 100000}`;
    await page.getByTestId('screen-add').click();
    await page.getByTestId('screen-name').fill(name);
    await page.getByTestId('screen-create').click();
    const dialog = page.getByTestId('screen-created');
    await expect(dialog).toContainText(tx.created);
    await expect(dialog.getByTestId('screen-qr')).toBeVisible();
    const link = await dialog.getByTestId('screen-link').inputValue();
    const token = new URL(link).searchParams.get('token') ?? '';
    expect(link).toMatch(/\/wall\?token=[A-Za-z0-9_-]{43}$/);
    // The QR code is drawn from the link: dark modules on a white square.
    const modules = await dialog.locator('[data-testid=screen-qr] path').getAttribute('d');
    expect((modules ?? '').split('M').length).toBeGreaterThan(200);
    await shot(page, testInfo, `screens-created-${lang}-${size}`);

    await dialog.getByTestId('screen-created-done').click();
    await expect(dialog).toHaveCount(0);
    // Once: gone from the page for good, even after a reload.
    await page.reload();
    await expect(page.getByTestId('screens-table')).toBeVisible();
    expect(await page.content()).not.toContain(token);
    const row = page.locator('[data-testid=screen-row]', { hasText: name });
    await expect(row).toHaveAttribute('data-online', 'false');

    // The TV: another browser, the link opened once.
    const tvContext = await browser.newContext({ viewport: { width, height } });
    const tv = await tvContext.newPage();
    await tv.goto(`${link}&lang=${lang}`);
    await expect(tv).toHaveURL(new RegExp(`/wall\\?lang=${lang}$`));
    await expect(tv.getByTestId('operator-tile').first()).toBeVisible({ timeout: 30_000 });
    await expect(tv.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    await shot(tv, testInfo, `screens-tv-wall-${lang}-${size}`);

    // Rename; the list shows it online, from the TV's address.
    await row.getByTestId('screen-edit').click();
    // The board is picked from GET /api/boards; empty is the default board.
    await expect(page.getByTestId('screen-edit-board')).toHaveValue('');
    await page.getByTestId('screen-edit-name').fill(`${name} (2)`);
    await page.getByTestId('screen-save').click();
    const renamed = page.locator('[data-testid=screen-row]', { hasText: `${name} (2)` });
    await expect(renamed).toHaveAttribute('data-online', 'true', { timeout: 15_000 });
    await expect(renamed.getByTestId('screen-status')).toHaveText(tx.online);
    await expect(renamed).toContainText('127.0.0.1');
    await shot(page, testInfo, `screens-list-online-${lang}-${size}`);

    // Revoke, confirmed: the TV leaves the wall for the not-authorised screen.
    await renamed.getByTestId('screen-revoke').click();
    await shot(page, testInfo, `screens-revoke-confirm-${lang}-${size}`);
    const t0 = Date.now();
    await renamed.getByTestId('screen-revoke-yes').click();
    await expect(tv.getByTestId('wall-unauthorised')).toBeVisible({ timeout: 5_000 });
    const tookMs = Date.now() - t0;
    testInfo.annotations.push({ type: 'revoke-to-unauthorised-ms', description: String(tookMs) });
    console.log(`revoke → not-authorised screen: ${tookMs} ms (${lang})`);
    await expect(tv.getByTestId('operator-tile')).toHaveCount(0);
    await shot(tv, testInfo, `screens-tv-revoked-${lang}-${size}`);
    await expect(page.locator('[data-testid=screen-row]', { hasText: name })).toHaveCount(0);
    // The link is dead for good.
    const again = await tvContext.request.get(link, { maxRedirects: 0 });
    expect(again.headers()['location']).toBe('/wall?auth=invalid-token');
    await tvContext.close();
  });
}

demoTest(
  'on the open demo the screens page works and says it saves as "demo"',
  async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/screens?lang=en');
    await expect(page.getByTestId('screens-saved-as')).toHaveText('Changes are saved as demo.');
    await page.getByTestId('screen-add').click();
    await page.getByTestId('screen-name').fill('Demo TV');
    await page.getByTestId('screen-create').click();
    await expect(page.getByTestId('screen-created')).toBeVisible();
    await page.getByTestId('screen-created-done').click();
    const row = page.locator('[data-testid=screen-row]', { hasText: 'Demo TV' });
    await expect(row).toBeVisible();
    // The audit names the demo as the author.
    const activity = await page.request.get('/api/activity?kind=screen');
    const entries = ((await activity.json()) as { entries: { actor: string; id: string }[] })
      .entries;
    expect(entries.find((e) => e.id === 'demo-tv')?.actor).toBe('demo');
    await page.goto('/screens?lang=fr');
    await expect(page.getByTestId('screens-saved-as')).toHaveText(
      'Les modifications sont enregistrées au nom de demo.',
    );
    await shot(page, testInfo, 'screens-demo-fr-1920x1080');
  },
);
