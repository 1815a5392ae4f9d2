/**
 * Strict and fair, proved: every exercise's suite must reject each plausible
 * wrong solution in test/course/variants/<id>/wrong_*.py and accept each
 * correct solution in another style, right_*.py. The first line of each
 * variant's docstring says what it gets wrong (or which style it uses).
 *
 * One test file per chapter (variants-<chapter>.test.ts) calls
 * defineVariantTests, so Vitest checks chapters in parallel, each with its own
 * warm runner.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SuiteRunner } from '../../src/runner/suite-runner.js';
import type { Exercise } from '../../src/core/manifest.js';
import { readCourse } from '../../src/workspace/course.js';
import { readReferenceTimelines } from '../../src/workspace/reference-timelines.js';
import { maxOverlap, type Timeline } from '../../src/core/timeline.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { testPython } from '../helpers/python.js';

const VARIANTS_DIR = join(PACKAGE_ROOT, 'test', 'course', 'variants');
const course = await readCourse();

function variantsOf(id: string): string[] {
  try {
    return readdirSync(join(VARIANTS_DIR, id)).filter((file) => file.endsWith('.py')).sort();
  } catch {
    return [];
  }
}

function describeVariant(path: string): string {
  const match = /"""(.*)/.exec(readFileSync(path, 'utf8'));
  return match?.[1]?.replace(/"""$/, '').trim() ?? '';
}

/** Every exercise of the chapters whose id starts with `chapterPrefix` (e.g. `03_`). */
export function defineVariantTests(chapterPrefix: string): void {
  const scratch = mkdtempSync(join(tmpdir(), 'advpy-variants-'));
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

  const exercises = course.exercises.filter((exercise) => exercise.chapter.startsWith(chapterPrefix));
  test(`the course has exercises in chapter ${chapterPrefix}*`, () => {
    expect(exercises.length).toBeGreaterThan(0);
  });
  for (const exercise of exercises) defineExerciseTests(exercise, scratch, () => runner, () => python);
}

function defineExerciseTests(exercise: Exercise, scratch: string, runnerOf: () => SuiteRunner, pythonOf: () => string): void {
  describe(exercise.id, () => {
    const variants = variantsOf(exercise.id);

    test('the reference solution passes (and its stored timelines are still true)', async () => {
      const outcome = await runnerOf().run({ exercise, targetRoot: join(PACKAGE_ROOT, 'solutions'), engine: 'native', python: pythonOf() });
      expect(outcome.kind, JSON.stringify(outcome, null, 1).slice(0, 3000)).toBe('passed');
      // What watch draws beside the learner's run must be what the solution does now.
      const recorded = 'tests' in outcome ? outcome.tests.filter((test) => test.timelines) : [];
      const stored = readReferenceTimelines(exercise.id);
      const shape = (timelines: readonly Timeline[] | undefined) => timelines?.map((timeline) => ({ caption: timeline.caption, calls: timeline.spans.length, overlap: maxOverlap(timeline.spans) }));
      expect(
        Object.fromEntries(Object.entries(stored ?? {}).map(([name, timelines]) => [name, shape(timelines)])),
        `course/timelines/${exercise.id}.json is stale: run \`ADVPY_PYTHON=<python> npm run record-timelines\``,
      ).toEqual(Object.fromEntries(recorded.map((test) => [test.name, shape(test.timelines)])));
    });

    test('the stub fails (it is not already solved)', async () => {
      const outcome = await runnerOf().run({ exercise, targetRoot: join(PACKAGE_ROOT, 'exercises'), engine: 'native', python: pythonOf() });
      expect(['failed', 'broken']).toContain(outcome.kind);
    });

    test('has at least eight wrong solutions and two right ones in other styles', () => {
      expect(variants.filter((file) => file.startsWith('wrong_')).length, 'wrong_*.py variants').toBeGreaterThanOrEqual(8);
      expect(variants.filter((file) => file.startsWith('right_')).length, 'right_*.py variants').toBeGreaterThanOrEqual(2);
    });

    for (const file of variants) {
      const source = join(VARIANTS_DIR, exercise.id, file);
      const shouldPass = file.startsWith('right_');
      test(`${shouldPass ? 'accepts' : 'rejects'} ${file}: ${describeVariant(source)}`, async () => {
        const targetRoot = join(scratch, `${exercise.id}-${file}`);
        mkdirSync(join(targetRoot, exercise.chapter), { recursive: true });
        copyFileSync(source, join(targetRoot, exercise.workspacePath));
        const outcome = await runnerOf().run({ exercise, targetRoot, engine: 'native', python: pythonOf() });
        const failures =
          'tests' in outcome
            ? outcome.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.failure?.message ?? t.status}`)
            : [JSON.stringify(outcome)];
        if (shouldPass) expect(outcome.kind, `a correct solution was rejected:\n${failures.join('\n')}`).toBe('passed');
        else expect(['failed', 'broken'], 'a wrong solution passed the suite').toContain(outcome.kind);
      });
    }
  });
}
