// The demo is awake at any hour (issue 12 §8): the BFF in demo mode, in a zone where it is late
// evening now, runs its simulated centre on a working day; the badge says the shift, and the
// wall's clock is the simulator's.
import type { Page, TestInfo } from '@playwright/test';
import { demoTest as test, expect, saveScreen } from '../fixtures/test';
import type { SimState } from '../fixtures/stack';
import { NIGHT_ZONE } from '../fixtures/zone';

const HOUR = 3_600_000;

async function simState(simUrl: string): Promise<SimState> {
  const res = await fetch(`${simUrl}/sim/state`);
  if (!res.ok) throw new Error(`GET /sim/state: ${res.status}`);
  return (await res.json()) as SimState;
}

const localHour = (ms: number) =>
  Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: NIGHT_ZONE, hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'hour')?.value,
  );

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { path: await saveScreen(page, name), contentType: 'image/png' });
}

test.describe('the demo at night', () => {
  test('runs a working day: the badge says the shift, the wall clock is the simulator’s, the floor is staffed', async ({
    page,
    demo,
  }, testInfo) => {
    // The premise: it is late evening in the account's zone right now.
    expect(localHour(Date.now())).toBeGreaterThanOrEqual(19);

    await page.goto('/wall?lang=en');
    await expect(page.getByTestId('operator-tile').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');

    const badge = page.getByTestId('demo-badge');
    const shiftMs = Number(await badge.getAttribute('data-clock-shift-ms'));
    expect(Number.isInteger(shiftMs / HOUR)).toBe(true);
    expect(shiftMs).toBeLessThan(0); // evening → back to this morning
    const hours = -shiftMs / HOUR;
    await expect(badge).toHaveText(`Demo · clock \u2212${hours} h`);

    // The wall's clock and the simulator's agree (one clock), and it is business hours there.
    const truth = await simState(demo.simUrl);
    const shown = Date.parse(
      (await page.getByTestId('clock').locator('time').getAttribute('datetime')) ?? '',
    );
    expect(Math.abs(shown - truth.nowMs)).toBeLessThan(5_000);
    expect(Math.abs(Date.now() + shiftMs - truth.nowMs)).toBeLessThan(5_000);
    expect(localHour(truth.nowMs)).toBeGreaterThanOrEqual(10);
    expect(localHour(truth.nowMs)).toBeLessThanOrEqual(11);
    const hhmm = new Intl.DateTimeFormat('en-GB', {
      timeZone: NIGHT_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const clockText = await page.getByTestId('clock').locator('time').innerText();
    expect([hhmm.format(truth.nowMs), hhmm.format(truth.nowMs - 60_000)]).toContain(clockText);

    // A newcomer sees a working centre: most operators logged in.
    const states = await page
      .getByTestId('operator-tile')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-display-state')));
    const loggedOut = states.filter((s) => s === 'loggedOut').length;
    expect(loggedOut).toBeLessThan(states.length / 2);
    await shot(page, testInfo, 'demo-night-wall-en-1920x1080');

    // The same shift, in French, at 4K, and on the supervisor's page.
    await page.goto('/wall?lang=fr');
    await expect(page.getByTestId('demo-badge')).toHaveText(`Démo · horloge \u2212${hours} h`);
    await shot(page, testInfo, 'demo-night-wall-fr-1920x1080');
    await page.setViewportSize({ width: 3840, height: 2160 });
    await expect(page.getByTestId('operator-tile').first()).toBeVisible();
    await shot(page, testInfo, 'demo-night-wall-fr-3840x2160');
    await page.goto('/wall?lang=en');
    await expect(page.getByTestId('demo-badge')).toHaveText(`Demo · clock \u2212${hours} h`);
    await shot(page, testInfo, 'demo-night-wall-en-3840x2160');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto('/?lang=en');
    await expect(page.getByTestId('operator-row').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('demo-badge')).toHaveText(`Demo · clock \u2212${hours} h`);
    await shot(page, testInfo, 'demo-night-supervisor-en-1920x1080');
  });
});
