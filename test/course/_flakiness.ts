/**
 * Suites that never flake, proved: every concurrency suite (chapter 05) and every
 * ratio suite (chapter 06) runs 20 times in a row on its solution and 20 times on
 * a representative wrong variant. One wrong verdict fails the test. There is one
 * file per exercise (flakiness-NN.test.ts), each with its own warm runner, so
 * Vitest checks them in parallel and while the other suites run: the machine is
 * loaded, as CI's is.
 *
 * The wrong variant is the one a flaky suite would most likely let through: the
 * serialised answer for overlap checks, the race that must be seen every time,
 * the correct-but-slow answer for ratio checks.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exercise } from '../../src/core/manifest.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { SuiteRunner } from '../../src/runner/suite-runner.js';
import { readCourse } from '../../src/workspace/course.js';
import { testPython } from '../helpers/python.js';

const REPEAT = 20;
/** Exercise id, and the wrong variant that must fail every single time. */
export const FLAKINESS_CASES: ReadonlyArray<[id: string, wrong: string]> = [
  ['30_threads_for_io', 'wrong_plain_loop.py'],
  ['31_processes_for_cpu', 'wrong_thread_pool.py'],
  ['32_gather_limit', 'wrong_fixed_batches.py'],
  ['33_taskgroup', 'wrong_sequential_awaits.py'],
  ['34_race', 'wrong_lock_around_write_only.py'],
  ['35_free_threading', 'wrong_build_flag_is_runtime.py'],
  ['36_profile', 'wrong_report_micro_optimised.py'],
  ['37_data_structures', 'wrong_top_k_count_each_unique.py'],
];

const course = await readCourse();

/** The 20x checks for one exercise, by number ("30"). */
export function defineFlakinessTests(number: string): void {
  const found = FLAKINESS_CASES.find(([id]) => id.startsWith(`${number}_`));
  const exercise = course.exercises.find((candidate) => candidate.id === found?.[0]);
  const scratch = mkdtempSync(join(tmpdir(), 'advpy-flakiness-'));
  let runner: SuiteRunner;
  let python: string;

  beforeAll(async () => {
    python = await testPython();
    runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache') });
  });
  afterAll(async () => {
    await runner.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The verdict of each of REPEAT runs in a row. */
  async function verdicts(targetRoot: string): Promise<string[]> {
    const kinds: string[] = [];
    for (let run = 0; run < REPEAT; run++) kinds.push((await runner.run({ exercise: exercise as Exercise, targetRoot, engine: 'native', python })).kind);
    return kinds;
  }

  describe(`${found?.[0] ?? number}, ${REPEAT} times in a row`, () => {
    test('the solution passes every time', { timeout: 900_000 }, async () => {
      expect(exercise, `no flakiness case or exercise for ${number}`).toBeDefined();
      const kinds = await verdicts(join(PACKAGE_ROOT, 'solutions'));
      expect(kinds.filter((kind) => kind !== 'passed'), `verdicts in order: ${kinds.join(' ')}`).toEqual([]);
    });

    test(`${found?.[1] ?? 'the wrong variant'} fails every time`, { timeout: 900_000 }, async () => {
      const [id, wrong] = found as [string, string];
      const target = join(scratch, 'wrong');
      mkdirSync(join(target, (exercise as Exercise).chapter), { recursive: true });
      copyFileSync(join(PACKAGE_ROOT, 'test', 'course', 'variants', id, wrong), join(target, (exercise as Exercise).workspacePath));
      const kinds = await verdicts(target);
      expect(kinds.filter((kind) => kind !== 'failed'), `verdicts in order: ${kinds.join(' ')}`).toEqual([]);
    });
  });
}
