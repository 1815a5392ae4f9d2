/** The verdict of one suite run, as data the UI renders and commands act on. */
import type { PythonFailure, TestOutput } from './failures.js';

export interface TestFailure {
  /** The assertion or error message, as the suite wrote it. */
  message: string;
  /** Expected-versus-received diff from an assertion, when there is one. */
  diff?: string;
  /** Present when the failure came from Python (an exception, a hang, a crash). */
  python?: PythonFailure;
}

export interface TestReport {
  name: string;
  /** Names of the enclosing describe blocks. */
  path: string[];
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  failure?: TestFailure;
  output?: TestOutput;
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
