// The live oldest wait on the wall (issue 12.4, guide 4.2 realtime): each queue panel leads with
// "longest waiting now", ticking from the oldest caller's instant, the day's maximum below it, and
// its gauges carry the warning and critical marks of that group's rules.
// Screenshots go to <output>/screens and are attached to the test's output.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { afterLayout, expect, openWall, saveScreen, test as base } from '../fixtures/test';
import { startStack, type SimState, type Stack } from '../fixtures/stack';

/** The simulator's first group: its callers are left waiting, and its rules are its own. */
const GROUP = 101;
const OTHER = 102;
const BREAK = 'E2E live wait';

/** Per-group limits for GROUP only: its marks differ from every other panel's. */
const RULES = [
  {
    id: 'wait-warning',
    kind: 'longest-wait',
    severity: 'warning',
    limit: 60,
    limits: { [GROUP]: 30 },
  },
  {
    id: 'wait-critical',
    kind: 'longest-wait',
    severity: 'critical',
    limit: 180,
    limits: { [GROUP]: 90 },
  },
  {
    id: 'sl-warning',
    kind: 'service-level',
    severity: 'warning',
    limit: 80,
    limits: { [GROUP]: 85 },
  },
  {
    id: 'sl-critical',
    kind: 'service-level',
    severity: 'critical',
    limit: 60,
    limits: { [GROUP]: 70 },
  },
];

