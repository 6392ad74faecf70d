// French and English on the supervisor, operator, group and statistics screens, with a screenshot
// of each at TV size (test-results/screens, not committed).
import { expect, saveScreen, test } from '../fixtures/test';
import type { Page } from '@playwright/test';

const TEXT = {
  en: {
    supervisor: 'Supervisor',
    groups: 'Groups',
    now: 'Now',
    today: 'Today',
    trend: 'Through the day',
    stats: 'Statistics',
    submit: 'Show figures',
  },
  fr: {
    supervisor: 'Superviseur',
    groups: 'Groupes',
    now: 'En ce moment',
    today: 'Aujourd’hui',
    trend: 'Au fil de la journée',
    stats: 'Statistiques',
    submit: 'Afficher les chiffres',
  },
} as const;

async function firstIds(page: Page): Promise<{ operator: string; group: string }> {
  await expect(page.getByTestId('operator-row').first()).toBeVisible({ timeout: 30_000 });
  const operator = await page.getByTestId('operator-row').first().getAttribute('data-operator-id');
  const group = await page.getByTestId('group-card').first().getAttribute('data-group-id');
  return { operator: operator ?? '', group: group ?? '' };
}

for (const lang of ['en', 'fr'] as const) {
  test(`the supervisor, operator, group and statistics screens render in ${lang}`, async ({
    page,
  }) => {
    const text = TEXT[lang];
    await page.goto(`/?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.supervisor);
    await expect(page.getByRole('heading', { name: text.groups, exact: true })).toBeVisible();
    const ids = await firstIds(page);
    await saveScreen(page, `supervisor-${lang}`);

    await page.goto(`/operators/${ids.operator}`);
    await expect(page.getByRole('heading', { name: text.now, exact: true })).toBeVisible({
      timeout: 20_000,
    });
    await expect(page.getByRole('heading', { name: text.today, exact: true })).toBeVisible();
    await expect(page.getByTestId('totals')).toBeVisible({ timeout: 20_000 });
    await saveScreen(page, `operator-${lang}`);

    await page.goto(`/groups/${ids.group}`);
    await expect(page.getByTestId('group-live')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: text.trend, exact: true })).toBeVisible();
    await expect(page.getByTestId('trend-waiting').or(page.getByTestId('empty-state'))).toBeVisible(
      { timeout: 20_000 },
    );
    await saveScreen(page, `group-${lang}`);

    await page.goto('/stats');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(text.stats);
    await expect(page.getByTestId('stats-submit')).toHaveText(text.submit);
    await saveScreen(page, `stats-${lang}`);
  });
}
