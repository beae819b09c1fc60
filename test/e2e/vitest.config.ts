import { defineConfig } from 'vitest/config';

/**
 * End-to-end: the renderer build in Chromium against the headless host in demo mode.
 * One worker (each file starts a host, a simulator and a browser), long timeouts.
 */
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A poll waits for the page to catch up; vitest's 1 s default fails on a loaded 2-core
    // machine where a React commit can take longer. Nothing here measures time.
    expect: { poll: { timeout: 15_000 } },
  },
});
