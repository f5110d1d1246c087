import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real servers (Redis, PostgreSQL) and CLI subprocesses: keep the 2-core machine from thrashing.
    maxWorkers: 2,
  },
});
