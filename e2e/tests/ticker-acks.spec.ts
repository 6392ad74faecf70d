// Issue 13 §4 and §5 in Chromium: a message posted on the Messages page reaches an open wall (a
// second browser context, the TV) within a second without a reload, moves nothing on it, and
// leaves at its expiry; an alert acknowledged in the supervisor view turns quiet on the wall (a
// check mark, who, no beep). English and French, 1920×1080 and 3840×2160; screenshots attached.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { expect, openWall, shoot, test as base, watchFor } from '../fixtures/test';
import { startStack, type SimState, type Stack } from '../fixtures/stack';

const BREAK = 'AckTest';
const RULES = [
  // Raised as soon as an operator is on this break for a second; cleared a second after.
  { id: 'ack-break', kind: 'operator-state', breakName: BREAK, limit: 1, clearFor: 1 },
];

const test = base.extend<object, { workerStack: Stack }>({
  workerStack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-e2e-ticker-'));
      const rulesFile = join(dir, 'rules.json');
      writeFileSync(rulesFile, JSON.stringify(RULES));
      const stack = await startStack({
        buildId: `e2e-ticker-${workerInfo.workerIndex}`,
        rulesFile,
        env: { VIGIE_DATA_DIR: join(dir, 'data') },
      });
      await use(stack);
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

const TEXT = {
  en: { post: 'Post', ackButton: 'Acknowledge', ackBy: 'ack’d by anonymous', warning: 'Warning' },
  fr: {
    post: 'Publier',
    ackButton: 'Prendre en compte',
    ackBy: 'pris en compte par anonymous',
    warning: 'Attention',
  },
} as const;

const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '3840x2160', width: 3840, height: 2160 },
] as const;

/** The TV: its own context at the wall's size, device scale 1. */
async function openTv(browser: Browser, stack: Stack, size: (typeof SIZES)[number], q: string) {
  const context = await browser.newContext({
    baseURL: stack.bff.url,
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: 1,
  });
  const tv = await context.newPage();
  await openWall(tv, q);
  // Set once: still there at the end means the wall never reloaded.
  await tv.evaluate(() => {
    (window as unknown as { __sameLoad: boolean }).__sameLoad = true;
  });
  return { tv, close: () => context.close() };
}

const sameLoad = (tv: Page) =>
  tv.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad === true);

/** Where the board's blocks are: a message coming or going must move none of them. */
const layout = (tv: Page) =>
  tv.evaluate(() =>
    ['operator-tiles', 'wall-alerts'].map((id) => {
      const r = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
      return r ? [r.x, r.y, r.width, r.height].map(Math.round).join(',') : 'none';
    }),
  );

const combos = [
  { lang: 'en', size: SIZES[0] },
  { lang: 'fr', size: SIZES[1] },
  { lang: 'fr', size: SIZES[0] },
  { lang: 'en', size: SIZES[1] },
] as const;

