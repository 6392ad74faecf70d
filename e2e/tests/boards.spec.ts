// Issue 13 §1 in the browser: a supervisor creates the board "Support" with two groups and the
// light theme, edits it (a concurrent edit is a 409 that keeps the edit), duplicates and deletes
// it, exports and imports the settings, and reads it all on the Activity page; in EN and FR, with
// screenshots at 1920×1080 and 3840×2160 attached to the output.
import type { Page, TestInfo } from '@playwright/test';
import { afterLayout, authTest as test, expect, saveScreen, signInAs } from '../fixtures/test';

async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await afterLayout(page);
  const path = await saveScreen(page, name);
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

interface Board {
  id: string;
  name: string;
  groups: number[];
  panels: string[];
  density: string;
  theme: string;
  version: number | null;
  updatedBy: string | null;
}

/** The BFF's view of a board, through the page's own session. */
async function boardOf(page: Page, id: string): Promise<Board> {
  const res = await page.request.get(`/api/boards/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Board;
}

const row = (page: Page, id: string) =>
  page.locator(`[data-testid="board-row"][data-board="${id}"]`);

test('a supervisor creates "Support" with two groups and the light theme, edits, duplicates, deletes it and sees it all on Activity (EN)', async ({
  page,
  auth,
}, testInfo) => {
  await page.goto('/boards?lang=en');
  await signInAs(page, auth.alice);
  await expect(page).toHaveURL(/\/boards/);
  await expect(page.getByRole('heading', { name: 'Boards', level: 1 })).toBeVisible();
  // The default board is always there, built in until someone saves it.
  await expect(row(page, 'default')).toContainText('Default board');
  await expect(row(page, 'default')).toContainText('built in, not saved yet');

  await page.getByTestId('board-create').click();
  const editor = page.getByTestId('board-editor');
  await expect(editor.getByRole('heading', { name: 'New board' })).toBeVisible();
  await editor.getByLabel('Name').fill('Support');
  const groups = editor.locator('.bd-groups').getByRole('checkbox');
  await expect(groups.first()).toBeVisible({ timeout: 20_000 });
  expect(await groups.count()).toBeGreaterThan(2);
  const picked = [
    (await editor.locator('.bd-groups label').nth(0).textContent()) ?? '',
    (await editor.locator('.bd-groups label').nth(1).textContent()) ?? '',
  ];
  await groups.nth(0).check();
  await groups.nth(1).check();
  await editor.getByLabel('Light').check();
  // Panels: alerts up above operators, staffing hidden.
  await editor.getByRole('button', { name: 'Move Alerts up' }).click();
  await editor.getByLabel('Show Staffing').uncheck();
  await expect(editor.locator('.bd-panels li').nth(2)).toHaveAttribute('data-panel', 'alerts');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('board-saved')).toHaveText('Saved.');
  await expect(page).toHaveURL(/edit=support/);

  const support = row(page, 'support');
  await expect(support).toContainText('Support');
  await expect(support).toContainText(picked.join(', '));
  await expect(support).toContainText('Light');
  await expect(support).toContainText('by alice');
  await expect(support.getByRole('link', { name: 'Open on the wall' })).toHaveAttribute(
    'href',
    '/wall/support',
  );
  const stored = await boardOf(page, 'support');
  expect(stored).toMatchObject({ name: 'Support', theme: 'light', version: 1, updatedBy: 'alice' });
  expect(stored.groups).toHaveLength(2);
  expect(stored.panels).toEqual(['kpis', 'queues', 'alerts', 'operators', 'clock', 'ticker']);
  await shoot(page, testInfo, 'boards-editor-1080p-en');

  // Edit: density large, renamed.
  await editor.getByLabel('Density').selectOption('large');
  await editor.getByLabel('Name').fill('Support floor');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('board-saved')).toBeVisible();
  await expect(support).toContainText('Support floor');
  expect(await boardOf(page, 'support')).toMatchObject({ density: 'large', version: 2 });

  // Someone else saves meanwhile: this page's save is a 409 that keeps what was typed.
  const theirs = await boardOf(page, 'support');
  const {
    id: _id,
    version,
    updatedAt: _a,
    updatedBy: _b,
    ...fields
  } = theirs as Board & {
    updatedAt: string;
  };
  const put = await page.request.put('/api/boards/support', {
    data: { ...fields, theme: 'dark', version },
  });
  expect(put.status()).toBe(200);
  await editor.getByLabel('Rotation (seconds per page, 0: none)').fill('45');
  await editor.getByRole('button', { name: 'Save' }).click();
  const conflict = page.getByTestId('board-conflict');
  await expect(conflict).toContainText('Changed by alice meanwhile (version 3)');
  await expect(editor.getByLabel('Rotation (seconds per page, 0: none)')).toHaveValue('45');
  await expect(editor.getByLabel('Light')).toBeChecked();
  await shoot(page, testInfo, 'boards-conflict-1080p-en');
  await conflict.getByRole('button', { name: 'Reload their version' }).click();
  await expect(conflict).toBeHidden();
  await expect(editor.getByLabel('Dark')).toBeChecked();
  await editor.getByLabel('Light').check();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('board-saved')).toBeVisible();
  expect(await boardOf(page, 'support')).toMatchObject({ theme: 'light', version: 4 });

  // Duplicate, then delete the copy (with a confirmation).
  await support.getByRole('button', { name: 'Duplicate' }).click();
  const copy = row(page, 'support-floor-copy');
  await expect(copy).toContainText('Support floor (copy)');
  await copy.getByRole('button', { name: 'Delete' }).click();
  await expect(copy).toContainText('Delete “Support floor (copy)”?');
  await copy.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(copy).toHaveCount(0);
  expect((await page.request.get('/api/boards/support-floor-copy')).status()).toBe(404);

  // 4K, as a supervisor's large screen shows it.
  await page.setViewportSize({ width: 3840, height: 2160 });
  await shoot(page, testInfo, 'boards-4k-en');
  await page.setViewportSize({ width: 1920, height: 1080 });

  // Activity: every change, newest first, with what changed.
  await page.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
  await expect(page).toHaveURL(/\/activity/);
  const entries = page.getByTestId('activity-entry');
  await expect(entries.first()).toContainText('alice deleted the board “support-floor-copy”');
  const created = page.locator(
    '[data-testid="activity-entry"][data-id="support"]:has-text("created")',
  );
  await expect(created).toContainText('alice created the board “support”');
  const renamed = page
    .locator('[data-testid="activity-entry"][data-id="support"]:has-text("changed")')
    .filter({ hasText: 'Support floor' });
  await expect(renamed.getByRole('row', { name: /Name/ })).toContainText('Support');
  const density = renamed.getByRole('row', { name: /Density/ });
  await expect(density.locator('.ac-before')).toHaveText('automatic');
  await expect(density.locator('.ac-after')).toHaveText('large');
  await expect(renamed.getByRole('row', { name: /Name/ }).locator('.ac-after')).toHaveText(
    'Support floor',
  );
  // A change made elsewhere shows here without a reload (the stream's settings event).
  const elsewhere = await page.request.post('/api/boards', {
    data: { ...fields, name: 'Made elsewhere', theme: 'dark' },
  });
  expect(elsewhere.status()).toBe(201);
  await expect(entries.first()).toContainText('alice created the board “made-elsewhere”', {
    timeout: 5_000,
  });
  await shoot(page, testInfo, 'activity-1080p-en');
  await page.setViewportSize({ width: 3840, height: 2160 });
  await shoot(page, testInfo, 'activity-4k-en');
});

test('export and import of the settings: a file with one bad field is refused whole, a good one applied (EN)', async ({
  page,
  auth,
}) => {
  await page.goto('/boards?lang=en');
  await signInAs(page, auth.alice);
  await expect(page.getByTestId('boards-table')).toBeVisible();
  // A board of its own to export (the other tests may or may not have run before).
  const posted = await page.request.post('/api/boards', {
    data: {
      name: 'To export',
      groups: [],
      panels: ['queues'],
      density: 'auto',
      rotationS: 20,
      theme: 'dark',
      loggedOut: 'count',
      sound: false,
    },
  });
  expect(posted.status()).toBe(201);
  const download = page.waitForEvent('download');
  await page.getByTestId('settings-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^vigie-settings-\d{4}-\d{2}-\d{2}\.json$/);
  let text = '';
  for await (const chunk of await file.createReadStream()) text += String(chunk);
  const exported = JSON.parse(text) as { format: string; boards: (Board & object)[] };
  expect(exported.format).toBe('vigie-settings');
  const first = exported.boards[0];
  expect(first).toBeDefined();

  const before = await (await page.request.get('/api/boards')).json();
  const bad = {
    ...exported,
    boards: [
      { ...first, name: 'Imported' },
      { ...first, id: 'second', density: 'huge' },
    ],
  };
  await page.getByTestId('settings-import').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(page.getByTestId('import-result')).toContainText(
    'Import refused, nothing changed: boards[1].density',
  );
  expect(await (await page.request.get('/api/boards')).json()).toEqual(before);

  const good = { ...exported, boards: [{ ...first, id: 'imported', name: 'Imported board' }] };
  await page.getByTestId('settings-import').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(good)),
  });
  await expect(page.getByTestId('import-result')).toContainText('Imported 1 boards');
  await expect(row(page, 'imported')).toContainText('Imported board');
});

test('the same in French: create, duplicate, delete, activity (FR)', async ({
  page,
  auth,
}, testInfo) => {
  await page.goto('/boards?lang=fr');
  await signInAs(page, auth.alice);
  await expect(page.getByRole('heading', { name: 'Tableaux', level: 1 })).toBeVisible();
  await expect(row(page, 'default')).toContainText('Tableau par défaut');
  await page.getByTestId('board-create').click();
  const editor = page.getByTestId('board-editor');
  await expect(editor.getByRole('heading', { name: 'Nouveau tableau' })).toBeVisible();
  await editor.getByLabel('Nom').fill('Équipe Sud');
  const groups = editor.locator('.bd-groups').getByRole('checkbox');
  await expect(groups.first()).toBeVisible({ timeout: 20_000 });
  await groups.nth(0).check();
  await groups.nth(2).check();
  await editor.getByLabel('Clair').check();
  await editor.getByLabel('Densité').selectOption('compact');
  await editor.getByRole('button', { name: 'Descendre Chiffres clés' }).click();
  await editor.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('board-saved')).toHaveText('Enregistré.');
  const sud = row(page, 'equipe-sud');
  await expect(sud).toContainText('Équipe Sud');
  await expect(sud).toContainText('Clair');
  await expect(sud).toContainText('par alice');
  expect(await boardOf(page, 'equipe-sud')).toMatchObject({
    theme: 'light',
    density: 'compact',
    panels: ['queues', 'kpis', 'operators', 'alerts', 'staffing', 'clock', 'ticker'],
  });
  await shoot(page, testInfo, 'boards-editor-1080p-fr');

  await sud.getByRole('button', { name: 'Dupliquer' }).click();
  const copy = row(page, 'equipe-sud-copie');
  await expect(copy).toContainText('Équipe Sud (copie)');
  await copy.getByRole('button', { name: 'Supprimer' }).click();
  await copy.getByRole('button', { name: 'Oui, supprimer' }).click();
  await expect(copy).toHaveCount(0);
  await page.setViewportSize({ width: 3840, height: 2160 });
  await shoot(page, testInfo, 'boards-4k-fr');
  await page.setViewportSize({ width: 1920, height: 1080 });

  await page.getByRole('navigation').getByRole('link', { name: 'Activité' }).click();
  const entries = page.getByTestId('activity-entry');
  await expect(entries.first()).toContainText('alice a supprimé le tableau « equipe-sud-copie »');
  await expect(
    page.locator('[data-testid="activity-entry"][data-id="equipe-sud"]').last(),
  ).toContainText('alice a créé le tableau « equipe-sud »');
  await shoot(page, testInfo, 'activity-1080p-fr');
  await page.setViewportSize({ width: 3840, height: 2160 });
  await shoot(page, testInfo, 'activity-4k-fr');
});
