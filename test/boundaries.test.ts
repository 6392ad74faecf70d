// The lint boundaries fire: fixture code placed (by path only, never written) inside a package
// and linted with the repository's own eslint.config.js must fail with the rule that guards it.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids (and messages) ESLint reports for `code` as if it were the file at `path`. */
async function lint(path: string, code: string): Promise<{ ruleId: string; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId ?? '', message: m.message }));
}

const uses = (from: string) => `import * as other from '${from}';\nexport const used = other;\n`;

async function expectRule(path: string, from: string, ruleId: string, message?: string) {
  const found = (await lint(path, uses(from))).filter((m) => m.ruleId === ruleId);
  expect(found, `${path} importing ${from} must fail ${ruleId}`).toHaveLength(1);
  if (message) expect(found[0]?.message).toContain(message);
}

async function expectClean(path: string, from: string) {
  expect(await lint(path, uses(from))).toEqual([]);
}

const ZONE = 'import-x/no-restricted-paths';
// Loading the config (typescript-eslint, the resolver) is the slow part: once, with room to spare.
const SLOW = { timeout: 30_000 };
beforeAll(() => lint('apps/bff/src/fixture.ts', uses('@vigie/contract')), 60_000);

describe('lint boundaries between packages', SLOW, () => {
  it('refuses a relative path into another package, even in an allowed direction', async () => {
    await expectRule(
      'apps/bff/src/fixture.ts',
      '../../../packages/contract/src/index',
      'import-x/no-relative-packages',
    );
    await expectClean('apps/bff/src/fixture.ts', '@vigie/contract');
  });

  it('contract imports nothing of ours, by path or by name', async () => {
    await expectRule(
      'packages/contract/src/fixture.ts',
      '../../axialys-client/src/index',
      ZONE,
      'contract imports nothing of ours',
    );
    await expectRule(
      'packages/contract/src/fixture.ts',
      '@vigie/axialys-sim',
      'no-restricted-imports',
      'contract imports nothing of ours',
    );
  });

  it('web imports contract only', async () => {
    await expectRule(
      'apps/web/src/shared/fixture.ts',
      '../../../bff/src/app',
      ZONE,
      'web imports @vigie/contract only',
    );
    await expectRule(
      'apps/web/src/shared/fixture.ts',
      '@vigie/axialys-client',
      'no-restricted-imports',
      'web imports @vigie/contract only',
    );
    await expectClean('apps/web/src/shared/fixture.ts', '@vigie/contract');
  });

  it('the client never imports the simulator', async () => {
    await expectRule(
      'packages/axialys-client/src/fixture.ts',
      '../../axialys-sim/src/index',
      ZONE,
      'the client speaks Axialys, not Vigie',
    );
    await expectRule(
      'packages/axialys-client/src/fixture.ts',
      '@vigie/axialys-sim',
      'no-restricted-imports',
    );
  });

  it('the simulator never imports the client', async () => {
    await expectRule(
      'packages/axialys-sim/src/fixture.ts',
      '../../axialys-client/src/index',
      ZONE,
      'the simulator is written from the guide alone',
    );
    await expectRule(
      'packages/axialys-sim/src/fixture.ts',
      '@vigie/axialys-client',
      'no-restricted-imports',
    );
  });

  it('they meet in axialys-interop, which imports nothing else of ours', async () => {
    await expectClean('packages/axialys-interop/test/fixture.test.ts', '@vigie/axialys-client');
    await expectClean('packages/axialys-interop/test/fixture.test.ts', '@vigie/axialys-sim');
    await expectRule(
      'packages/axialys-interop/test/fixture.test.ts',
      '../../../apps/bff/src/app',
      ZONE,
      'interop is where the client meets the simulator',
    );
  });

  it('the bff imports neither web nor the tooling packages', async () => {
    await expectRule(
      'apps/bff/src/fixture.ts',
      '../../web/src/main',
      ZONE,
      'the bff imports contract, the client and the simulator only',
    );
  });
});

describe('lint boundaries inside web', SLOW, () => {
  it('shared imports no feature', async () => {
    await expectRule(
      'apps/web/src/shared/ui/fixture.ts',
      '../../features/wall/layout',
      ZONE,
      'shared imports neither features nor the app',
    );
  });

  it('a feature imports no other feature and not the app', async () => {
    await expectRule(
      'apps/web/src/features/wall/fixture.ts',
      '../stats/range',
      ZONE,
      'a feature imports only src/shared',
    );
    await expectRule(
      'apps/web/src/features/wall/fixture.ts',
      '../../app/query-client',
      ZONE,
      'a feature imports only src/shared',
    );
    await expectClean('apps/web/src/features/wall/fixture.ts', '../../shared/ui');
  });
});

describe('lint boundaries inside the bff', SLOW, () => {
  const src = 'apps/bff/src';

  it('lib/ imports nothing else of the bff', async () => {
    await expectRule(`${src}/lib/fixture.ts`, '../config/env', ZONE, 'lib/ imports nothing else');
    await expectRule(`${src}/lib/fixture.ts`, '../app', ZONE, 'lib/ imports nothing else');
    await expectClean(`${src}/lib/fixture.ts`, './clock');
  });

  it('history/ does not import alerts/', async () => {
    await expectRule(
      `${src}/history/fixture.ts`,
      '../alerts/engine',
      ZONE,
      'history/ does not import alerts/',
    );
    await expectClean(`${src}/history/fixture.ts`, './alert-state');
  });

  it('routes do not import plugins', async () => {
    await expectRule(
      `${src}/routes/api/fixture.ts`,
      '../../plugins/app/auth',
      ZONE,
      'routes do not import plugins',
    );
    await expectClean(`${src}/routes/api/fixture.ts`, '../../auth/principal');
  });

  it('nothing but app.ts imports routes/', async () => {
    await expectRule(
      `${src}/plugins/app/fixture.ts`,
      '../../routes/api/health',
      ZONE,
      'nothing imports routes/ but app.ts',
    );
    await expectRule(`${src}/server.ts`, './routes/api/health', ZONE, 'nothing imports routes/');
    await expectClean(`${src}/app.ts`, './routes/api/health');
  });

  it('cluster/ is reached through its public face only', async () => {
    await expectRule(
      `${src}/plugins/app/fixture.ts`,
      '../../cluster/lease',
      ZONE,
      'cluster/ is reached through its public face',
    );
    await expectClean(`${src}/plugins/app/fixture.ts`, '../../cluster');
    await expectClean(`${src}/cluster/fixture.ts`, './lease');
  });

  it('external plugins do not import app plugins', async () => {
    await expectRule(
      `${src}/plugins/external/fixture.ts`,
      '../app/auth',
      ZONE,
      'external plugins do not import app plugins',
    );
  });
});
