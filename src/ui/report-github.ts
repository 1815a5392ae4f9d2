/**
 * `verify --reporter github`: workflow commands GitHub Actions turns into
 * annotations, and a Markdown job summary. GitHub shows at most 10 error
 * annotations per step, so there is one per failing exercise (at the learner's
 * line, with the first failure); every failure is in the summary.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { capText, sanitizeTerminalText } from '../core/terminal-text.js';
import { failsRun, isVerified, type VerifyEntry, type VerifyReport } from '../core/verify.js';
import { failureLine, failureSummary, failureText, firstFailure, fullTestName, runFailure, testsOf } from './report-text.js';

export interface GithubPaths {
  /** The repository root annotations are relative to: GITHUB_WORKSPACE, else the working directory. */
  repositoryRoot: string;
  /** Where `verify` ran, which entries' display paths are relative to. */
  cwd: string;
}

/** GitHub's workflow-command escaping: data escapes %, CR and LF; property values also `:` and `,`. */
export function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Workflow commands are read from the log, so learner text in them must be inert and short. */
const ANNOTATION_CAP = 1000;

/** The file as GitHub wants it: relative to the repository root, with forward slashes; undefined when outside it. */
export function repositoryPath(entry: Pick<VerifyEntry, 'file' | 'path'>, paths: GithubPaths): string | undefined {
  const absolute = entry.path ?? resolve(paths.cwd, entry.file);
  const inside = relative(paths.repositoryRoot, absolute);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.replaceAll('\\', '/');
}

export function renderGithubAnnotations(report: VerifyReport, paths: GithubPaths): string {
  const lines = report.problems.map((problem) => `::error title=advpy-kata course::${githubData(sanitizeTerminalText(problem))}`);
  for (const entry of report.entries) {
    if (entry.verdict === 'ok') continue;
    const level = failsRun(report, entry) ? 'error' : 'warning';
    const file = repositoryPath(entry, paths);
    const properties: string[] = [];
    if (file !== undefined) properties.push(`file=${githubProperty(file)}`);
    let message: string;
    if (entry.outcome.kind === 'unsupported') {
      message = `${entry.exercise.id} was not checked: ${entry.outcome.reason}. ${entry.outcome.fix}`;
    } else {
      const first = firstFailure(entry);
      const line = failureLine(first?.failure, entry);
      if (line !== undefined) properties.push(`line=${line}`);
      const what = first ? failureSummary(first.failure, entry) : entry.message;
      const failing = testsOf(entry.outcome).filter((test) => test.status === 'failed').length;
      const more = failing > 1 ? ` (${failing - 1} more failing test${failing > 2 ? 's' : ''}: see the job summary)` : '';
      const where = first?.test ? `${fullTestName(first.test)}: ` : '';
      message = `${what === entry.message ? what : `${entry.message}: ${where}${what}`}${more}`;
      if (file === undefined) message += ` [${entry.file}]`;
    }
    properties.push(`title=${githubProperty(`advpy-kata ${entry.exercise.id}${entry.target === 'workspace' ? '' : ` (${entry.target})`}`)}`);
    lines.push(`::${level} ${properties.join(',')}::${githubData(capText(sanitizeTerminalText(message), ANNOTATION_CAP))}`);
  }
  return lines.join('\n');
}

/** Characters of one failure's text in the summary; GitHub takes up to 1 MiB per step. */
const SUMMARY_FAILURE_CAP = 4000;
const SUMMARY_CAP = 900_000;

/** The job summary: a table of every exercise checked, then every failure in full. */
export function renderGithubSummary(report: VerifyReport): string {
  const checked = report.entries.filter((entry) => entry.outcome.kind !== 'unsupported');
  const passing = report.entries.filter((entry) => entry.verdict === 'ok').length;
  const verdict = isVerified(report) ? '✅ verified' : '❌ not verified';
  const what = report.mode === 'done' ? 'the exercises done so far' : report.mode === 'solutions' ? 'the course' : 'every exercise';
  const lines = [`## advpy-kata: ${verdict}`, '', `Checked ${what}: ${passing} of ${report.entries.length} verified.`, ''];
  for (const problem of report.problems) lines.push(`- ❌ ${inline(problem)}`);
  if (report.entries.length > 0) {
    lines.push('| exercise | file | result |', '| --- | --- | --- |');
    for (const entry of report.entries) {
      const mark = entry.verdict === 'ok' ? '✅' : failsRun(report, entry) ? '❌' : '⚠️';
      const label = entry.target === 'workspace' ? entry.exercise.id : `${entry.exercise.id} (${entry.target})`;
      lines.push(`| ${mark} ${inline(label)} | \`${inline(entry.file)}\` | ${inline(resultOf(entry))} |`);
    }
    lines.push('');
  }
  if (report.notDone !== undefined && report.notDone.length > 0) {
    const named = report.notDone.slice(0, 5).join(', ') + (report.notDone.length > 5 ? ', …' : '');
    lines.push(`Not checked, since they are not done yet: ${report.notDone.length} exercise${report.notDone.length === 1 ? '' : 's'} (${inline(named)}).`, '');
  }
  for (const entry of checked.filter((candidate) => candidate.verdict === 'problem')) lines.push(...failureSection(entry));
  const summary = `${lines.join('\n')}\n`;
  return summary.length <= SUMMARY_CAP ? summary : `${summary.slice(0, SUMMARY_CAP)}\n\n…(the rest of this summary was cut: see the job log)\n`;
}

function resultOf(entry: VerifyEntry): string {
  if (entry.outcome.kind === 'unsupported') return `not checked: ${entry.outcome.reason}`;
  const tests = testsOf(entry.outcome);
  const failing = tests.filter((test) => test.status !== 'passed').length;
  if (runFailure(entry) || tests.length === 0 || entry.verdict === 'ok') return entry.message;
  return `${entry.message}: ${failing} of ${tests.length} tests not passing`;
}

function failureSection(entry: VerifyEntry): string[] {
  const lines = [`### ${inline(entry.exercise.id)}: ${inline(entry.message)}`, ''];
  const broke = runFailure(entry);
  const failures = broke
    ? [{ title: entry.outcome.kind === 'broken' ? `${entry.file} could not be loaded` : 'the suite could not run', failure: broke }]
    : testsOf(entry.outcome)
        .filter((test) => test.status === 'failed')
        .map((test) => ({ title: fullTestName(test), failure: test.failure ?? { message: 'failed' } }));
  for (const { title, failure } of failures) {
    lines.push(`<details><summary>✗ ${html(title)}</summary>`, '', ...fenced(capText(failureText(failure, entry), SUMMARY_FAILURE_CAP)), '', '</details>', '');
  }
  return lines;
}

/** Text for a table cell or a heading: inert, on one line, with Markdown's and HTML's specials escaped. */
function inline(text: string): string {
  return html(sanitizeTerminalText(text))
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]|#])/g, '\\$1');
}

function html(text: string): string {
  return sanitizeTerminalText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code block whose fence is longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, text, fence];
}