const test = base.extend<object, { workerStack: Stack }>({
  workerStack: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dir = mkdtempSync(join(tmpdir(), 'vigie-e2e-live-wait-'));
      const rulesFile = join(dir, 'rules.json');
      writeFileSync(rulesFile, JSON.stringify({ rules: RULES }, null, 2));
      const stack = await startStack({
        buildId: `e2e-live-wait-${workerInfo.workerIndex}`,
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

async function screen(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = await saveScreen(page, name);
  await info.attach(name, { path, contentType: 'image/png' });
}

/** Every member of GROUP on a break and callers in its queue: they wait, and the wait grows. */
async function holdCallersWaiting(stack: Stack): Promise<void> {
  const truth = await stack.simControl<SimState>('GET', '/sim/state');
  for (const m of truth.operators.filter((o) => o.groups.includes(GROUP)))
    await stack.simControl('POST', `/sim/operators/${m.id}/state`, {
      state: 'unavailable',
      breakName: BREAK,
    });
  await stack.simControl('POST', `/sim/groups/${GROUP}/flood`, { calls: 4 });
}

interface Queue {
  groupId: number;
  waiting: { since: string }[];
}

/** The simulator's truth: since when GROUP's longest-waiting caller waits (ms, to the second). */
async function trueOldest(stack: Stack, groupId: number): Promise<number | null> {
  const truth = await stack.simControl<SimState & { queues: Queue[] }>('GET', '/sim/state');
  const since = truth.queues
    .find((q) => q.groupId === groupId)
    ?.waiting.map((w) => Date.parse(w.since));
  return since?.length ? Math.floor(Math.min(...since) / 1000) * 1000 : null;
}

/** "3:07" or "1:02:03" → seconds. */
const seconds = (text: string): number =>
  text
    .trim()
    .split(':')
    .reduce((s, part) => s * 60 + Number(part), 0);

const panel = (page: Page, id: number) =>
  page.locator(`[data-testid=group-panel][data-group-id="${id}"]`);

/** The live-wait block sits left of the gauge, inside its panel, and none of its lines is cut. */
async function expectInside(page: Page, id: number): Promise<void> {
  const p = panel(page, id);
  const live = await p.getByTestId('group-live-wait').boundingBox();
  const gauge = await p.locator('.wall-gauge').boundingBox();
  const box = await p.boundingBox();
  if (!live || !gauge || !box) throw new Error('panel parts not drawn');
  for (const testId of ['group-live-wait-value', 'group-live-wait-age', 'group-live-wait-sub']) {
    const part = p.getByTestId(testId);
    const b = await part.boundingBox();
    if (!b) throw new Error(`${testId} not drawn`);
    expect(b.x + b.width, `${testId} ends before the gauge`).toBeLessThanOrEqual(gauge.x + 1);
    expect(b.x, testId).toBeGreaterThanOrEqual(box.x);
    const cut = await part.evaluate((e) => e.scrollWidth > e.clientWidth + 1);
    expect(cut, `${testId} is not cut`).toBe(false);
  }
}

test.describe('wall: the live oldest wait (guide 4.2)', () => {
  test('each queue panel shows "longest waiting now" ticking from the oldest caller, the day maximum beneath', async ({
    page,
    stack,
  }, info) => {
    await holdCallersWaiting(stack);
    await openWall(page);
    const live = panel(page, GROUP).getByTestId('group-live-wait');
    await expect(live).toBeVisible({ timeout: 20_000 });
    await expect(live).not.toHaveAttribute('data-oldest-since', '', { timeout: 20_000 });
    await expect(live.getByText('Longest wait now')).toBeVisible();

    // The instant is the simulator's oldest caller in that queue. A caller of the ordinary traffic,
    // older than the flood, may give up between two snapshots: the board shows the next one a
    // snapshot later, so the two are compared until they agree.
    const shownSinceNow = async () =>
      Date.parse((await live.getAttribute('data-oldest-since')) ?? '');
    await expect
      .poll(async () => (await shownSinceNow()) === (await trueOldest(stack, GROUP)), {
        timeout: 10_000,
      })
      .toBe(true);

    // It ticks by itself, between snapshots, and reads as the age of that caller's wait.
    const value = live.getByTestId('group-live-wait-value');
    const first = seconds(await value.innerText());
    const firstAt = Date.now();
    await expect
      .poll(async () => seconds(await value.innerText()), { timeout: 5000 })
      .toBeGreaterThanOrEqual(first + 2);
    const later = seconds(await value.innerText());
    expect(Math.abs(later - (Date.now() - (await shownSinceNow())) / 1000)).toBeLessThanOrEqual(2);
    expect(later - first).toBeLessThanOrEqual(Math.ceil((Date.now() - firstAt) / 1000) + 1);

    // The figure's age beside it, the day's maximum as the secondary line.
    await expect(live.getByTestId('group-live-wait-age')).toHaveText(/^\d+ s ago$/);
    await expect(live.getByTestId('group-live-wait-sub')).toHaveText(/^max today \d+:\d{2}$/);
    // A queue where nobody waits says so rather than showing a stale maximum as the wait.
    const other = panel(page, OTHER).getByTestId('group-live-wait');
    if ((await panel(page, OTHER).getByTestId('group-waiting').innerText()) === '0') {
      await expect(other.getByTestId('group-live-wait-value')).toHaveText('–');
      await expect(other.getByTestId('group-live-wait-age')).toHaveText('nobody waiting');
    }

    await afterLayout(page);
    await expectInside(page, GROUP);
    await screen(page, info, 'wall-live-wait-1920x1080-en');
    await page.goto('/wall?lang=fr');
    await expect(panel(page, GROUP).getByText('Plus longue attente')).toBeVisible();
    await expect(panel(page, GROUP).getByTestId('group-live-wait-age')).toHaveText(
      /^il y a \d+ s$/,
    );
    await expect(panel(page, GROUP).getByTestId('group-live-wait-sub')).toHaveText(
      // French durations spell their units (issue 12.5): "1 min 30 s", "45 s".
      /^max\. du jour (?:\d+[\s\u202f\u00a0]min[\s\u202f\u00a0])?\d{1,2}[\s\u202f\u00a0]s$/,
    );
    await afterLayout(page);
    await screen(page, info, 'wall-live-wait-1920x1080-fr');
    await page.setViewportSize({ width: 3840, height: 2160 });
    await afterLayout(page);
    await expectInside(page, GROUP);
    await screen(page, info, 'wall-live-wait-3840x2160-fr');
    await page.goto('/wall?lang=en');
    await expect(panel(page, GROUP).getByTestId('group-live-wait')).toBeVisible();
    await afterLayout(page);
    await screen(page, info, 'wall-live-wait-3840x2160-en');
  });

  test("the supervisor's group card shows the longest wait now too, ticking", async ({
    page,
    stack,
  }, info) => {
    await holdCallersWaiting(stack);
    await page.goto('/');
    const card = page.locator(`[data-testid=group-card][data-group-id="${GROUP}"]`);
    const live = card.getByTestId('group-card-live-wait');
    await expect(live).toContainText('Longest wait now', { timeout: 20_000 });
    const shown = async () => seconds((await live.locator('dd').innerText()).replace(/[▲△]/g, ''));
    // A caller of the ordinary traffic, older than the flood, may give up while this is read: the
    // card then rightly starts again from the next oldest, and so does the check (three tries).
    for (let attempt = 1; ; attempt++) {
      const oldest = await trueOldest(stack, GROUP);
      if (oldest === null) throw new Error('nobody waits in the held queue');
      await expect.poll(shown, { timeout: 10_000 }).toBeGreaterThan(0);
      const first = await shown();
      const ticked = await expect
        .poll(shown, { timeout: 5000 })
        .toBeGreaterThanOrEqual(first + 2)
        .then(
          () => true,
          () => false,
        );
      if (attempt < 3 && (await trueOldest(stack, GROUP)) !== oldest) continue;
      expect(ticked, 'the longest wait now ticks').toBe(true);
      expect(Math.abs((await shown()) - (Date.now() - oldest) / 1000)).toBeLessThanOrEqual(2);
      break;
    }
    await expect(card).toContainText('Max wait today');
    await screen(page, info, 'supervisor-live-wait-1920x1080-en');
  });

  test('gauges draw the warning and critical marks, per group where a rule says so', async ({
    page,
  }, info) => {
    await openWall(page);
    const marks = async (id: number, testId: string) =>
      panel(page, id)
        .getByTestId(testId)
        .evaluateAll((els) =>
          Object.fromEntries(
            els.map((e) => [e.getAttribute('data-kind'), Number(e.getAttribute('data-value'))]),
          ),
        );
    await expect(panel(page, GROUP).getByTestId('gauge-mark')).toHaveCount(2);
    // GROUP's own limits (its rules' `limits`), every other panel the rules' `limit`.
    expect(await marks(GROUP, 'gauge-mark')).toEqual({ warning: 85, critical: 70 });
    expect(await marks(OTHER, 'gauge-mark')).toEqual({ warning: 80, critical: 60 });
    await expect(panel(page, GROUP).getByTestId('wait-mark')).toHaveCount(2);
    expect(await marks(GROUP, 'wait-mark')).toEqual({ warning: 30, critical: 90 });
    expect(await marks(OTHER, 'wait-mark')).toEqual({ warning: 60, critical: 180 });

    // Drawn where they say: on the ring, the 85 % mark further round than the 70 % one; on the
    // bar, the warning mark left of the critical one; all visible.
    const box = async (id: number, testId: string, kind: string) => {
      const b = await panel(page, id)
        .locator(`[data-testid=${testId}][data-kind=${kind}]`)
        .boundingBox();
      if (!b) throw new Error(`${testId} ${kind} of ${id} is not drawn`);
      return b;
    };
    const gauge = await panel(page, GROUP).locator('.wall-gauge svg').boundingBox();
    const angle = (b: { x: number; y: number; width: number; height: number }) => {
      const cx = gauge!.x + gauge!.width / 2;
      const cy = gauge!.y + gauge!.height / 2;
      // Clockwise from the gauge's start (bottom left, 135°), in degrees.
      const a = (Math.atan2(b.y + b.height / 2 - cy, b.x + b.width / 2 - cx) * 180) / Math.PI;
      return (a - 135 + 720) % 360;
    };
    const w = await box(GROUP, 'gauge-mark', 'warning');
    const c = await box(GROUP, 'gauge-mark', 'critical');
    expect(angle(w)).toBeCloseTo(270 * 0.85, -1);
    expect(angle(c)).toBeCloseTo(270 * 0.7, -1);
    const bw = await box(GROUP, 'wait-mark', 'warning');
    const bc = await box(GROUP, 'wait-mark', 'critical');
    expect(bw.x).toBeLessThan(bc.x);
    await panel(page, GROUP).scrollIntoViewIfNeeded();
    const path = await saveScreen(page, 'wall-live-wait-marks-1920x1080');
    await info.attach('wall-live-wait-marks-1920x1080', { path, contentType: 'image/png' });
    const panelShot = info.outputPath('wall-live-wait-marks-panel.png');
    await panel(page, GROUP).screenshot({ path: panelShot });
    await info.attach('wall-live-wait-marks-panel', { path: panelShot, contentType: 'image/png' });
  });
});
