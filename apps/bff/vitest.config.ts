import { defineProject } from 'vitest/config';

// Unit tests beside the code (some against a real redis-server): files in parallel.
export default defineProject({
  test: {
    name: 'bff',
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
