import { defineConfig } from 'vitest/config';

// Every package's tests in one run, plus the repository checks in test/ (README, compose,
// Dockerfile). e2e (Playwright) and the benches are outside vitest, except the one-day soak
// (bench/soak/soak.test.ts, issue 10), which runs alone after the BFF's integration files.
export default defineConfig({
  test: {
    // 2 cores: more workers only make the real-HTTP tests slower and flakier.
    maxWorkers: 2,
    projects: [
      'packages/*',
      'apps/web',
      'apps/bff/vitest.config.ts',
      'apps/bff/vitest.integration.config.ts',
      { test: { name: 'repo', include: ['test/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'soak',
          include: ['bench/soak/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 60_000,
          pool: 'forks',
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
