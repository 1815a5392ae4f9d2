/** How many verify workers run, and in what order they get the runs. */
import { describe, expect, it } from 'vitest';
import { chooseJobs, EMBEDDED_WORKER_BYTES } from '../../src/cli/commands/verify-jobs.js';
import { longestFirst, type VerifyRun } from '../../src/cli/commands/verify-runs.js';
import { KataError } from '../../src/core/errors.js';
import { COURSE } from './_workspace.js';

const machine = { cores: 8, freeBytes: 64 * EMBEDDED_WORKER_BYTES };

describe('chooseJobs', () => {
  it('defaults to one per core, never more than there are runs', () => {
    expect(chooseJobs({ env: {}, runs: 76, embedded: false, ...machine })).toBe(8);
    expect(chooseJobs({ env: {}, runs: 3, embedded: false, ...machine })).toBe(3);
    expect(chooseJobs({ env: {}, runs: 0, embedded: false, ...machine })).toBe(1);
  });

  it('holds the default to free memory on the embedded engine, at least one', () => {
    expect(chooseJobs({ env: {}, runs: 76, embedded: true, cores: 8, freeBytes: 2.5 * EMBEDDED_WORKER_BYTES })).toBe(2);
    expect(chooseJobs({ env: {}, runs: 76, embedded: true, cores: 8, freeBytes: 100 })).toBe(1);
    expect(chooseJobs({ env: {}, runs: 76, embedded: false, cores: 8, freeBytes: 100 }), 'native runs are not held to it').toBe(8);
  });

  it('takes --jobs over ADVPY_VERIFY_JOBS over the default, and a chosen number over the memory cap', () => {
    const env = { ADVPY_VERIFY_JOBS: '3' };
    expect(chooseJobs({ env, runs: 76, embedded: false, ...machine })).toBe(3);
    expect(chooseJobs({ flag: 1, env, runs: 76, embedded: false, ...machine })).toBe(1);
    expect(chooseJobs({ flag: 5, env, runs: 76, embedded: true, cores: 8, freeBytes: 100 })).toBe(5);
    expect(chooseJobs({ flag: 5, env, runs: 2, embedded: false, ...machine })).toBe(2);
  });

  it.each(['0', '-2', '1.5', 'two', '3x'])('refuses ADVPY_VERIFY_JOBS=%s as a usage error', (value) => {
    const attempt = (): number => chooseJobs({ env: { ADVPY_VERIFY_JOBS: value }, runs: 76, embedded: false, ...machine });
    expect(attempt).toThrow(KataError);
    expect(attempt).toThrow(`ADVPY_VERIFY_JOBS must be a whole number of 1 or more, not "${value}"`);
  });
});

describe('longestFirst', () => {
  const runs: VerifyRun[] = COURSE.exercises.map((exercise) => ({ exercise, target: 'solution', root: '/r', file: exercise.solutionPath, path: exercise.solutionPath }));

  it('hands out the runs with the longest time limits first, ties in course order, each once', () => {
    const order = longestFirst(runs);
    expect([...order].sort((a, b) => a - b)).toEqual(runs.map((_, index) => index));
    const limits = order.map((index) => runs[index]!.exercise.timeoutMs);
    expect(limits).toEqual([...limits].sort((a, b) => b - a));
    expect(runs[order[0]!]!.exercise.id).toBe('37_data_structures');
    const shortest = order.filter((index) => runs[index]!.exercise.timeoutMs === limits.at(-1));
    expect(shortest).toEqual([...shortest].sort((a, b) => a - b));
  });
});
