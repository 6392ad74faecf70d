import { defineConfig } from 'vitest/config';

// Every package's tests in one run, plus the repository checks in test/ (README, compose,
// Dockerfile). e2e (Playwright) and bench are outside vitest on purpose.
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
    ],
  },
});
