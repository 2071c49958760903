import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Redis-backed suites share one server; files run in parallel but each uses its own prefix.
    pool: 'forks',
  },
});
