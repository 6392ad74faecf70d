import { defineProject } from 'vitest/config';

// Real HTTP against the simulator: tests in a file run one after the other, files in parallel.
export default defineProject({
  test: {
    name: 'bff',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
