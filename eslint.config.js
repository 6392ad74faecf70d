// One lint setup for the whole workspace: typescript-eslint on every package, boundaries between them.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const noImport = (patterns, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: patterns.map((group) => ({ group: [group], message })) },
  ],
});

const webForbidden = ['@vigie/bff', '@vigie/axialys-*', '@vigie/*/src/*'];
const webFeatures = ['wall', 'supervisor', 'operator', 'group', 'stats', 'auth'];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['apps/web/**'], languageOptions: { globals: { ...globals.browser } } },
  // The direction of the house: contract imports nothing of ours; client and simulator never
  // import each other; web imports contract only.
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
    rules: noImport(webForbidden, 'web imports @vigie/contract only'),
  },
  // Inside web: shared → features → app. Shared imports no feature and not the app; no feature
  // imports another (they share through src/shared).
  {
    files: ['apps/web/src/shared/**'],
    rules: noImport(
      [...webForbidden, '**/features/**', '**/app/**'],
      'shared imports neither features nor the app',
    ),
  },
  ...webFeatures.map((feature) => ({
    files: [`apps/web/src/features/${feature}/**`],
    rules: noImport(
      [
        ...webForbidden,
        '**/app/**',
        ...webFeatures
          .filter((other) => other !== feature)
          .flatMap((other) => [`../${other}`, `../${other}/**`, `**/features/${other}/**`]),
      ],
      'a feature imports only src/shared, never another feature or the app',
    ),
  })),
  {
    files: ['apps/bff/**'],
    rules: noImport(['@vigie/web', '@vigie/*/src/*'], 'bff uses public entries only'),
  },
  prettier,
);
