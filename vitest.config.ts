import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // A poll waits for something the app does in its own time (a publish runs the conversation
    // tests first); on a loaded CI machine 1 s, vitest's default, fails good runs. Only the wait
    // for a failure grows.
    expect: { poll: { timeout: 10_000 } },
    // Redis-backed suites share one server; files run in parallel but each uses its own prefix.
    pool: 'forks',
  },
});
