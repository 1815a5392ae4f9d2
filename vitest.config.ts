import { defineConfig } from 'vitest/config';

// The project's own tests. Exercise suites (exercises/**/*.test.ts) are not run
// directly: they run through the advpy-kata runner, which tells them their target.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
