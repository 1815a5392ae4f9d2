/**
 * `verify --reporter json`: one exercism results.json v3 object per exercise run,
 * in a document described by schema/verify-report.schema.json (see
 * core/verify-report-schema.ts, where the fields are explained).
 */
import { testCodeAt } from '../core/test-code.js';
import { sanitizeTerminalText } from '../core/terminal-text.js';
import type { TestReport } from '../core/outcome.js';
import { isVerified, type VerifyEntry, type VerifyReport } from '../core/verify.js';
import {
  OUTPUT_LIMIT,
  OUTPUT_TRUNCATED_NOTE,
  VERIFY_REPORT_FORMAT,
  type ExerciseResult,
  type TestResult,
  type VerifyReportJson,
} from '../core/verify-report-schema.js';
import { NOT_RUN, failureKind, failureText, fullTestName, runFailure, testsOf } from './report-text.js';

export function renderJsonReport(report: VerifyReport): string {
  const document: VerifyReportJson = {
    format: 'advpy-kata verify report',
    formatVersion: VERIFY_REPORT_FORMAT,
    mode: report.mode,
    status: isVerified(report) ? 'pass' : 'fail',
    problems: report.problems,
    exercises: report.entries.filter((entry) => entry.verdict !== 'skipped').map(exerciseResult),
    skipped: report.entries.flatMap((entry) =>
      entry.outcome.kind === 'unsupported'
        ? [{ exercise: entry.exercise.id, target: entry.target, file: entry.file, reason: entry.outcome.reason, fix: entry.outcome.fix }]
        : [],
    ),
    notDone: report.notDone ?? [],
  };
  return JSON.stringify(document, null, 2);
}

function exerciseResult(entry: VerifyEntry): ExerciseResult {
  const fields = {
    version: 3 as const,
    exercise: entry.exercise.id,
    target: entry.target,
    file: entry.file,
    verdict: entry.verdict === 'ok' ? ('ok' as const) : ('problem' as const),
    summary: entry.message,
  };
  const broke = runFailure(entry);
  // exercism's "error": no test ran correctly, and the message says why.
  if (broke) return { ...fields, status: 'error', message: failureText(broke, entry), tests: [] };
  const tests = testsOf(entry.outcome).map((test) => testResult(test, entry));
  return { ...fields, status: entry.outcome.kind === 'passed' ? 'pass' : 'fail', message: null, tests };
}

function testResult(test: TestReport, entry: VerifyEntry): TestResult {
  const failure = test.failure;
  const status = test.status === 'passed' ? 'pass' : test.status === 'skipped' ? 'fail' : failureKind(failure) === 'error' ? 'error' : 'fail';
  const message = test.status === 'passed' ? null : test.status === 'skipped' ? NOT_RUN : failure ? failureText(failure, entry) : 'failed';
  return {
    name: fullTestName(test),
    status,
    message,
    output: cappedOutput(test),
    test_code: (test.line !== undefined && entry.suiteSource !== undefined ? testCodeAt(entry.suiteSource, test.line) : undefined) ?? '',
    task_id: entry.exercise.number,
    explanations: failure?.explanations ?? [],
  };
}

/** What the learner's code printed, within exercism's 500 characters, with its note when cut. */
export function cappedOutput(test: Pick<TestReport, 'output'>): string | null {
  const output = test.output;
  if (!output) return null;
  const text = sanitizeTerminalText(output.stdout + output.stderr);
  const cutEarlier = output.truncated.stdout + output.truncated.stderr > 0;
  if (text === '' && !cutEarlier) return null;
  if (text.length <= OUTPUT_LIMIT && !cutEarlier) return text;
  const room = OUTPUT_LIMIT - OUTPUT_TRUNCATED_NOTE.length;
  // Never split a surrogate pair: half of one is not text.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(room - 1)) ? room - 1 : room;
  return `${text.slice(0, Math.min(end, text.length))}${OUTPUT_TRUNCATED_NOTE}`;
}
