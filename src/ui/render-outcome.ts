/**
 * render(outcome) -> string: a suite's verdict as a learner reads it. Every
 * failure says what happened, where (file:line in *their* code), and what next.
 */
import { stripVTControlCharacters } from 'node:util';
import { baseName, learnerFrames, stuckLocation, type PythonFailure, type TestOutput } from '../core/failures.js';
import type { SuiteOutcome, TestFailure, TestReport } from '../core/outcome.js';
import type { PyErrorInfo } from '../engine/protocol.js';
import type { Theme } from './theme.js';

export interface RenderContext {
  theme: Theme;
  /** The learner's file as it should be shown (relative to where they stand). */
  displayPath: string;
  isLearnerFile: (file: string) => boolean;
}

const INDENT = '   ';
/** Lines of captured output shown per test; the rest is summarised. */
const OUTPUT_LINES = 40;

export function renderOutcome(outcome: SuiteOutcome, context: RenderContext): string {
  const { theme } = context;
  switch (outcome.kind) {
    case 'passed':
    case 'failed':
      return [renderTestList(outcome.tests, theme), ...renderFailures(outcome.tests, context), renderCounts(outcome.tests, theme)]
        .filter((part) => part !== '')
        .join('\n\n');
    case 'broken':
      return [
        theme.red(`${theme.glyph.fail} ${context.displayPath} could not be loaded, so no test ran.`),
        indent(renderFailure(outcome.failure, context)),
      ].join('\n');
    case 'unsupported':
      return `${theme.yellow(`${theme.glyph.skip} ${outcome.reason}`)}\n${INDENT}${outcome.fix}`;
    case 'error':
      return theme.red(`${theme.glyph.fail} The suite could not run: ${outcome.message}`) +
        `\n${INDENT}This is a bug in advpy-kata or the course, not in your code. Please report it.`;
  }
}

function renderTestList(tests: readonly TestReport[], theme: Theme): string {
  return tests
    .map((test) => {
      const name = [...test.path, test.name].join(' › ');
      switch (test.status) {
        case 'passed':
          return `${theme.green(theme.glyph.pass)} ${name}`;
        case 'failed':
          return `${theme.red(theme.glyph.fail)} ${name}`;
        case 'skipped':
          return `${theme.yellow(theme.glyph.skip)} ${theme.dim(`${name} (skipped)`)}`;
      }
    })
    .join('\n');
}

function renderFailures(tests: readonly TestReport[], context: RenderContext): string[] {
  return tests
    .filter((test) => test.status === 'failed')
    .map((test) => {
      const heading = context.theme.red(context.theme.bold(`${context.theme.glyph.fail} ${[...test.path, test.name].join(' › ')}`));
      const body = [test.failure ? renderFailure(test.failure, context) : 'failed', renderOutput(test.output, context)]
        .filter((part) => part !== '')
        .join('\n');
      return `${heading}\n${indent(body)}`;
    });
}

function renderCounts(tests: readonly TestReport[], theme: Theme): string {
  const passed = tests.filter((test) => test.status === 'passed').length;
  const failed = tests.filter((test) => test.status === 'failed').length;
  const skipped = tests.length - passed - failed;
  const parts = [theme.green(`${passed} passed`), failed > 0 ? theme.red(`${failed} failed`) : `${failed} failed`];
  if (skipped > 0) parts.push(theme.yellow(`${skipped} skipped`));
  return parts.join(', ');
}

export function renderFailure(failure: TestFailure, context: RenderContext): string {
  if (failure.python) return renderPythonFailure(failure.python, failure.message, context);
  const lines = [failure.message];
  if (failure.diff) lines.push(context.theme.color ? failure.diff : stripVTControlCharacters(failure.diff));
  return lines.join('\n');
}

