import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The suite starts real HTTP and WebSocket servers; two workers match the machine's two cores.
    maxWorkers: 2,
    // A focused test (`it.only`) would quietly turn the rest of its file off; refuse it everywhere, not only on CI.
    allowOnly: false,
  },
});
