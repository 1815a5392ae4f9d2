/**
 * Machine-readable `verify` reports: JSON (shaped like exercism's results.json
 * v3, one object per exercise run), JUnit XML, and GitHub Actions annotations.
 */
import { learnerFrames, stuckLocation, summarizeFailure } from '../core/failures.js';
import type { TestFailure, TestReport } from '../core/outcome.js';
import { isVerified, type VerifyEntry, type VerifyReport } from '../core/verify.js';

type ResultStatus = 'pass' | 'fail' | 'error';

function entryStatus(entry: VerifyEntry): ResultStatus | 'skip' {
  if (entry.verdict === 'skipped') return 'skip';
  switch (entry.outcome.kind) {
    case 'passed':
      return 'pass';
    case 'failed':
      return 'fail';
    default:
      return 'error';
  }
}

function testsOf(entry: VerifyEntry): TestReport[] {
  return 'tests' in entry.outcome ? entry.outcome.tests : [];
}

export function renderJsonReport(report: VerifyReport): string {
  return JSON.stringify(
    {
      version: 3,
      status: isVerified(report) ? 'pass' : 'fail',
      mode: report.mode,
      problems: report.problems,
      exercises: report.entries.map((entry) => ({
        exercise: entry.exercise.id,
        target: entry.target,
        file: entry.file,
        verdict: entry.verdict,
        status: entryStatus(entry),
        message: entry.outcome.kind === 'broken' ? entry.outcome.failure.message : entry.message,
        tests: testsOf(entry).map((test) => ({
          name: [...test.path, test.name].join(' › '),
          status: test.status === 'passed' ? 'pass' : test.status === 'failed' ? 'fail' : 'error',
          message: test.failure?.message ?? null,
          output: test.output ? test.output.stdout + test.output.stderr : null,
        })),
      })),
    },
    null,
    2,
  );
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function renderJunitReport(report: VerifyReport): string {
  const suites = report.entries.map((entry) => {
    const name = `${entry.exercise.id} (${entry.target})`;
    const tests = testsOf(entry);
    const cases: string[] = [];
    if (entry.verdict === 'skipped') {
      cases.push(`    <testcase classname="${xml(name)}" name="${xml(entry.exercise.id)}"><skipped message="${xml(entry.message)}"/></testcase>`);
    } else if (tests.length === 0 || entry.target === 'stub') {
      const failed = entry.verdict === 'problem';
      const detail = entry.outcome.kind === 'broken' ? entry.outcome.failure.message : entry.message;
      cases.push(
        `    <testcase classname="${xml(name)}" name="${xml(entry.message)}">` +
          (failed ? `<failure message="${xml(detail)}">${xml(detail)}</failure>` : '') +
          '</testcase>',
      );
    } else {
      for (const test of tests) {
        const testName = xml([...test.path, test.name].join(' › '));
        const body =
          test.status === 'failed'
            ? `<failure message="${xml(test.failure?.message ?? 'failed')}">${xml(test.failure?.message ?? '')}</failure>`
            : test.status === 'skipped'
              ? '<skipped/>'
              : '';
        const output = test.output?.stdout ? `<system-out>${xml(test.output.stdout)}</system-out>` : '';
        cases.push(`    <testcase classname="${xml(name)}" name="${testName}">${body}${output}</testcase>`);
      }
    }
    const failures = cases.filter((line) => line.includes('<failure')).length;
    const skipped = cases.filter((line) => line.includes('<skipped')).length;
    return `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const problems = report.problems.map(
    (problem) => `  <testsuite name="course" tests="1" failures="1"><testcase classname="course" name="${xml(problem)}"><failure message="${xml(problem)}"/></testcase></testsuite>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="advpy-kata verify">\n${[...suites, ...problems].join('\n')}\n</testsuites>`;
}

/** GitHub's workflow-command escaping: data escapes %, CR, LF; properties also : and ,. */
function ghData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function ghProperty(text: string): string {
  return ghData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The line in the learner's file a failure points at, when Python told us one. */
function failureLine(failure: TestFailure | undefined, file: string): number | undefined {
  const python = failure?.python;
  if (!python) return undefined;
  const inFile = (path: string): boolean => path.endsWith(file.split('/').slice(-1)[0] ?? file);
  if (python.kind === 'exception') return learnerFrames(python.error.frames).filter((frame) => inFile(frame.file)).at(-1)?.line ?? undefined;
  if (python.kind === 'timeout') return stuckLocation(python.stuck, inFile)?.line;
  return undefined;
}

export function renderGithubReport(report: VerifyReport): string {
  const lines: string[] = [];
  for (const problem of report.problems) lines.push(`::error title=advpy-kata course::${ghData(problem)}`);
  for (const entry of report.entries) {
    const title = `${entry.exercise.id} (${entry.target})`;
    if (entry.verdict === 'skipped') {
      lines.push(`::warning file=${ghProperty(entry.file)},title=${ghProperty(title)}::${ghData(entry.message)}`);
      continue;
    }
    if (entry.verdict === 'ok') continue;
    const failures: Array<{ message: string; line: number | undefined }> = [];
    if (entry.outcome.kind === 'broken') {
      failures.push({ message: entry.outcome.failure.message, line: failureLine(entry.outcome.failure, entry.file) });
    }
    for (const test of testsOf(entry).filter((candidate) => candidate.status === 'failed')) {
      const reason = test.failure?.python ? summarizeFailure(test.failure.python, () => true) : (test.failure?.message ?? 'failed');
      failures.push({ message: `${test.name}: ${reason}`, line: failureLine(test.failure, entry.file) });
    }
    if (failures.length === 0) failures.push({ message: entry.message, line: undefined });
    for (const failure of failures) {
      lines.push(`::error file=${ghProperty(entry.file)},line=${failure.line ?? 1},title=${ghProperty(title)}::${ghData(failure.message)}`);
    }
  }
  return lines.join('\n');
}
