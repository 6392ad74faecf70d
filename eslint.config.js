// One lint setup for the whole workspace: typescript-eslint on every package, boundaries between
// them (test/boundaries.test.ts proves that each boundary rule fires).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import query from '@tanstack/eslint-plugin-query';

const root = import.meta.dirname;
const dirsIn = (parent) =>
  readdirSync(join(root, parent), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `${parent}/${d.name}`);

// Every workspace package (pnpm-workspace.yaml), read from disk so a new one is never forgotten.
const workspace = [...dirsIn('apps'), ...dirsIn('packages'), 'e2e', 'bench'];

/**
 * A zone of import-x/no-restricted-paths: files under `target` import nothing under `from`.
 * Paths are resolved, so this holds for a package name and a relative path alike.
 */
const zone = (target, from, message) => ({ target, from, message });

/** `pkg` may import only the packages in `allowed` (and itself, and outside dependencies). */
const onlyFrom = (pkg, allowed, message) =>
  zone(
    pkg,
    workspace.filter((other) => other !== pkg && !allowed.includes(other)),
    message,
  );

// The direction of the house: contract imports nothing of ours; client and simulator never
// import each other (they meet in packages/axialys-interop); web imports contract only.
const packageZones = [
  onlyFrom('packages/contract', [], 'contract imports nothing of ours'),
  onlyFrom('packages/axialys-client', [], 'the client speaks Axialys, not Vigie'),
  onlyFrom('packages/axialys-sim', [], 'the simulator is written from the guide alone'),
  onlyFrom('apps/web', ['packages/contract'], 'web imports @vigie/contract only'),
  onlyFrom(
    'packages/axialys-interop',
    ['packages/axialys-client', 'packages/axialys-sim'],
    'interop is where the client meets the simulator, nothing else',
  ),
  onlyFrom(
    'apps/bff',
    ['packages/contract', 'packages/axialys-client', 'packages/axialys-sim'],
    'the bff imports contract, the client and the simulator only',
  ),
];

// Inside web: shared → features → app. Shared imports no feature and not the app; no feature
// imports another (they share through src/shared).
const web = 'apps/web/src';
const webFeatures = dirsIn(`${web}/features`);
const webZones = [
  zone(
    `${web}/shared`,
    [`${web}/features`, `${web}/app`],
    'shared imports neither features nor the app',
  ),
  ...webFeatures.map((feature) =>
    zone(
      feature,
      [...webFeatures.filter((other) => other !== feature), `${web}/app`],
      'a feature imports only src/shared, never another feature or the app',
    ),
  ),
];

// Inside the BFF, one folder per service (docs/architecture.md has the table):
// lib/ imports nothing else of the BFF; history/ never alerts/; routes never plugins; nothing but
// app.ts reaches routes/; cluster/ only through its public face
// (cluster/index.ts); external plugins never app plugins.
const bff = 'apps/bff/src';
const bffEntries = [`${bff}/app.ts`, `${bff}/server.ts`];
const bffDirs = dirsIn(bff);
const bffAllBut = (...kept) => [
  ...bffDirs.filter((d) => !kept.includes(d)),
  ...bffEntries.filter((f) => !kept.includes(f)),
];
const bffZones = [
  zone(`${bff}/lib`, bffAllBut(`${bff}/lib`), 'lib/ imports nothing else of the bff'),
  zone(`${bff}/history`, [`${bff}/alerts`], 'history/ does not import alerts/'),
  zone(
    `${bff}/routes`,
    [`${bff}/plugins`],
    'routes do not import plugins (they use the decorators)',
  ),
  zone(
    bffAllBut(`${bff}/routes`, `${bff}/app.ts`),
    [`${bff}/routes`],
    'nothing imports routes/ but app.ts',
  ),
  {
    ...zone(
      bffAllBut(`${bff}/cluster`),
      [`${bff}/cluster`],
      'cluster/ is reached through its public face, cluster/index.ts',
    ),
    except: ['./index.ts'],
  },
  zone(
    `${bff}/plugins/external`,
    [`${bff}/plugins/app`],
    'external plugins do not import app plugins',
  ),
];

const noImport = (patterns, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((group) => ({ group: [group], message })) },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/test-results/**',
      '**/playwright-report/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      // Resolves workspace names through their symlinks to the real folders the zones name.
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Another package is reached by its name and public entry, never by a relative path.
      'import-x/no-relative-packages': 'error',
      'import-x/no-restricted-paths': [
        'error',
        { basePath: root, zones: [...packageZones, ...webZones, ...bffZones] },
      ],
    },
  },
  // By name too, for an import that does not resolve (a package not in the dependencies).
  {
    files: ['packages/contract/**'],
    rules: noImport(['@vigie/*'], 'contract imports nothing of ours'),
  },
  {
    files: ['packages/axialys-client/**'],
    rules: noImport(['@vigie/*'], 'the client speaks Axialys, not Vigie'),
  },
  {
    files: ['packages/axialys-sim/**'],
    rules: noImport(['@vigie/*'], 'the simulator is written from the guide alone'),
  },
  {
    files: ['apps/web/**'],
    rules: noImport(
      ['@vigie/bff', '@vigie/axialys-*', '@vigie/*/src/*'],
      'web imports @vigie/contract only',
    ),
  },
  {
    files: ['apps/bff/**'],
    rules: noImport(['@vigie/web', '@vigie/*/src/*'], 'bff uses public entries only'),
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat['recommended-latest'].rules,
  },
  ...query.configs['flat/recommended'].map((config) => ({
    ...config,
    files: ['apps/web/**/*.{ts,tsx}'],
  })),
  prettier,
);
