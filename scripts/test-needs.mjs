// Pre-test step of `pnpm test`: the tests need Chromium (e2e) and redis-server (cluster tests).
// Found: say where. Missing: install Debian's packages when root with apt, otherwise stop with one
// message naming the packages and the command that installs them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');

/** Playwright's own Chromium (`playwright install chromium`), where one was downloaded. */
function playwrightChromium() {
  try {
    const require = createRequire(join(root, 'e2e', 'package.json'));
    const path = require('@playwright/test').chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * What the tests need, where each was found (null: missing), with the Debian package that brings
 * it. The same defaults as e2e/playwright.config.ts and apps/bff/test/support/redis-server.ts.
 */
export function findNeeds({
  env = process.env,
  exists = existsSync,
  bundled = playwrightChromium,
} = {}) {
  const chromium = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const redis = env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';
  return [
    {
      what: 'Chromium for the browser tests',
      pkg: 'chromium',
      variable: 'CHROMIUM_PATH',
      looked: chromium,
      set: env.CHROMIUM_PATH !== undefined,
      found: exists(chromium) ? chromium : env.CHROMIUM_PATH ? null : bundled(),
    },
    {
      what: 'redis-server for the cluster tests',
      pkg: 'redis-server',
      variable: 'REDIS_SERVER_BIN',
      looked: redis,
      set: env.REDIS_SERVER_BIN !== undefined,
      found: exists(redis) ? redis : null,
    },
  ];
}

/** `ok`, `install` (root with apt) or `stop` with the one message to print. */
export function decide(needs, { isRoot, hasApt }) {
  // A variable that names a missing file is a mistake to fix, not a package to install.
  const wrong = needs.filter((n) => n.found === null && n.set);
  if (wrong.length > 0)
    return {
      action: 'stop',
      message: wrong
        .map(
          (n) => `pnpm test: ${n.variable}=${n.looked} does not exist (${n.what}); fix or unset it`,
        )
        .join('\n'),
    };
  const missing = needs.filter((n) => n.found === null);
  if (missing.length === 0) return { action: 'ok' };
  const pkgs = missing.map((n) => n.pkg);
  if (isRoot && hasApt) return { action: 'install', packages: pkgs };
  const command = hasApt
    ? `sudo apt-get install -y ${pkgs.join(' ')}`
    : `install ${pkgs.join(' and ')} with your package manager`;
  const lines = missing.map(
    (n) => `  ${n.pkg}: ${n.what} (looked for ${n.looked}, or set ${n.variable})`,
  );
  return {
    action: 'stop',
    message: [
      `pnpm test needs the Debian package${pkgs.length > 1 ? 's' : ''} ${pkgs.join(', ')}:`,
      ...lines,
      `Install: ${command}`,
    ].join('\n'),
  };
}

function main() {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  let needs = findNeeds();
  let plan = decide(needs, { isRoot, hasApt });
  if (plan.action === 'install') {
    console.log(`test needs: installing ${plan.packages.join(', ')} (apt-get)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
    const installed =
      apt(['update']) && apt(['install', '-y', '--no-install-recommends', ...plan.packages]);
    needs = findNeeds();
    plan = decide(needs, { isRoot: false, hasApt });
    if (!installed && plan.action === 'ok')
      console.log('test needs: apt-get failed, but all found');
  }
  if (plan.action === 'stop') {
    console.error(plan.message);
    process.exit(1);
  }
  console.log(`test needs: ${needs.map((n) => `${n.pkg} at ${n.found}`).join(', ')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
