/**
 * What the machine-readable `verify` reports (JSON, JUnit, GitHub) say about a
 * failure, in one place so they agree: whether it is a failure or an error, its
 * type, a one-line summary, the full plain text, and the learner's line it points at.
 * All of it is plain text: no colour, and learner text made inert (terminal-text.ts).
 */
import { summarizeFailure } from '../core/failures.js';
import { pythonFailureLine } from '../core/editor-command.js';
import type { SuiteOutcome, TestFailure, TestReport } from '../core/outcome.js';
import { learnerText, sanitizeTerminalText } from '../core/terminal-text.js';
import type { VerifyEntry } from '../core/verify.js';
import { renderFailure, type RenderContext } from './render-outcome.js';
import { createTheme } from './theme.js';

const PLAIN = createTheme(false, true);

/**
 * JUnit's distinction, which CI systems show: a *failure* is a test that ran and got
 * the wrong answer (an assertion, an exception from the learner's function, a hang
 * in it); an *error* is a run that broke underneath the test (the file did not
 * import, Python crashed or the runner's channel was disturbed).
 */
export type FailureKind = 'failure' | 'error';

export function failureKind(failure: TestFailure | undefined): FailureKind {
  const python = failure?.python;
  if (!python || python.kind === 'unsupported') return 'failure';
  if (python.kind === 'crash' || python.kind === 'channel') return 'error';
  return python.phase === 'import' ? 'error' : 'failure';
}

/** A short type name for the failure, as JUnit's `type` attribute: the exception's, or what happened. */
export function failureType(failure: TestFailure | undefined): string {
  const python = failure?.python;
  switch (python?.kind) {
    case 'exception':
      return python.error.type;
    case 'timeout':
      return 'Timeout';
    case 'crash':
      return 'PythonCrashed';
    case 'channel':
      return 'ChannelDisturbed';
    case 'unsupported':
      return 'Unsupported';
    case undefined:
      return 'AssertionError';
  }
}

/** Whether a traceback's file is the tested one: Python reports absolute paths, the entry a display path. */
export function isTestedFile(entry: Pick<VerifyEntry, 'file'>): (path: string) => boolean {
  const name = baseOf(entry.file);
  return (path) => baseOf(path) === name;
}

function baseOf(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}

function contextOf(entry: Pick<VerifyEntry, 'file'>): RenderContext {
  return { theme: PLAIN, displayPath: entry.file, isLearnerFile: isTestedFile(entry) };
}

/**
 * What went wrong, short: Python's failures in one line ("Python raised ValueError: bad
 * (02_wraps.py:9)"), a suite's own message as it is, newlines and all.
 */
export function failureSummary(failure: TestFailure, entry: Pick<VerifyEntry, 'file'>): string {
  return learnerText(failure.python ? summarizeFailure(failure.python, isTestedFile(entry)) : failure.message);
}

/** The failure in full, as `advpy-kata run` words it, without colour. */
export function failureText(failure: TestFailure, entry: Pick<VerifyEntry, 'file'>): string {
  return renderFailure(failure, contextOf(entry));
}

/** The line in the learner's file a failure points at, when Python told us one. */
export function failureLine(failure: TestFailure | undefined, entry: Pick<VerifyEntry, 'file'>): number | undefined {
  return pythonFailureLine(failure?.python, isTestedFile(entry));
}

/** A test's name with its describe blocks: "group › does this". */
export function fullTestName(test: TestReport): string {
  return sanitizeTerminalText([...test.path, test.name].join(' › '));
}

export function testsOf(outcome: SuiteOutcome): TestReport[] {
  return 'tests' in outcome ? outcome.tests : [];
}

/** What stopped a whole run before its tests could count: a file that did not load, or a suite that could not run. */
export function runFailure(entry: VerifyEntry): TestFailure | undefined {
  if (entry.outcome.kind === 'broken') return entry.outcome.failure;
  if (entry.outcome.kind === 'error') return { message: entry.message };
  return undefined;
}

/** The first thing that went wrong in a run, with the test it happened in (if any). */
export function firstFailure(entry: VerifyEntry): { failure: TestFailure; test?: TestReport } | undefined {
  const run = runFailure(entry);
  if (run) return { failure: run };
  const test = testsOf(entry.outcome).find((candidate) => candidate.status === 'failed');
  if (test) return { failure: test.failure ?? { message: 'failed' }, test };
  return undefined;
}

/** The message of a test that did not run: a skipped test proves nothing, so it is not a pass. */
export const NOT_RUN = 'this test did not run (the suite stopped before it), so it proves nothing yet';
