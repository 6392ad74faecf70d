// Access control in the browser: a TV with its token, people signing in and out, and the screens
// without a session (interactive ones send to sign-in; the wall never does).

import type { Page } from '@playwright/test';
import type { SimState } from '../fixtures/stack';
import { authTest as test, expect, saveScreen, signInAs } from '../fixtures/test';

/**
 * Runs the page's timers `ms` ahead at once (its clock installed), then one round trip to the page,
 * so a request a timer made has been reported before the test counts requests.
 */
async function idleFor(page: Page, ms: number): Promise<void> {
  await page.clock.runFor(ms);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}

test('a TV opens /wall?token=… once: the token leaves the address bar and the wall shows', async ({
  page,
  auth,
}) => {
  const response = await page.goto(`/wall?token=${auth.displayToken}&lang=en`);
  // The BFF swapped the token for a cookie and redirected; the other parameters are kept.
  await expect(page).toHaveURL(/\/wall\?lang=en$/);
  expect(page.url()).not.toContain(auth.displayToken);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByTestId('operator-tile').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');

  // The cookie carries it from now on; an interactive screen tells the display where it belongs.
  await page.reload();
  await expect(page.getByTestId('operator-tile').first()).toBeVisible({ timeout: 30_000 });
  await page.goto('/?lang=en');
  await expect(page).toHaveURL(/\/\?lang=en$/);
  await expect(page.getByTestId('display-only')).toContainText('only shows the wall-board');
  await expect(page.getByTestId('display-only').getByRole('link')).toHaveAttribute('href', '/wall');
  await saveScreen(page, 'display-only-en');
});

test('without a session, / sends to sign-in with next, and the wall says it is not authorised without redirecting', async ({
  page,
}) => {
  // Playwright's clock: time still flows, and runFor() fast-forwards the page's timers instead of
  // waiting for them (issue 11: no fixed sleep as synchronisation).
  await page.clock.install();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
  await expect(page.getByTestId('sign-in-page')).toBeVisible();

  for (const lang of ['en', 'fr'] as const) {
    await page.goto(`/wall?lang=${lang}`);
    const notice = page.getByTestId('wall-unauthorised');
    await expect(notice).toBeVisible();
    await expect(notice).toHaveAttribute('data-reason', 'no-principal');
    await expect(notice).toContainText(
      lang === 'en' ? 'not authorised yet' : 'pas encore autorisé',
    );
    await expect(notice).toContainText('/wall?token=…');
    await saveScreen(page, `wall-unauthorised-${lang}`);
    // Still on the wall a while later: no redirect, and no tile leaked.
    await idleFor(page, 15_000);
    await expect(page).toHaveURL(new RegExp(`/wall\\?lang=${lang}$`));
    await expect(page.getByTestId('operator-tile')).toHaveCount(0);
  }
});

test('an unauthorised wall does not hammer the stream, and comes back by itself once the screen is allowed', async ({
  page,
  auth,
}) => {
  const streams: string[] = [];
  const sessions: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/api/stream')) streams.push(req.url());
    if (req.url().includes('/api/auth/session')) sessions.push(req.url());
  });
  await page.clock.install();
  await page.goto('/wall?lang=en');
  await expect(page.getByTestId('wall-unauthorised')).toBeVisible();
  await idleFor(page, 5_000);
  expect(streams, 'stream attempts without a principal').toHaveLength(0);
  expect(sessions.length).toBeLessThanOrEqual(2);

  // Someone fixes the screen's set-up (here: its cookie arrives); no one touches the TV.
  const exchange = await page.request.get(`/wall?token=${auth.displayToken}`, { maxRedirects: 0 });
  expect(exchange.status()).toBe(302);
  await expect(page.getByTestId('operator-tile').first()).toBeVisible({ timeout: 45_000 });
  await expect(page).toHaveURL(/\/wall\?lang=en$/);
});

test('a wall whose token is withdrawn while it runs says so, and stops asking for the stream', async ({
  page,
  auth,
}) => {
  await page.clock.install();
  await page.goto(`/wall?token=${auth.lobbyToken}&lang=en`);
  await expect(page.getByTestId('operator-tile').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');

  const streams: number[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/api/stream')) streams.push(Date.now());
  });
  auth.withdrawLobby();
  // The BFF reloads the file and ends the stream; the page finds the session gone (401).
  await expect(page.getByTestId('wall-unauthorised')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('operator-tile')).toHaveCount(0);
  const seen = streams.length;
  await idleFor(page, 6_000);
  expect(streams.length, 'stream attempts once the session is gone').toBe(seen);
  expect(seen).toBeLessThanOrEqual(2);
});