test.describe('ticker and acknowledgements (issue 13 §4, §5)', () => {
  for (const [i, { lang, size }] of combos.entries()) {
    test(`a message posted on the Messages page shows on an open wall within a second and leaves at its expiry (${lang}, ${size.name})`, async ({
      page,
      browser,
      stack,
    }, testInfo) => {
      const text = TEXT[lang];
      const { tv, close } = await openTv(browser, stack, size, `?lang=${lang}&rotate=0`);
      await expect(tv.getByTestId('wall-ticker')).toHaveCount(0);
      const before = await layout(tv);

      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`/messages?lang=${lang}`);
      await expect(page.getByTestId('ticker-form')).toBeVisible({ timeout: 60_000 });
      const message =
        lang === 'fr'
          ? `Coupure du réseau prévue à 14 h 30 (${i})`
          : `Network maintenance at 2:30 pm (${i})`;
      await page.getByTestId('ticker-form').locator('textarea[name=text]').fill(message);
      await page.getByTestId('ticker-form').locator('input[value=warning]').check();
      const seen = await watchFor(tv, `[data-testid=wall-ticker][data-severity=warning]`);
      const answer = page.waitForResponse(
        (r) => r.url().endsWith('/api/ticker') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: text.post, exact: true }).click();
      expect((await answer).status()).toBe(201);
      const postedAt = Date.now();
      await expect(tv.getByTestId('wall-ticker-text')).toHaveText(message, { timeout: 5000 });
      // From the BFF's answer (the message stored) to the wall showing it.
      const took = (await seen()) - postedAt;
      testInfo.annotations.push({ type: 'post → wall', description: `${took} ms` });
      expect(took).toBeLessThan(1000);
      await expect(tv.getByTestId('wall-ticker')).toHaveAttribute('data-severity', 'warning');
      await expect(tv.getByTestId('wall-ticker')).toContainText(text.warning);
      expect(await layout(tv), 'the board did not move').toEqual(before);
      // Legible at 5 m: at least the legend's size (1.5 board units: 29 px at 1080p).
      const px = await tv
        .getByTestId('wall-ticker-text')
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(px).toBeGreaterThanOrEqual((28 * size.height) / 1080);
      await shoot(tv, testInfo, `ticker-wall-${size.name}-${lang}`);

      // The Messages page lists it with who posted it.
      const row = page.getByTestId('ticker-row').filter({ hasText: message });
      await expect(row).toHaveAttribute('data-current', 'yes');
      await expect(row.getByTestId('ticker-posted-by')).toHaveText('anonymous');
      await shoot(page, testInfo, `ticker-messages-page-1920x1080-${lang}`);

      // Ended from the page: off the wall at once; a short one leaves by itself at its expiry.
      await row.getByRole('button').click();
      await expect(tv.getByTestId('wall-ticker')).toHaveCount(0, { timeout: 5000 });
      const res = await fetch(`${stack.bff.url}/api/ticker`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text: 'short',
          severity: 'info',
          expiresAt: new Date(Date.now() + 6000).toISOString(),
          boards: [],
        }),
      });
      expect(res.status).toBe(201);
      const { expiresAt } = (await res.json()) as { expiresAt: string };
      await expect(tv.getByTestId('wall-ticker-text')).toHaveText('short', { timeout: 5000 });
      await expect(tv.getByTestId('wall-ticker')).toHaveCount(0, { timeout: 10_000 });
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
      expect(await layout(tv)).toEqual(before);
      expect(await sameLoad(tv), 'the wall never reloaded').toBe(true);
      await close();
    });
  }

  for (const [i, { lang, size }] of combos.entries()) {
    test(`an alert acknowledged in the supervisor view turns quiet on the wall (${lang}, ${size.name})`, async ({
      page,
      browser,
      stack,
    }, testInfo) => {
      const text = TEXT[lang];
      const { tv, close } = await openTv(browser, stack, size, `?lang=${lang}&rotate=0&sound=1`);
      // An operator of the centre on the rule's break: the alert is raised a second later.
      const state = await stack.simControl<SimState>('GET', '/sim/state');
      const op = state.operators.filter((o) => o.state === 'available')[i];
      expect(op, 'an available operator').toBeTruthy();
      await stack.simControl('POST', `/sim/operators/${op!.id}/state`, {
        state: 'unavailable',
        breakName: BREAK,
      });
      const onWall = tv.locator(
        `[data-testid=wall-alert][data-subject="operator:${op!.id}"][data-kind=operator-state]`,
      );
      await expect(onWall).toBeVisible({ timeout: 20_000 });
      await expect(onWall).toHaveAttribute('data-acked', 'no');
      const sound = tv.getByTestId('wall-sound');
      await expect(sound).toHaveAttribute('data-sounding', 'yes');
      const beeps = Number(await sound.getAttribute('data-beeps'));
      expect(beeps).toBeGreaterThan(0);
      await shoot(tv, testInfo, `ack-wall-before-${size.name}-${lang}`);

      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`/?lang=${lang}`);
      const row = page.locator(`[data-testid=alert-row][data-subject="operator:${op!.id}"]`);
      // A loaded machine may take a while to load the page's code; the alert is there meanwhile.
      await expect(row).toBeVisible({ timeout: 60_000 });
      await row.getByRole('button', { name: text.ackButton, exact: true }).click();
      await row.locator('input[name=note]').fill(lang === 'fr' ? 'Je le rappelle' : 'Calling him');
      const seen = await watchFor(
        tv,
        `[data-testid=wall-alert][data-subject="operator:${op!.id}"][data-acked=yes]`,
      );
      const answer = page.waitForResponse(
        (r) => r.url().includes('/ack') && r.request().method() === 'POST',
      );
      await row.getByTestId('ack-confirm').click();
      expect((await answer).status()).toBe(201);
      const ackedAt = Date.now();
      await expect(onWall).toHaveAttribute('data-acked', 'yes', { timeout: 5000 });
      const took = (await seen()) - ackedAt;
      testInfo.annotations.push({ type: 'ack → wall', description: `${took} ms` });
      expect(took).toBeLessThan(1000);
      await expect(onWall.getByTestId('wall-alert-ack')).toHaveText(`✓${text.ackBy}`);
      await expect(sound).toHaveAttribute('data-sounding', 'no');
      await expect(row.getByTestId('alert-ack')).toContainText('anonymous');
      await shoot(page, testInfo, `ack-supervisor-1920x1080-${lang}`);
      await shoot(tv, testInfo, `ack-wall-after-${size.name}-${lang}`);
      // Quiet: no beep since, though the alert is still active.
      await tv.waitForTimeout(1500);
      expect(Number(await sound.getAttribute('data-beeps'))).toBe(beeps);

      // The operator back: the alert clears, and the ack with it.
      await stack.simControl('POST', `/sim/operators/${op!.id}/state`, { state: 'available' });
      await expect(onWall).toHaveCount(0, { timeout: 20_000 });
      await expect
        .poll(async () => {
          const r = await fetch(`${stack.bff.url}/api/alerts/acks`);
          return ((await r.json()) as { acks: { alertId: string }[] }).acks.length;
        })
        .toBe(0);
      expect(await sameLoad(tv)).toBe(true);
      await close();
    });
  }

  for (const [i, { lang, size }] of combos.entries()) {
    test(`the Messages page picks the boards from the board list, which follows a change without a reload; none ticked is every board (${lang}, ${size.name})`, async ({
      page,
      stack,
    }, testInfo) => {
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${stack.bff.url}${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      const board = (id: string, name: string) => ({
        id,
        name,
        groups: [],
        panels: ['queues', 'alerts'],
        density: 'normal',
        rotationS: 30,
        theme: 'dark',
        loggedOut: 'show',
        sound: true,
      });
      const north = `north-${i}`;
      const south = `south-${i}`;
      const northName = lang === 'fr' ? `Plateau Nord ${i}` : `North floor ${i}`;
      const southName = lang === 'fr' ? `Plateau Sud ${i}` : `South floor ${i}`;
      expect((await api('POST', '/api/boards', board(north, northName))).status).toBe(201);

      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`/messages?lang=${lang}`);
      const picker = page.getByTestId('ticker-boards');
      const box = (name: string) => picker.getByRole('checkbox', { name, exact: true });
      await expect(box(northName)).toBeVisible({ timeout: 60_000 });
      await expect(box(northName)).not.toBeChecked();
      const every =
        lang === 'fr' ? 'Aucun coché : tous les tableaux.' : 'None ticked: every board.';
      await expect(page.getByTestId('ticker-boards-summary')).toHaveText(every);

      // A board made elsewhere (another tab, another supervisor) is offered at once.
      await page.evaluate(() => {
        (window as unknown as { __sameLoad: boolean }).__sameLoad = true;
      });
      expect((await api('POST', '/api/boards', board(south, southName))).status).toBe(201);
      await expect(box(southName)).toBeVisible({ timeout: 5000 });
      await box(northName).check();
      await expect(page.getByTestId('ticker-boards-summary')).toHaveText(
        lang === 'fr' ? 'Seulement le tableau coché.' : 'Only the board ticked.',
      );
      await shoot(page, testInfo, `ticker-board-picker-${size.name}-${lang}`);

      const message = `${lang === 'fr' ? 'Pour le Nord seulement' : 'For the north only'} ${i}`;
      await page.getByTestId('ticker-form').locator('textarea[name=text]').fill(message);
      const posted = page.waitForResponse(
        (r) => r.url().endsWith('/api/ticker') && r.request().method() === 'POST',
      );
      await page.getByRole('button', { name: TEXT[lang].post, exact: true }).click();
      const res = await posted;
      expect(res.status()).toBe(201);
      expect(res.request().postDataJSON()).toMatchObject({ text: message, boards: [north] });
      const row = page.getByTestId('ticker-row').filter({ hasText: message });
      await expect(row.getByTestId('ticker-row-boards')).toHaveText(northName);
      // The wall of that board shows it; the other board's does not.
      const on = async (id: string) =>
        ((await api('GET', `/api/ticker?board=${id}`)).json['messages'] as { text: string }[]).map(
          (m) => m.text,
        );
      expect(await on(north)).toContain(message);
      expect(await on(south)).not.toContain(message);
      expect(await on('default')).not.toContain(message);
      await shoot(page, testInfo, `ticker-board-posted-${size.name}-${lang}`);
      expect(
        await page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad),
      ).toBe(true);

      // Unticked again: the next message goes to every board.
      await box(northName).uncheck();
      await expect(page.getByTestId('ticker-boards-summary')).toHaveText(every);
      await row.getByRole('button').click();
      await expect(row).toHaveAttribute('data-current', 'no', { timeout: 5000 });
    });
  }
});
