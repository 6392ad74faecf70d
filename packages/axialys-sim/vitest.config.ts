import { defineProject } from 'vitest/config';

// Real HTTP on port 0 against a simulated centre run at high speed: no mocks.
export default defineProject({
  test: { name: 'sim', include: ['src/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 20_000 },
});
