/**
 * Watch mode's runs with a spare interpreter (native-spare.ts, KitConfig.spare): the
 * interpreter waiting for the next save never serves what the file held before it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Exercise } from '../../src/core/exercise.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { SuiteRunner, type SuiteRunRequest } from '../../src/runner/suite-runner.js';
import { readCourse } from '../../src/workspace/course.js';
import { testPython } from '../helpers/python.js';

const course = await readCourse();
const exercise = course.exercises.find((candidate) => candidate.id === '01_logged') as Exercise;
const scratch = mkdtempSync(join(tmpdir(), 'advpy-spare-runs-'));
const target = join(scratch, 'workspace');
const learnerFile = join(target, exercise.workspacePath);
let runner: SuiteRunner;
let python: string;

beforeAll(async () => {
  python = await testPython();
  mkdirSync(join(learnerFile, '..'), { recursive: true });
  copyFileSync(join(PACKAGE_ROOT, 'exercises', exercise.workspacePath), learnerFile);
  runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache'), env: {} });
});
afterAll(async () => {
  await runner.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('saves alternating solution and stub in one file: each verdict is of the file as saved, though the next interpreter was waiting before it', async () => {
  const solution = readFileSync(join(PACKAGE_ROOT, 'solutions', exercise.workspacePath), 'utf8');
  const stub = readFileSync(join(PACKAGE_ROOT, 'exercises', exercise.workspacePath), 'utf8');
  const request: SuiteRunRequest = { exercise, targetRoot: target, engine: 'native', python, spare: true };
  const verdicts: string[] = [];
  for (let save = 0; save < 6; save++) {
    // Long enough for the spare (started 100 ms after a run) to be up and waiting.
    await new Promise((resolve) => setTimeout(resolve, 400));
    writeFileSync(learnerFile, save % 2 === 0 ? solution : stub);
    verdicts.push((await runner.run(request)).kind);
  }
  expect(verdicts).toEqual(['passed', 'failed', 'passed', 'failed', 'passed', 'failed']);
});
