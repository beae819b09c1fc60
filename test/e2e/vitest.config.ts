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
  },
});
