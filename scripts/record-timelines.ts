/**
 * `npm run record-timelines`: run each exercise whose suite records timelines
 * against its reference solution, and store what ran when in
 * course/timelines/<id>.json. Watch and `run --timeline` draw the learner's run
 * beside these. test/course/_variants.ts checks that each stored file still
 * matches what the solution does (same tests, same overlap), so a stale
 * recording fails the build instead of misleading a learner.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { SuiteRunner } from '../src/runner/suite-runner.js';
import { readCourse } from '../src/workspace/course.js';
import { referenceTimelinesPath } from '../src/workspace/reference-timelines.js';
import type { Timeline } from '../src/core/timeline.js';

const python = process.env.ADVPY_PYTHON;
if (!python) {
  console.error('Set ADVPY_PYTHON to a CPython 3.12+ (threads and processes need the native engine).');
  process.exit(2);
}
const course = await readCourse();
const scratch = mkdtempSync(join(tmpdir(), 'advpy-timelines-'));
const runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache') });
try {
  for (const exercise of course.exercises) {
    const outcome = await runner.run({ exercise, targetRoot: join(PACKAGE_ROOT, 'solutions'), engine: 'native', python });
    if (!('tests' in outcome)) continue;
    const tests: Record<string, Timeline[]> = {};
    for (const test of outcome.tests) if (test.timelines) tests[test.name] = test.timelines;
    if (Object.keys(tests).length === 0) continue;
    if (outcome.kind !== 'passed') throw new Error(`${exercise.id}: the solution did not pass, so its timelines are not a reference`);
    const file = referenceTimelinesPath(exercise.id);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify({ exercise: exercise.id, tests }, roundSeconds, 1)}\n`);
    console.log(`wrote ${file}`);
  }
} finally {
  await runner.close();
  rmSync(scratch, { recursive: true, force: true });
}

/** Microseconds are plenty for a picture, and keep the files small and readable. */
function roundSeconds(key: string, value: unknown): unknown {
  return (key === 'start' || key === 'end') && typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value;
}
