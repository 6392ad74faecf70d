// Staffing after a restart (issue 12.6): the group page has figures right after the BFF restarts,
// because the staffing window is seeded from the trend the first run stored, instead of saying
// "not enough calls yet" for as long as the window takes to fill again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, saveScreen, test as base } from '../fixtures/test';
import { startStack, type Stack } from '../fixtures/stack';

const GROUP = 101;
/** A 3-minute window judges from 1 minute (a third): two stored one-minute points are enough. */
const WINDOW_MIN = 3;

const test = base.extend<object, { workerStack: Stack }>({
  workerStack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-e2e-staffing-'));
      const stack = await startStack({
        buildId: `e2e-staffing-${workerInfo.workerIndex}`,
        env: { VIGIE_DATA_DIR: join(dir, 'data'), VIGIE_STAFFING_WINDOW_MIN: String(WINDOW_MIN) },
      });
      await use(stack);
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

interface GroupStaffing {
  id: number;
  staffing: {
    arrivalsPerHour: number | null;
    basis: { windowMinutes: number; arrivals: number; reason: string };
  };
}

const staffingOf = async (stack: Stack): Promise<GroupStaffing | undefined> => {
  const res = await fetch(`${stack.bff.url}/api/snapshot`);
  if (!res.ok) return undefined;
  const s = (await res.json()) as { groups: GroupStaffing[] };
  return s.groups.find((g) => g.id === GROUP);
};

test('staffing has figures right after a restart, seeded from the stored trend', async ({
  page,
  stack,
}, testInfo) => {
  test.setTimeout(240_000);
  // The first run watches long enough to store a few one-minute trend points, with callers
  // arriving between them (a flood after the first point), so the stored window holds calls.
  const windowOf = async () => (await staffingOf(stack))?.staffing.basis.windowMinutes ?? 0;
  await expect.poll(windowOf, { timeout: 120_000, intervals: [2_000] }).toBeGreaterThanOrEqual(1);
  await stack.simControl('POST', `/sim/groups/${GROUP}/flood`, { calls: 6 });
  // The next one-minute point records the flood.
  await expect.poll(windowOf, { timeout: 120_000, intervals: [2_000] }).toBeGreaterThanOrEqual(2.2);

  await stack.bff.restart();
  const restartedAt = Date.now();
  // Without the seed the window is seconds old: too short to judge, so no calls per hour ("–")
  // for a minute or more. Seeded, the first fresh snapshot already judges over minutes.
  await expect
    .poll(async () => (await staffingOf(stack))?.staffing.arrivalsPerHour ?? null, {
      timeout: 8_000,
      intervals: [250],
    })
    .not.toBeNull();
  const after = await staffingOf(stack);
  const seconds = (Date.now() - restartedAt) / 1000;
  console.log(
    `[staffing] ${seconds.toFixed(1)} s after the restart: window ${after?.staffing.basis.windowMinutes} min, ` +
      `${after?.staffing.arrivalsPerHour} calls per hour`,
  );
  expect(after?.staffing.basis.windowMinutes).toBeGreaterThanOrEqual(1);
  // The flood is in the stored minutes the window was seeded from.
  expect(after?.staffing.basis.arrivals).toBeGreaterThanOrEqual(6);
  expect(after?.staffing.arrivalsPerHour).toBeGreaterThan(0);
  await page.goto(`/groups/${GROUP}?lang=en`);
  const staffing = page.getByTestId('group-staffing');
  // The page shows the rate and the window it rests on, which agree with each other.
  await expect(
    staffing
      .locator('dt', { hasText: /^Calls per hour$/ })
      .locator('xpath=following-sibling::dd[1]'),
  ).toHaveText(/^[\d,]+(\.\d)?$/);
  await expect(page.getByTestId('staffing-basis')).toHaveText(
    /Over the last (\d+(\.\d)?) min: \d+ calls?/,
  );
  const basis = (await page.getByTestId('staffing-basis').innerText()).match(/last ([\d.]+) min/);
  expect(Number(basis?.[1])).toBeGreaterThanOrEqual(1);
  await testInfo.attach('staffing-after-restart-en', {
    path: await saveScreen(page, 'staffing-after-restart-en'),
    contentType: 'image/png',
  });
  await page.goto(`/groups/${GROUP}?lang=fr`);
  await expect(page.getByTestId('staffing-basis')).toHaveText(
    /^Sur\sles\s\d+(,\d)?\sdernières\smin\s:\s\d+\sappels?$/,
  );
  await testInfo.attach('staffing-after-restart-fr', {
    path: await saveScreen(page, 'staffing-after-restart-fr'),
    contentType: 'image/png',
  });
});
