import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'contract', typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] } },
});
