/**
 * Suite-time benchmark: how long each exercise's suite takes on its reference
 * solution in the warm runner, and for the suites that ask pyright, how much the
 * first (cold) run pays for it. Prints figures as ratios against a baseline
 * measured in the same run; asserts nothing. Run with `npm run bench:suites`
 * (add `-- --engine embedded`).
 *
 *   baseline  the warm run of exercise 01's suite (the smallest suite: a bridge
 *             start, an import and six calls)
 *   cold      first run with an empty type-check cache (pyright runs)
 *   warm      median of three further runs (pyright answered from the cache)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Exercise } from '../src/core/manifest.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { SuiteRunner } from '../src/runner/suite-runner.js';
import { readCourse } from '../src/workspace/course.js';
import { testPython } from '../test/helpers/python.js';

const engine = process.argv.includes('--engine') ? (process.argv[process.argv.indexOf('--engine') + 1] ?? 'native') : 'native';
if (engine !== 'native' && engine !== 'embedded') throw new Error(`--engine takes native or embedded, not ${engine}`);

const course = await readCourse();
const python = engine === 'native' ? await testPython() : undefined;
const scratch = mkdtempSync(join(tmpdir(), 'advpy-bench-suites-'));
const runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache') });

async function timeRun(exercise: Exercise): Promise<number> {
  const started = performance.now();
  const outcome = await runner.run({
    exercise,
    targetRoot: join(PACKAGE_ROOT, 'solutions'),
    engine,
    ...(python === undefined ? {} : { python }),
  });
  const elapsed = performance.now() - started;
  if (outcome.kind !== 'passed') throw new Error(`${exercise.id}'s solution did not pass (${outcome.kind}); fix that before timing it`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

try {
  const first = course.exercises[0];
  if (!first) throw new Error('the course has no exercises');
  await timeRun(first); // warms Vitest and the pool; not counted
  const baseline = median([await timeRun(first), await timeRun(first), await timeRun(first)]);
  console.log(`engine: ${engine}${python ? ` (${python})` : ''}`);
  console.log(`baseline: warm run of ${first.id}: ${baseline.toFixed(0)} ms\n`);
  console.log('exercise              cold ms   warm ms   warm/baseline   typecheck');
  for (const exercise of course.exercises) {
    const cold = await timeRun(exercise);
    const warm = median([await timeRun(exercise), await timeRun(exercise), await timeRun(exercise)]);
    const typed = exercise.requires.capabilities.includes('typecheck');
    console.log(
      `${exercise.id.padEnd(22)}${cold.toFixed(0).padStart(7)}${warm.toFixed(0).padStart(10)}${(warm / baseline).toFixed(2).padStart(14)}×   ${typed ? 'pyright' : ''}`,
    );
  }
} finally {
  await runner.close();
  rmSync(scratch, { recursive: true, force: true });
}
