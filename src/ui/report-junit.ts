/**
 * `verify --reporter junit`: JUnit XML as Jenkins (the xunit plugin's JUnit
 * schema), GitLab and GitHub test-report actions read it. One <testsuite> per
 * exercise run, one <testcase> per test; a file that did not load, or a suite that
 * could not run, is one <testcase> with an <error>, never a row of skipped tests.
 *
 * Escaping is written out here rather than left to an XML builder: the usual one
 * (xmlbuilder2) writes newlines in attributes raw, and every conforming parser reads
 * those back as spaces, so multi-line messages would be lost.
 */
import type { TestReport } from '../core/outcome.js';
import { sanitizeTerminalText } from '../core/terminal-text.js';
import type { VerifyEntry, VerifyReport } from '../core/verify.js';
import { NOT_RUN, failureKind, failureSummary, failureText, failureType, fullTestName, runFailure, testsOf } from './report-text.js';

interface Case {
  name: string;
  timeMs: number;
  /** At most one of failure, error and skipped. */
  result?: { element: 'failure' | 'error' | 'skipped'; message: string; type?: string; body?: string };
  stdout?: string;
  stderr?: string;
}

export function renderJunitReport(report: VerifyReport): string {
  const suites = report.entries.map((entry) => ({ name: suiteName(report, entry), file: entry.file, cases: casesOf(entry) }));
  if (report.problems.length > 0) {
    suites.push({
      name: 'course',
      file: 'course/course.json',
      cases: report.problems.map((problem) => ({ name: problem, timeMs: 0, result: { element: 'failure', message: problem, type: 'CourseProblem' } })),
    });
  }
  // The xunit plugin's schema has no `skipped` on <testsuites> (only on <testsuite>), and rejects attributes it does not know.
  const { skipped: _skipped, ...totals } = countCases(suites.flatMap((suite) => suite.cases));
  const body = suites.map((suite) => {
    const counts = countCases(suite.cases);
    const open = `  <testsuite${attributes({ name: suite.name, ...counts, file: suite.file })}>`;
    return [open, ...suite.cases.map((testCase) => renderCase(suite.name, testCase)), '  </testsuite>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'advpy-kata verify', ...totals })}>`,
    ...body,
    '</testsuites>',
  ].join('\n');
}

function suiteName(report: VerifyReport, entry: VerifyEntry): string {
  return report.mode === 'solutions' ? `${entry.exercise.id} (${entry.target})` : entry.exercise.id;
}

function casesOf(entry: VerifyEntry): Case[] {
  const { outcome } = entry;
  if (outcome.kind === 'unsupported') {
    return [{ name: entry.exercise.id, timeMs: 0, result: { element: 'skipped', message: `${outcome.reason}. ${outcome.fix}` } }];
  }
  const broke = runFailure(entry);
  if (entry.target === 'stub') {
    // A stub must fail its suite; which of its tests failed is of no interest.
    const result = entry.verdict === 'ok' ? undefined : { element: 'failure' as const, message: entry.message, type: 'StubPasses' };
    return [{ name: entry.message, timeMs: durationOf(entry), ...(result ? { result } : {}) }];
  }
  if (broke) {
    const crash = broke.python?.kind === 'crash' ? broke.python.output : '';
    const error = { element: 'error' as const, message: failureSummary(broke, entry), type: failureType(broke), body: failureText(broke, entry) };
    const name = entry.outcome.kind === 'broken' ? `load ${entry.file}` : 'run the suite';
    return [{ name, timeMs: durationOf(entry), result: error, ...(crash ? { stderr: crash } : {}) }];
  }
  return testsOf(outcome).map((test) => testCase(test, entry));
}

function testCase(test: TestReport, entry: VerifyEntry): Case {
  const testCase: Case = { name: fullTestName(test), timeMs: test.durationMs };
  if (test.output?.stdout) testCase.stdout = test.output.stdout;
  if (test.output?.stderr) testCase.stderr = test.output.stderr;
  if (test.status === 'skipped') testCase.result = { element: 'skipped', message: NOT_RUN };
  if (test.status === 'failed') {
    const failure = test.failure ?? { message: 'failed' };
    testCase.result = { element: failureKind(failure), message: failureSummary(failure, entry), type: failureType(failure), body: failureText(failure, entry) };
  }
  return testCase;
}

function durationOf(entry: VerifyEntry): number {
  return 'durationMs' in entry.outcome ? entry.outcome.durationMs : 0;
}

function countCases(cases: readonly Case[]): { tests: number; failures: number; errors: number; skipped: number; time: string } {
  const count = (element: string): number => cases.filter((testCase) => testCase.result?.element === element).length;
  const ms = cases.reduce((sum, testCase) => sum + testCase.timeMs, 0);
  return { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped'), time: seconds(ms) };
}

function renderCase(classname: string, testCase: Case): string {
  const open = `    <testcase${attributes({ classname, name: testCase.name, time: seconds(testCase.timeMs) })}`;
  const children: string[] = [];
  const { result } = testCase;
  if (result) {
    const attrs = attributes({ message: result.message, ...(result.type === undefined ? {} : { type: result.type }) });
    children.push(result.body === undefined ? `<${result.element}${attrs}/>` : `<${result.element}${attrs}>${text(result.body)}</${result.element}>`);
  }
  if (testCase.stdout) children.push(`<system-out>${text(testCase.stdout)}</system-out>`);
  if (testCase.stderr) children.push(`<system-err>${text(testCase.stderr)}</system-err>`);
  return children.length === 0 ? `${open}/>` : `${open}>\n      ${children.join('\n      ')}\n    </testcase>`;
}

/** Seconds with millisecond precision, digits and a point only (the xunit schema's SUREFIRE_TIME). */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * Characters XML 1.0 does not allow at all, not even as references: most C0 controls,
 * lone surrogates, U+FFFE and U+FFFF. One of them makes the whole file unreadable.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Learner text made inert first (escape sequences shown as `\x1b`, so no ANSI reaches
 * a CI page, and controls shown by name), then whatever XML still forbids removed.
 */
function clean(value: string): string {
  return sanitizeTerminalText(value).replace(NOT_XML, '');
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values: quotes escaped, and tab, newline and CR as references, since parsers turn raw ones into spaces. */
function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => {
      const escaped = text(String(value)).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
      return ` ${key}="${escaped}"`;
    })
    .join('');
}
