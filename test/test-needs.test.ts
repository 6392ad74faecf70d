// The pre-test step (scripts/test-needs.mjs): what it decides for each machine it may meet.
import { describe, expect, it } from 'vitest';
import { decide, findNeeds } from '../scripts/test-needs.mjs';

const present =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);
const noBundled = () => null;

describe('pnpm test pre-test step', () => {
  it('goes on when Chromium and redis-server are where the tests look', () => {
    const needs = findNeeds({
      env: {},
      exists: present('/usr/bin/chromium', '/usr/bin/redis-server'),
      bundled: noBundled,
    });
    expect(needs.map((n) => n.found)).toEqual(['/usr/bin/chromium', '/usr/bin/redis-server']);
    expect(decide(needs, { isRoot: false, hasApt: true })).toEqual({ action: 'ok' });
  });

  it('installs the missing Debian packages when root with apt', () => {
    const needs = findNeeds({ env: {}, exists: present(), bundled: noBundled });
    expect(decide(needs, { isRoot: true, hasApt: true })).toEqual({
      action: 'install',
      packages: ['chromium', 'redis-server'],
    });
  });

  it('otherwise stops with one message naming the package and the command', () => {
    const needs = findNeeds({
      env: {},
      exists: present('/usr/bin/chromium'),
      bundled: noBundled,
    });
    const plan = decide(needs, { isRoot: false, hasApt: true });
    expect(plan.action).toBe('stop');
    expect(plan.message).toContain('redis-server');
    expect(plan.message).not.toContain('chromium:');
    expect(plan.message).toContain('Install: sudo apt-get install -y redis-server');
    const noApt = decide(needs, { isRoot: true, hasApt: false });
    expect(noApt.message).toContain('install redis-server with your package manager');
  });

  it('takes CHROMIUM_PATH and REDIS_SERVER_BIN, and a wrong one is named, not installed over', () => {
    const env = { CHROMIUM_PATH: '/opt/chrome', REDIS_SERVER_BIN: '/opt/redis' };
    const ok = findNeeds({ env, exists: present('/opt/chrome', '/opt/redis'), bundled: noBundled });
    expect(decide(ok, { isRoot: true, hasApt: true })).toEqual({ action: 'ok' });
    const wrong = findNeeds({ env, exists: present('/opt/redis'), bundled: noBundled });
    const plan = decide(wrong, { isRoot: true, hasApt: true });
    expect(plan.action).toBe('stop');
    expect(plan.message).toContain('CHROMIUM_PATH=/opt/chrome does not exist');
  });

  it("accepts Playwright's own Chromium where it was downloaded", () => {
    const needs = findNeeds({
      env: {},
      exists: present('/usr/bin/redis-server'),
      bundled: () => '/root/.cache/ms-playwright/chromium/chrome',
    });
    expect(decide(needs, { isRoot: false, hasApt: true })).toEqual({ action: 'ok' });
  });
});
