/**
 * One verify run (an exercise's suite against one file) and how it is judged: the
 * same code whether the run happens in this process or in a verify worker.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exercise } from '../../core/manifest.js';
import type { SuiteOutcome } from '../../core/outcome.js';
import { judge, type VerifyEntry, type VerifyTarget } from '../../core/verify.js';
import type { CourseRunner } from '../../runner/course-runner.js';
import { COURSE_ROOT } from '../../workspace/course.js';

export interface VerifyRun {
  exercise: Exercise;
  target: VerifyTarget;
  /** Folder holding `<chapter>/<NN>_<name>.py`: the workspace, or the course's solutions or stubs. */
  root: string;
  /** The tested file as shown to the reader. */
  file: string;
  /** The same file, absolute. */
  path: string;
}

export async function check(runner: CourseRunner, run: VerifyRun): Promise<VerifyEntry> {
  return judgeRun(run, await runner.run(run.exercise, run.root));
}

export async function judgeRun(run: VerifyRun, outcome: SuiteOutcome): Promise<VerifyEntry> {
  // The suite's source lets the JSON report quote each test's code; a suite that cannot be read just goes unquoted.
  const suiteSource = await readFile(join(COURSE_ROOT, run.exercise.suitePath), 'utf8').catch(() => undefined);
  return judge(run.exercise, run.target, run.file, outcome, suiteSource === undefined ? { path: run.path } : { path: run.path, suiteSource });
}

/**
 * The order runs are handed to workers in: longest first, so the slow suites (the
 * ratio tests of 36 and 37, the pyright ones, the concurrency chapter) start early
 * instead of leaving one worker busy at the end while the others idle. The manifest
 * records no run time, but each exercise's `timeoutMs` was set from how long its
 * suite takes (with headroom), so it ranks suites by cost; ties keep course order.
 */
export function longestFirst(runs: readonly VerifyRun[]): number[] {
  return runs
    .map((run, index) => ({ index, cost: run.exercise.timeoutMs }))
    .sort((a, b) => b.cost - a.cost || a.index - b.index)
    .map((run) => run.index);
}
