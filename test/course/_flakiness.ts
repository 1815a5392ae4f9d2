/**
 * Suites that never flake, proved: every concurrency suite (chapter 05) and every
 * ratio test (chapter 06) runs 20 times in a row on its solution and 20 times on
 * wrong variants. One wrong verdict fails the test. There is one file per
 * exercise (flakiness-NN.test.ts), each with its own warm runner, so Vitest
 * checks them in parallel and while the other suites run: the machine is loaded,
 * as CI's is.
 *
 * - Concurrency suites (30–35) run whole, on native CPython (where threads and
 *   processes are real), against the wrong variant a flaky suite would most
 *   likely let through: the serialised answer, the race that must be seen every
 *   time.
 * - Ratio tests (36, 37) run alone (the rest of the suite is skipped) against
 *   the solution and every variant whose results are right but whose speed is
 *   not: only the ratio test stands between those and a pass. On native CPython
 *   all of them, 20 times; on the embedded Python the most marginal one (see
 *   below).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Exercise } from '../../src/core/manifest.js';
import type { SuiteOutcome } from '../../src/core/outcome.js';
import { disposeEmbeddedPool } from '../../src/engine/embedded.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { SuiteRunner } from '../../src/runner/suite-runner.js';
import { readCourse } from '../../src/workspace/course.js';
import { testPython } from '../helpers/python.js';

const REPEAT = 20;
type Engine = 'native' | 'embedded';

interface SuiteCase {
  kind: 'suite';
  /** The wrong variant that must fail every single time. */
  wrong: string;
}
interface RatioCase {
  kind: 'ratio';
  /** Every ratio test of the suite: what runs, alone, 20 times. */
  ratioTests: RegExp;
  /** Variants with right results but too slow, and the ratio test each must fail. */
  slow: ReadonlyArray<[file: string, test: RegExp]>;
}

export const FLAKINESS_CASES: Readonly<Record<string, SuiteCase | RatioCase>> = {
  '30_threads_for_io': { kind: 'suite', wrong: 'wrong_plain_loop.py' },
  '31_processes_for_cpu': { kind: 'suite', wrong: 'wrong_thread_pool.py' },
  '32_gather_limit': { kind: 'suite', wrong: 'wrong_fixed_batches.py' },
  '33_taskgroup': { kind: 'suite', wrong: 'wrong_sequential_awaits.py' },
  '34_race': { kind: 'suite', wrong: 'wrong_lock_around_write_only.py' },
  '35_free_threading': { kind: 'suite', wrong: 'wrong_build_flag_is_runtime.py' },
  '36_profile': {
    kind: 'ratio',
    ratioTests: /is at least 10x faster/,
    slow: [['wrong_report_micro_optimised.py', /^report is at least 10x faster/]],
  },
  '37_data_structures': {
    kind: 'ratio',
    ratioTests: /is at least 10x faster/,
    slow: [
      ['wrong_top_k_count_each_unique.py', /^top_k is at least 10x faster/],
      ['wrong_group_by_keys_in_list.py', /^group_by is at least 10x faster/],
      ['wrong_rank_scan_from_the_top.py', /^rank is at least 10x faster/],
      ['wrong_seen_set_in_loop.py', /^seen_before is at least 10x faster/],
    ],
  },
};

const course = await readCourse();

/** "describe test" names, as `only` patterns see them. */
function fullNames(outcome: SuiteOutcome, status: string): string[] {
  return 'tests' in outcome ? outcome.tests.filter((test) => test.status === status).map((test) => [...test.path, test.name].join(' ')) : [];
}

/**
 * What one run did, in a word a reader of the 20 verdicts can scan. With `only`,
 * the tests it skipped are ignored: "passed" means every ratio test ran and
 * passed, "failed" that exactly the `failing` one failed.
 */
