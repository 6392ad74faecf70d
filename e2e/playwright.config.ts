// Playwright against the real BFF + simulator (fixtures/stack.ts), in Debian's Chromium when present.
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { ZONE } from './fixtures/zone';

const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const hasSystemChromium = existsSync(executablePath);

export default defineConfig({
  testDir: './tests',
  // Overridable so that two people running specs at once do not wipe each other's artifacts.
  outputDir: process.env['E2E_OUTPUT_DIR'] ?? './test-results',
  fullyParallel: false,
  // 2 cores shared with the BFF and the simulator: one or two browsers at most.
  workers: Number(process.env['E2E_WORKERS'] ?? 1),
  retries: process.env['CI'] ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: ZONE,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Playwright's own download fails on this machine; elsewhere, `playwright install chromium`.
    launchOptions: {
      ...(hasSystemChromium ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
