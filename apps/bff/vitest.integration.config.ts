import { defineProject } from 'vitest/config';

// Integration over real processes and sockets (the simulator at high speed, several BFFs, Redis):
// one file at a time, after the other projects, so no file's timing depends on another's load.
export default defineProject({
  test: {
    name: 'bff-integration',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 1,
    sequence: { groupOrder: 1 },
  },
});
