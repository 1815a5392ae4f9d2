/** The verdict of one suite run, as data the UI renders and commands act on. */
import type { Explanation } from './explanations.js';
import type { PythonFailure, TestOutput } from './failures.js';
import type { Timeline } from './timeline.js';
import type { Profile } from './profile.js';

/** What a failed assertion compared, as data: the UI words it and diffs it where that helps. */
export interface Comparison {
  /** The value the test wanted, formatted (strings bare when `text`). */
  expected: string;
  /** What the learner's code gave, formatted the same way. */
  received: string;
  /** Both sides are strings: shown quoted, or line by line when multi-line. */
  text: boolean;
  /** How received should relate to expected, in words ("contain", "greater than", "other than"); absent means "equal". */
  relation?: string;
}

export interface TestFailure {
  /** The suite's own message (the assertion library's sentence removed), or an error message. */
  message: string;
  /** Expected and received from a failed assertion, when there was one. */
  comparison?: Comparison;
  /** Present when the failure came from Python (an exception, a hang, a crash). */
  python?: PythonFailure;
  /** What a TypeScript or Go habit probably caused, when a rule saw evidence of one (at most two). */
  explanations?: Explanation[];
}

export interface TestReport {
  name: string;
  /** Names of the enclosing describe blocks. */
  path: string[];
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** The line of the suite where the test is defined (1-based), when Vitest said; reports quote its code. */
  line?: number;
  failure?: TestFailure;
  output?: TestOutput;
  /** What ran when, recorded by the suite's instrumented fakes (chapter 05). */
  timelines?: Timeline[];
  /** The learner's own time per function, measured by the suite (exercise 36). */
  profile?: Profile;
}

export type SuiteOutcome =
  | { kind: 'passed'; tests: TestReport[]; durationMs: number }
  | { kind: 'failed'; tests: TestReport[]; durationMs: number }
  /** The learner's file could not be loaded (syntax error, exception or hang at import). */
  | { kind: 'broken'; failure: TestFailure; tests: TestReport[]; durationMs: number }
  /** The chosen engine cannot run this exercise; not a failure and never a pass. */
  | { kind: 'unsupported'; reason: string; fix: string }
  /** The suite itself could not run: a bug in the course or runner. */
  | { kind: 'error'; message: string };

/** The tests a run reported; none when the suite could not run or the engine could not. */
export function testsOf(outcome: SuiteOutcome | undefined): TestReport[] {
  return outcome !== undefined && 'tests' in outcome ? outcome.tests : [];
}

/** What the run's suite recorded besides verdicts: timelines (chapter 05) and profiles (36). */
export function recordedPictures(outcome: SuiteOutcome | undefined): { timeline: boolean; profile: boolean } {
  const tests = testsOf(outcome);
  return {
    timeline: tests.some((test) => (test.timelines?.length ?? 0) > 0),
    profile: tests.some((test) => test.profile !== undefined),
  };
}

export function isPass(outcome: SuiteOutcome): boolean {
  return outcome.kind === 'passed';
}

/** Decide the verdict from the per-test reports and any suite-level failure. */
export function decideOutcome(tests: TestReport[], suiteFailure: TestFailure | undefined, durationMs: number): SuiteOutcome {
  if (suiteFailure) return { kind: 'broken', failure: suiteFailure, tests, durationMs };
  if (tests.length === 0) return { kind: 'error', message: 'the suite ran no tests' };
  const failed = tests.some((test) => test.status === 'failed');
  const skipped = tests.some((test) => test.status === 'skipped');
  // A skipped test proves nothing, so it can never turn a run into a pass.
  return failed || skipped ? { kind: 'failed', tests, durationMs } : { kind: 'passed', tests, durationMs };
}
