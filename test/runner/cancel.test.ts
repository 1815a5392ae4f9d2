/**
 * The runner owns every Python process a suite starts, although Vitest's worker
 * thread starts them: aborting a run ends them at once, and no run leaves any
 * process behind, not even a learner's child that left the process group.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Exercise } from '../../src/core/exercise.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { CANCELLED_OUTCOME, SuiteRunner, type SuiteRunRequest } from '../../src/runner/suite-runner.js';
import { readCourse } from '../../src/workspace/course.js';
import { leftoversIn, processesIn } from '../helpers/leftovers.js';
import { testPython } from '../helpers/python.js';

const course = await readCourse();
const base = course.exercises.find((candidate) => candidate.id === '01_logged') as Exercise;
// Far longer than any test below may take: a run that waits out its limit fails by timing out.
const exercise: Exercise = { ...base, timeoutMs: 120_000 };
const scratch = mkdtempSync(join(tmpdir(), 'advpy-cancel-'));
const target = join(scratch, 'exercises');
let python: string;
let runner: SuiteRunner;

beforeAll(async () => {
  python = await testPython();
  mkdirSync(join(target, exercise.chapter), { recursive: true });
  runner = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache'), env: {} });
});
afterAll(async () => {
  await runner.close();
  rmSync(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  expect(await leftoversIn(target)).toEqual([]);
});

function learnerFile(fixture: string): void {
  copyFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'outcomes', `${fixture}.py`), join(target, exercise.workspacePath));
}

function request(signal?: AbortSignal): SuiteRunRequest {
  return { exercise, targetRoot: target, engine: 'native', python, ...(signal ? { signal } : {}) };
}

async function bridgeRunning(): Promise<void> {
  await expect.poll(() => processesIn(target).length, { timeout: 20_000 }).toBeGreaterThan(0);
}

test('aborting a hanging run kills its Python and resolves as cancelled; the next run gives its verdict', { timeout: 30_000 }, async () => {
  learnerFile('infinite_loop');
  const controller = new AbortController();
  const hanging = runner.run(request(controller.signal));
  await bridgeRunning();
  controller.abort();
  expect(await hanging).toEqual(CANCELLED_OUTCOME);
  expect(await leftoversIn(target)).toEqual([]);

  learnerFile('passes');
  expect((await runner.run(request())).kind).toBe('passed');
});

test('a run aborted while it waits its turn never starts', { timeout: 30_000 }, async () => {
  learnerFile('passes');
  const controller = new AbortController();
  const first = runner.run(request());
  const second = runner.run(request(controller.signal));
  controller.abort();
  expect((await first).kind).toBe('passed');
  expect(await second).toEqual(CANCELLED_OUTCOME);
});

test("a learner's child that calls os.setsid() and forks does not outlive the run", { timeout: 30_000 }, async () => {
  learnerFile('escapes_group');
  expect((await runner.run(request())).kind).toBe('passed');
  // afterEach: nothing is left in the exercise folder, the double-forked daemon included.
});

test("a timeout ends the learner's process-pool workers and threads with the run, and shows every thread", { timeout: 60_000 }, async () => {
  learnerFile('pool_and_threads_hang');
  const outcome = await runner.run({ ...request(), exercise: { ...exercise, timeoutMs: 4_000 } });
  expect(outcome.kind).toBe('failed');
  const failure = 'tests' in outcome ? outcome.tests.find((test) => test.failure?.python?.kind === 'timeout')?.failure : undefined;
  const stuck = failure?.python?.kind === 'timeout' ? failure.python.stuck : [];
  expect(stuck.length, 'faulthandler reported the main thread, the parked thread and the pool manager').toBeGreaterThanOrEqual(3);
  expect(stuck.some((thread) => thread.frames.some((frame) => frame.name === '_park'))).toBe(true);
  // afterEach: the pool's worker processes are gone too.
});

test('closing the runner during a hang ends it at once', { timeout: 30_000 }, async () => {
  const own = await SuiteRunner.create({ courseRoot: PACKAGE_ROOT, cacheDir: join(scratch, 'cache'), env: {} });
  learnerFile('infinite_loop');
  const hanging = own.run(request());
  await bridgeRunning();
  await own.close();
  await hanging.catch(() => undefined);
  expect(await leftoversIn(target)).toEqual([]);
});
