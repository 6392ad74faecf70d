import { defineConfig } from 'vitest/config';

// Every package's tests in one run; e2e (Playwright) and bench are outside vitest on purpose.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
