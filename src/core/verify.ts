/**
 * `verify` as data: what was expected of each run and whether it held. In a
 * workspace every exercise must pass (with `--done`, every exercise finished so
 * far); for the course itself every solution must pass and every stub must fail
 * (a passing stub is "already solved").
 */
import type { Course, Exercise } from './manifest.js';
import type { SuiteOutcome } from './outcome.js';

export type VerifyTarget = 'workspace' | 'solution' | 'stub';

export interface VerifyEntry {
  exercise: Exercise;
  target: VerifyTarget;
  /** The file that was tested, as shown to the reader. */
  file: string;
  /** The same file, absolute, for reports that need it relative to somewhere else (GitHub's repository root). */
  path?: string;
  /** The suite's source, so reports can quote each test's code. */
  suiteSource?: string;
  outcome: SuiteOutcome;
  verdict: 'ok' | 'problem' | 'skipped';
  /** Why the verdict, in a sentence. */
  message: string;
}

export interface VerifyReport {
  /** `done`: a workspace's finished exercises only, the check of a learner's CI. */
  mode: 'workspace' | 'done' | 'solutions';
  entries: VerifyEntry[];
  /** In `done` mode, the exercises left unchecked because they are not done yet. */
  notDone?: string[];
  /** Course-level problems: files that do not match the manifest, too few hints. */
  problems: string[];
}

export function judge(
  exercise: Exercise,
  target: VerifyTarget,
  file: string,
  outcome: SuiteOutcome,
  more: Pick<VerifyEntry, 'path' | 'suiteSource'> = {},
): VerifyEntry {
  const entry = (verdict: VerifyEntry['verdict'], message: string): VerifyEntry => ({ exercise, target, file, ...more, outcome, verdict, message });
  switch (outcome.kind) {
    case 'unsupported':
      return entry('skipped', `skipped: ${outcome.reason}`);
    case 'error':
      return entry('problem', `the suite could not run: ${outcome.message}`);
    case 'passed':
      return target === 'stub'
        ? entry('problem', 'the stub passes its suite: it is already solved, so the exercise teaches nothing')
        : entry('ok', 'passes');
    case 'failed':
    case 'broken':
      return target === 'stub'
        ? entry('ok', 'fails, as a stub should')
        : entry('problem', target === 'solution' ? 'the reference solution fails its suite' : 'not passing yet');
  }
}

export function isVerified(report: VerifyReport): boolean {
  return report.problems.length === 0 && report.entries.every((entry) => !failsRun(report, entry));
}

/**
 * Whether this entry makes the run fail. A skip is never a pass: an exercise nobody
 * could run has not been verified, so it fails a learner's full check. `--done` asks a
 * narrower question, "did anything I finished break?", and an exercise this engine
 * cannot run cannot have broken here. `--solutions` checks the course on one engine:
 * on the embedded one, the exercises that need native CPython (30, 31, 34) cannot run
 * by design. In both, a skip is reported as not checked, and the run can still pass.
 */
export function failsRun(report: Pick<VerifyReport, 'mode'>, entry: VerifyEntry): boolean {
  if (entry.verdict === 'skipped') return report.mode === 'workspace';
  return entry.verdict === 'problem';
}

/**
 * Files under exercises/ and solutions/ that the manifest does not list. `files`
 * are course-relative paths with forward slashes.
 */
export function findStrayFiles(course: Course, files: readonly string[]): string[] {
  const expected = new Set(course.exercises.flatMap((exercise) => [exercise.stubPath, exercise.suitePath, exercise.solutionPath]));
  return files
    .filter((file) => /^(exercises|solutions)\/.+\.(py|ts)$/.test(file) && !expected.has(file))
    .map((file) => `${file} is not listed in course/course.json (add it to the manifest, or delete it)`);
}
