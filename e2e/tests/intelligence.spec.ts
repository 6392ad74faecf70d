// Operational intelligence on screen (issue 7): an alert raised by a queue left with callers and
// nobody free appears on the wall and in the supervisor view, then clears by itself once people
// are back; the staffing figure and the coverage chart render in French and English.
// Screenshots go to <output>/screens (not committed).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  afterLayout,
  expect,
  hasScrollbars,
  openWall,
  saveScreen,
  test as base,
} from '../fixtures/test';
import { startStack, type SimState, type Stack } from '../fixtures/stack';

/** The simulator's first group (ids start at 101) is the one driven into the condition. */
const GROUP = 101;
const BREAK = 'E2E away';

/** Short delays, so a raise and a clear take seconds; one rule watches one group only. */
const RULES = [
  {
    id: 'e2e-unattended',
    kind: 'queue-unattended',
    severity: 'critical',
    for: 2,
    clearFor: 3,
    groups: [GROUP],
  },
  {
    id: 'e2e-away',
    kind: 'operator-state',
    severity: 'warning',
    breakName: BREAK,
    limit: 2,
    for: 0,
    clearFor: 2,
  },
];

// Its own stack: the other specs' boards stay free of these rules' alerts.
const test = base.extend<object, { workerStack: Stack }>({
  workerStack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-e2e-intel-'));
      const rulesFile = join(dir, 'rules.json');
      writeFileSync(rulesFile, JSON.stringify({ rules: RULES }, null, 2));
      const stack = await startStack({
        buildId: `e2e-intel-${workerInfo.workerIndex}`,
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

async function membersOf(stack: Stack, group: number) {
  const truth = await stack.simControl<SimState>('GET', '/sim/state');
  return truth.operators.filter((o) => o.groups.includes(group));
}

/** Every member of the group on a break, and callers in its queue: nobody to answer them. */
async function leaveQueueUnattended(stack: Stack): Promise<number[]> {
  const members = await membersOf(stack, GROUP);
  for (const m of members) {
    await stack.simControl('POST', `/sim/operators/${m.id}/state`, {
      state: 'unavailable',
      breakName: BREAK,
    });
  }
  await stack.simControl('POST', `/sim/groups/${GROUP}/flood`, { calls: 6 });
  return members.map((m) => m.id);
}

async function bringBack(stack: Stack, ids: readonly number[]) {
  for (const id of ids) {
    await stack.simControl('POST', `/sim/operators/${id}/state`, { state: 'available' });
  }
}

const groupAlert = (page: Page) =>
  page.locator(`[data-testid=wall-alert][data-kind=queue-unattended]`);

test.describe('alerts', () => {
  test('an unattended queue raises an alert on the wall and in the supervisor view, which clears by itself', async ({
    page,
    stack,
  }) => {
    await openWall(page, '?lang=en&rotate=0');
    const ids = await leaveQueueUnattended(stack);
    try {
      // The wall: a strip line in words, the group's panel outlined and labelled.
      const line = groupAlert(page);
      await expect(line).toBeVisible({ timeout: 20_000 });
      await expect(line).toHaveAttribute('data-severity', 'critical');
      await expect(line).toContainText(/Critical/i);
      await expect(line).toContainText(/\d+ callers? waiting, nobody available/);
      const alertId = await line.getAttribute('data-alert-id');
      const panel = page.locator(`[data-testid=group-panel][data-group-id="${GROUP}"]`);
      await expect(panel).toHaveAttribute('data-alert', 'critical');
      await expect(panel.getByTestId('group-alert-badge')).toHaveText(/Critical/i);
      // The operators on the named break past its limit are marked too (warning).
      await expect(
        page.locator(`[data-testid=operator-tile][data-operator-id="${ids[0]}"]`),
      ).toHaveAttribute('data-alert', 'warning', { timeout: 15_000 });
      await afterLayout(page);
      expect(await hasScrollbars(page)).toBe(false);
      await saveScreen(page, 'intel-wall-alerts-1920x1080');

      // The supervisor view: the same alert, its age ticking, a link to the group.
      await page.goto('/?lang=en');
      const row = page.locator(`[data-testid=alert-row][data-alert-id="${alertId}"]`);
      await expect(row).toBeVisible({ timeout: 15_000 });
      await expect(row).toContainText(/callers? waiting, nobody available/);
      const age = row.getByTestId('duration');
      const first = await age.textContent();
      await expect(age).not.toHaveText(first ?? '', { timeout: 5_000 });
      await expect(row.getByTestId('alert-subject')).toHaveAttribute('href', `/groups/${GROUP}`);
      const history = page.getByTestId('alert-history');
      await history.locator('summary').click();
      await expect(
        history.locator(`[data-testid=alert-event][data-type=raised][data-alert-id="${alertId}"]`),
      ).toBeVisible({ timeout: 15_000 });
      await saveScreen(page, 'intel-supervisor-alerts-en');

      // People come back: the alert leaves both screens without a reload.
      await bringBack(stack, ids);
      await expect(row).toHaveCount(0, { timeout: 30_000 });
      await expect(
        history.locator(`[data-testid=alert-event][data-type=cleared][data-alert-id="${alertId}"]`),
      ).toBeVisible({ timeout: 15_000 });
      await openWall(page, '?lang=en&rotate=0');
      await expect(
        page.locator(`[data-testid=wall-alert][data-alert-id="${alertId}"]`),
      ).toHaveCount(0);
    } finally {
      await bringBack(stack, ids);
    }
  });

  test('the supervisor view words alerts in French', async ({ page, stack }) => {
    const ids = await leaveQueueUnattended(stack);
    try {
      await page.goto('/?lang=fr');
      const row = page.locator('[data-testid=alert-row][data-kind=queue-unattended]');
      await expect(row).toBeVisible({ timeout: 20_000 });
      await expect(row).toContainText(/appelants? en attente, personne de disponible/);
      await expect(row).toContainText('Critique');
      await expect(page.getByRole('heading', { name: /Alertes/ })).toBeVisible();
      await saveScreen(page, 'intel-supervisor-alerts-fr');
    } finally {
      await bringBack(stack, ids);
    }
  });
});

const TEXT = {
  en: { staffing: /needed (\d+|–) \/ staffed \d+/, coverage: 'Hour by hour', calls: 'Calls' },
  fr: { staffing: /requis (\d+|–) \/ en poste \d+/, coverage: 'Heure par heure', calls: 'Appels' },
} as const;

for (const lang of ['en', 'fr'] as const) {
  test(`staffing and coverage render in ${lang}`, async ({ page }) => {
    const text = TEXT[lang];
    await openWall(page, `?lang=${lang}&rotate=0`);
    const staffing = page.getByTestId('group-staffing').first();
    await expect(staffing).toBeVisible();
    await expect(staffing).toHaveText(text.staffing);

    await page.goto(`/groups/${GROUP}?lang=${lang}`);
    await expect(page.getByTestId('group-staffing')).toContainText(text.staffing, {
      timeout: 20_000,
    });
    await expect(page.getByRole('heading', { name: text.coverage, exact: true })).toBeVisible();
    const chart = page.getByTestId('coverage-chart');
    await expect(chart).toBeVisible({ timeout: 20_000 });
    await expect(chart.locator('.recharts-legend-wrapper')).toContainText(text.calls);
    // Today's hours before the board started are unrecorded (hatched) or backfilled, never zeros.
    const hours = await page.evaluate(
      async (g) =>
        (await (await fetch(`/api/groups/${g}/coverage`)).json()) as {
          hours: { hour: number; calls: number | null }[];
        },
      GROUP,
    );
    expect(hours.hours).toHaveLength(24);
    await chart.scrollIntoViewIfNeeded();
    await saveScreen(page, `intel-group-coverage-${lang}`);
  });
}
