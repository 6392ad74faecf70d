// Issue 13 §3 on the embedded demo: a supervisor sets a queue's "answered within" on the Queues
// page; the wall's group panel and the supervisor's group card show the new formula without a
// reload, and the page says where each value comes from. English then French, 1080p and 4K.
// Screenshots are attached to the test output and written to <output>/screens.
import type { Page, TestInfo } from '@playwright/test';
import { expect, saveScreen, test as base, afterLayout } from '../fixtures/test';
import { startDemoBff, type DemoBff } from '../fixtures/stack';
import { ZONE } from '../fixtures/zone';

// A demo of its own: the queue settings changed here must not leak into another spec's board.
const test = base.extend<object, { queuesDemo: DemoBff }>({
  queuesDemo: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemoBff({ timeZone: ZONE });
      await use(demo);
      await demo.close();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ queuesDemo }, use) => {
    await use(queuesDemo.url);
  },
});

const TEXT = {
  en: {
    formula: (s: number) => `answered ≤\u00a0${s}\u00a0s ÷\u00a0calls`,
    defaultSource: /^default 45 \(SERVICE_LEVEL_ANSWERED_WITHIN_S not set\)$/,
    uiSource: /^set on the demo at \d{1,2}:\d{2}/,
    saved: 'Saved',
    demo: 'Demo: changes are saved as “demo”.',
  },
  fr: {
    formula: (s: number) => `répondus ≤\u00a0${s}\u00a0s ÷\u00a0appels`,
    defaultSource: /^défaut 45 \(SERVICE_LEVEL_ANSWERED_WITHIN_S non défini\)$/,
    uiSource: /^réglé sur la démo à \d{1,2}\s?(h|:)\s?\d{2}/,
    saved: 'Enregistré',
    demo: 'Démo : les modifications sont enregistrées au nom de « demo ».',
  },
} as const;

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await afterLayout(page);
  const path = await saveScreen(page, name);
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Both sizes of the wall issue: 1080p and 4K at deviceScaleFactor 1. */
async function shootBoth(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shoot(page, testInfo, `${name}-1080p`);
  await page.setViewportSize({ width: 3840, height: 2160 });
  await shoot(page, testInfo, `${name}-4k`);
  await page.setViewportSize({ width: 1920, height: 1080 });
}

test.describe.configure({ mode: 'serial' });

for (const [lang, seconds] of [
  ['en', 20],
  ['fr', 30],
] as const) {
  test(`a queue's answered-within set on the Queues page changes the formula on the wall and the supervisor cards, live (${lang})`, async ({
    page,
    context,
  }, testInfo) => {
    test.setTimeout(180_000);
    const text = TEXT[lang];
    await page.setViewportSize({ width: 1920, height: 1080 });
    const wall = await context.newPage();
    const sup = await context.newPage();
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await sup.setViewportSize({ width: 1920, height: 1080 });

    // The wall and the supervisor view, opened once: nothing below reloads them.
    await wall.goto(`/wall?lang=${lang}`);
    const panel = wall.getByTestId('group-panel').first();
    await expect(panel).toBeVisible({ timeout: 30_000 });
    const id = await panel.getAttribute('data-group-id');
    expect(id).not.toBeNull();
    const wallFormula = wall.locator(
      `[data-testid="group-panel"][data-group-id="${id}"] [data-testid="group-sl-formula"]`,
    );
    await expect(wallFormula).toHaveText(text.formula(45), { timeout: 30_000 });
    const panelBox = await wall
      .locator(`[data-testid="group-panel"][data-group-id="${id}"]`)
      .boundingBox();
    await sup.goto(`/?lang=${lang}`);
    const cardFormula = sup.locator(
      `[data-testid="group-card"][data-group-id="${id}"] [data-testid="group-card-sl-formula"]`,
    );
    await expect(cardFormula).toHaveText(text.formula(45), { timeout: 30_000 });

    // The Queues page: every value says where it comes from; the demo says it saves as "demo".
    await page.goto(`/settings/queues?lang=${lang}`);
    await expect(page.getByTestId('queues-demo')).toHaveText(text.demo);
    const row = page.locator(`[data-testid="queue-row"][data-queue-id="${id}"]`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    const answered = row.locator('[data-testid="queue-source"][data-field="answeredWithinS"]');
    await expect(answered).toHaveAttribute('data-source', 'default');
    await expect(answered).toHaveText(text.defaultSource);
    await expect(row.locator('[data-testid="queue-source"][data-field="waiting"]')).toHaveAttribute(
      'data-source',
      'default',
    );
    await shootBoth(page, testInfo, `queues-page-before-${lang}`);

    await row.getByTestId('queue-input-answeredWithinS').fill(String(seconds));
    await row.getByTestId('queue-save').click();
    await expect(row.getByTestId('queue-note')).toHaveText(text.saved);
    await expect(answered).toHaveAttribute('data-source', 'ui');
    await expect(answered).toHaveText(text.uiSource);
    // The other fields still follow the server's defaults.
    await expect(
      row.locator('[data-testid="queue-source"][data-field="abandonedWithinS"]'),
    ).toHaveAttribute('data-source', 'default');
    await expect(row.getByTestId('queue-formula')).toContainText(`${seconds}\u00a0s`);
    await shootBoth(page, testInfo, `queues-page-saved-${lang}`);

    // Live, without a reload: the next group poll asks 4.3 with the new pair, the stream brings it.
    await expect(wallFormula).toHaveText(text.formula(seconds), { timeout: 15_000 });
    await expect(cardFormula).toHaveText(text.formula(seconds), { timeout: 15_000 });
    // The panel keeps its place and height (the wall does not reflow for a formula).
    const after = await wall
      .locator(`[data-testid="group-panel"][data-group-id="${id}"]`)
      .boundingBox();
    expect(after?.height).toBe(panelBox?.height);
    expect(after?.y).toBe(panelBox?.y);
    await shootBoth(wall, testInfo, `queues-wall-${lang}`);
    await shootBoth(sup, testInfo, `queues-supervisor-${lang}`);

    // Back to the defaults: the formula follows again, still without a reload.
    await row.getByTestId('queue-reset').click();
    await expect(answered).toHaveAttribute('data-source', 'default');
    await expect(wallFormula).toHaveText(text.formula(45), { timeout: 15_000 });
    await expect(cardFormula).toHaveText(text.formula(45), { timeout: 15_000 });
  });
}
