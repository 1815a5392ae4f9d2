import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './test/helpers/sequencer.js';

// The project's own tests. Exercise suites (exercises/**/*.test.ts) are not run
// directly: they run through the advpy-kata runner, which tells them their target.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most of these tests wait: on Python child processes, pseudo-terminals and
    // the concurrency suites' deliberate waits. Vitest's default (cores - 1, so a
    // single worker on a 2-core CI machine) left a core idle; twice the cores
    // keeps both busy. ADVPY_TEST_WORKERS overrides it.
    maxWorkers: Number(process.env.ADVPY_TEST_WORKERS) || Math.max(2, availableParallelism() * 2),
    sequence: { sequencer: LongFirstSequencer },
    // The files already keep every core busy: a verify inside a test runs in one process,
    // unless the test asks for workers (--jobs), as test/commands/verify-parallel.test.ts does.
    // No test's `run` leaves a resident runner behind, except test/e2e/resident.test.ts's, which asks for them.
    env: { ADVPY_VERIFY_JOBS: process.env.ADVPY_VERIFY_JOBS ?? '1', ADVPY_RESIDENT: '0' },
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