function verdictOf(outcome: SuiteOutcome, only?: RegExp, failing?: RegExp): string {
  if (!('tests' in outcome)) return `${outcome.kind}(${outcome.message.slice(0, 200)})`;
  if (only === undefined || outcome.kind === 'broken') return outcome.kind;
  const failed = fullNames(outcome, 'failed');
  const passed = fullNames(outcome, 'passed');
  const ran = [...failed, ...passed];
  const unexpected = (): string => `unexpected(failed: ${failed.join(' | ') || 'none'}; passed: ${passed.join(' | ') || 'none'})`;
  if (ran.length === 0 || ran.some((name) => !only.test(name))) return unexpected();
  if (failing === undefined) return failed.length === 0 ? 'passed' : unexpected();
  return failed.length === 1 && failing.test(failed[0] ?? '') ? 'failed' : unexpected();
}

/** The 20x checks for one exercise, by number ("30"). */
export function defineFlakinessTests(number: string): void {
  const id = Object.keys(FLAKINESS_CASES).find((candidate) => candidate.startsWith(`${number}_`)) ?? number;
  const check = FLAKINESS_CASES[id];
  const exercise = course.exercises.find((candidate) => candidate.id === id);
  const scratch = mkdtempSync(join(tmpdir(), 'advpy-flakiness-'));
  let runner: SuiteRunner;
  let python: string;

  beforeAll(async () => {
    python = await testPython();
    runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache') });
  });
  afterAll(async () => {
    await runner.close();
    await disposeEmbeddedPool();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A target root holding `file` (a variant) as the learner's file. */
  function targetWith(file: string): string {
    const found = exercise as Exercise;
    const target = join(scratch, file);
    mkdirSync(join(target, found.chapter), { recursive: true });
    copyFileSync(join(PACKAGE_ROOT, 'test', 'course', 'variants', id, file), join(target, found.workspacePath));
    return target;
  }

  /** The verdict of each of REPEAT runs in a row. */
  async function verdicts(targetRoot: string, engine: Engine, times: number, only?: RegExp, expectFailing?: RegExp): Promise<string[]> {
    const kinds: string[] = [];
    for (let run = 0; run < times; run++) {
      const request = { exercise: exercise as Exercise, targetRoot, engine, python, ...(only ? { only } : {}) };
      kinds.push(verdictOf(await runner.run(request), only, expectFailing));
    }
    return kinds;
  }

  const expectAll = (kinds: string[], wanted: string): void => {
    expect(kinds.filter((kind) => kind !== wanted), `verdicts in order: ${kinds.join(' ')}`).toEqual([]);
  };

  test(`${id} has a flakiness case and is in the course`, () => {
    expect(check, `no flakiness case for ${number}`).toBeDefined();
    expect(exercise, `no exercise ${id}`).toBeDefined();
  });
  if (check === undefined) return;

  if (check.kind === 'suite') {
    describe(`${id}, the whole suite ${REPEAT} times in a row, native`, () => {
      test('the solution passes every time', { timeout: 900_000 }, async () => {
        expectAll(await verdicts(join(PACKAGE_ROOT, 'solutions'), 'native', REPEAT), 'passed');
      });
      test(`${check.wrong} fails every time`, { timeout: 900_000 }, async () => {
        expectAll(await verdicts(targetWith(check.wrong), 'native', REPEAT), 'failed');
      });
    });
    return;
  }

  // Native: the solution and every slow variant. Embedded: the solution and the first
  // (most marginal) slow variant, fewer times by default, since each WebAssembly run
  // costs about 2.5x a native one on CI's two cores; ADVPY_FLAKINESS_EMBEDDED=20
  // runs the full 20 there too.
  const embeddedRepeat = Number(process.env.ADVPY_FLAKINESS_EMBEDDED) || 5;
  describe.each<[Engine, number, RatioCase['slow']]>([
    ['native', REPEAT, check.slow],
    ['embedded', embeddedRepeat, check.slow.slice(0, 1)],
  ])(`${id}, the ratio tests alone, %s, %i times in a row`, (engine, times, slow) => {
    test('the solution passes them every time', { timeout: 900_000 }, async () => {
      expectAll(await verdicts(join(PACKAGE_ROOT, 'solutions'), engine, times, check.ratioTests), 'passed');
    });
    // Only the ratio test the variant must fail runs: its other tests pass, as the variants check proves.
    test.each(slow)('%s fails its ratio test every time', { timeout: 900_000 }, async (file, failing) => {
      expectAll(await verdicts(targetWith(file), engine, times, failing, failing), 'failed');
    });
  });
}