function renderPythonFailure(failure: PythonFailure, message: string, context: RenderContext): string {
  const { theme } = context;
  switch (failure.kind) {
    case 'exception': {
      const error = failure.error;
      const lines: string[] = [];
      if (!message.startsWith('Python raised') && !message.startsWith('your file failed')) lines.push(message);
      lines.push(theme.bold(`${error.type}${error.message ? `: ${error.message}` : ''}`));
      lines.push(...renderFrames(error, context));
      for (const note of error.notes) lines.push(theme.dim(`note: ${note}`));
      if (error.cause) lines.push(theme.dim(`caused by ${error.cause.type}: ${error.cause.message}`));
      for (const inner of error.exceptions ?? []) lines.push(`  ${theme.glyph.bullet} ${inner.type}: ${inner.message}`);
      const advice = adviceFor(error, failure.phase);
      if (advice) lines.push(theme.cyan(advice));
      return lines.join('\n');
    }
    case 'timeout': {
      const where = stuckLocation(failure.stuck, context.isLearnerFile);
      const lines = [theme.bold(`Python did not finish within ${formatMs(failure.timeoutMs)}, so it was stopped.`)];
      if (where) lines.push(`stuck here: ${baseName(where.file)}:${where.line} in ${where.name}`);
      lines.push(
        theme.cyan(
          'Look for a loop whose condition never changes, or a wait that nothing ends. ' +
            'Save the file again to re-run.',
        ),
      );
      return lines.join('\n');
    }
    case 'crash':
      return [
        theme.bold(message),
        failure.output.trim() === '' ? '' : theme.dim(lastLines(failure.output, 15)),
        theme.cyan('The interpreter itself stopped, so the test could not finish. os._exit() or a crashed C extension does this.'),
      ]
        .filter((line) => line !== '')
        .join('\n');
    case 'unsupported':
      return `${failure.reason}\n${failure.fix}`;
  }
}

function renderFrames(error: PyErrorInfo, context: RenderContext): string[] {
  return learnerFrames(error.frames).flatMap((frame) => {
    const place = `${frame.learner ? context.displayPath : baseName(frame.file)}:${frame.line ?? '?'}`;
    const lines = [`  at ${context.theme.cyan(place)} in ${frame.name}`];
    if (frame.code) lines.push(`     ${frame.code}`);
    if (frame.column !== undefined && frame.column !== null && frame.code) {
      lines.push(`     ${' '.repeat(Math.max(0, frame.column - 1))}^`);
    }
    return lines;
  });
}

/** Advice for exceptions whose cause is not the learner's logic. */
function adviceFor(error: PyErrorInfo, phase: 'import' | 'test'): string | undefined {
  if (error.type === 'SystemExit') {
    return 'Your code called sys.exit() (or exit()). The tests import your file as a module, so exiting ends them; return a value or raise an exception instead.';
  }
  if (error.type === 'KeyboardInterrupt') return 'The run was interrupted.';
  if (error.type === 'SyntaxError' || error.type === 'IndentationError' || error.type === 'TabError') {
    return 'Python could not parse your file. Fix the line shown above and save; the tests run again.';
  }
  if (phase === 'import') {
    return 'This happened while importing your file, before any test ran: check the code at module level (outside functions).';
  }
  return undefined;
}

function renderOutput(output: TestOutput | undefined, context: RenderContext): string {
  if (!output) return '';
  const parts: string[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const text = output[stream];
    const dropped = output.truncated[stream];
    if (text === '' && dropped === 0) continue;
    const lines = text.replace(/\n$/, '').split('\n');
    const shown = lines.slice(0, OUTPUT_LINES).map((line) => `${context.theme.dim('│')} ${line}`);
    parts.push(context.theme.dim(stream === 'stdout' ? 'Your code printed:' : 'Your code wrote to stderr:'), ...shown);
    const hiddenLines = lines.length - shown.length;
    if (hiddenLines > 0 || dropped > 0) {
      const what = [hiddenLines > 0 ? `${hiddenLines} more line(s)` : '', dropped > 0 ? `${dropped.toLocaleString('en-US')} more character(s)` : '']
        .filter(Boolean)
        .join(' and ');
      parts.push(context.theme.yellow(`… output truncated: ${what} not shown`));
    }
  }
  for (const warning of output.warnings) {
    parts.push(context.theme.yellow(`warning: ${warning.category}: ${warning.message} (${baseName(warning.file)}:${warning.line})`));
  }
  return parts.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : INDENT + line))
    .join('\n');
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}