test('a refused token lands on the wall with a clear message, not on a sign-in page', async ({
  page,
}) => {
  await page.goto('/wall?token=not-a-valid-token-at-all&lang=en');
  await expect(page).toHaveURL(/\/wall\?auth=invalid-token/);
  expect(page.url()).not.toContain('not-a-valid-token');
  const notice = page.getByTestId('wall-unauthorised');
  await expect(notice).toHaveAttribute('data-reason', 'invalid-token');
  await expect(notice).toContainText('token was refused');
  await saveScreen(page, 'wall-invalid-token-en');
});

test('a supervisor signs in, opens an operator, signs out and is back on the sign-in page', async ({
  page,
  auth,
  stack,
}) => {
  const truth = await stack.simControl<SimState>('GET', '/sim/state');
  const target = truth.operators[0];
  if (!target) throw new Error('the simulator has no operator');

  await page.goto(`/operators/${target.id}?lang=en`);
  await expect(page).toHaveURL(
    new RegExp(`/sign-in\\?next=${encodeURIComponent(`/operators/${target.id}?lang=en`)}`),
  );
  await signInAs(page, auth.alice);
  await expect(page).toHaveURL(new RegExp(`/operators/${target.id}\\?lang=en$`));
  await expect(page.getByTestId('operator-name')).toHaveText(target.name, { timeout: 20_000 });
  await expect(page.getByTestId('account-name')).toContainText('alice');
  await expect(page.getByTestId('account-name')).toContainText('supervisor');
  await saveScreen(page, 'operator-signed-in-en');

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId('sign-in-page')).toBeVisible();
  // The session is gone for the BFF too.
  await page.goto('/stats');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fstats$/);
  expect((await page.request.get('/api/auth/session')).status()).toBe(401);
});

test('a team lead sees only their groups', async ({ page, auth }) => {
  await page.goto('/sign-in?next=%2F&lang=en');
  await signInAs(page, auth.bob);
  await expect(page.getByTestId('group-card').first()).toBeVisible({ timeout: 30_000 });
  const shown = await page
    .getByTestId('group-card')
    .evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-group-id'))));
  expect(new Set(shown)).toEqual(new Set(auth.bob.groups));
  await expect(page.getByTestId('account-name')).toContainText('team lead');
  await saveScreen(page, 'supervisor-teamlead-en');
});

test('a wrong password and an unknown user get the same message; too many attempts are told apart', async ({
  page,
  auth,
}) => {
  await page.goto('/sign-in?lang=en');
  const error = page.getByTestId('sign-in-error');
  await page.getByTestId('sign-in-name').fill(auth.alice.name);
  await page.getByTestId('sign-in-password').fill('not-the-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(error).toHaveText('Wrong user name or password.');
  await expect(page.getByTestId('sign-in-password')).toBeFocused();
  await expect(page.getByTestId('sign-in-password')).toHaveValue('');
  const wrongPassword = await error.textContent();

  await page.getByTestId('sign-in-name').fill('nobody-here');
  await page.getByTestId('sign-in-password').fill('whatever');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-submit')).toBeEnabled();
  await expect(error).toHaveText(wrongPassword ?? '');
  await expect(page).toHaveURL(/\/sign-in/);

  // The limiter's 429, answered here by a stand-in so this test does not lock the address out.
  await page.route('**/api/auth/sign-in', (route) =>
    route.fulfill({
      status: 429,
      json: { statusCode: 429, error: 'Too Many Requests', message: 'too many requests' },
    }),
  );
  await page.getByTestId('sign-in-password').fill('again');
  await page.getByTestId('sign-in-submit').click();
  await expect(error).toHaveText('Too many attempts: wait a minute before trying again.');
});

test('the sign-in page renders in English and in French, labelled and keyboard-ready', async ({
  page,
}) => {
  for (const [lang, name, password, submit] of [
    ['en', 'User name', 'Password', 'Sign in'],
    ['fr', 'Nom d’utilisateur', 'Mot de passe', 'Se connecter'],
  ] as const) {
    await page.goto(`/sign-in?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByLabel(name)).toBeFocused();
    await expect(page.getByLabel(password, { exact: true })).toHaveAttribute('type', 'password');
    await expect(page.getByRole('button', { name: submit })).toBeVisible();
    // Tab order: name → password → submit.
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(password, { exact: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: submit })).toBeFocused();
    await saveScreen(page, `sign-in-${lang}`);
  }
});
