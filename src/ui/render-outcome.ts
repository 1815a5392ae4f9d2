/**
 * render(outcome) -> string: a suite's verdict as a learner reads it. Every
 * failure says what happened, where (file:line in *their* code), and what next.
 */
import { baseName, learnerFrames, describeThreads, locateStuck, renderCrashPlace, renderStuckPlace, type PythonFailure, type TestOutput } from '../core/failures.js';
import type { Explanation } from '../core/explanations.js';
import { learnerText, sanitizeTerminalText } from '../core/terminal-text.js';
import type { Comparison, SuiteOutcome, TestFailure, TestReport } from '../core/outcome.js';
import type { PyErrorInfo, PyFrame } from '../core/protocol.js';
import { charWidth } from './layout.js';
import { diffLines } from './line-diff.js';
import type { Theme } from './theme.js';

export interface RenderContext {
  theme: Theme;
  /** The learner's file as it should be shown (relative to where they stand). */
  displayPath: string;
  isLearnerFile: (file: string) => boolean;
  /**
   * Ids of the explanations already shown in this render, so a habit behind several
   * failures is explained once. renderOutcome makes one when the caller gave none.
   */
  explained?: Set<string>;
}

const INDENT = '   ';
/** Lines of captured output shown per test; the rest is summarised. */
const OUTPUT_LINES = 40;
/** Characters shown of one printed line (a single line can be megabytes long). */
const OUTPUT_LINE_CAP = 500;

export function renderOutcome(outcome: SuiteOutcome, given: RenderContext): string {
  const context: RenderContext = { ...given, explained: given.explained ?? new Set() };
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

/** A test's name with its describe blocks, as the learner reads it. */
export function testName(test: TestReport, theme: Theme): string {
  return sanitizeTerminalText([...test.path, test.name].join(` ${theme.glyph.pointer} `));
}

/** One line per test: its mark and its name. */
export function renderTestLine(test: TestReport, theme: Theme): string {
  const name = testName(test, theme);
  switch (test.status) {
    case 'passed':
      return `${theme.green(theme.glyph.pass)} ${name}`;
    case 'failed':
      return `${theme.red(theme.glyph.fail)} ${name}`;
    case 'skipped':
      return `${theme.yellow(theme.glyph.skip)} ${theme.dim(`${name} (skipped)`)}`;
  }
}

function renderTestList(tests: readonly TestReport[], theme: Theme): string {
  return tests.map((test) => renderTestLine(test, theme)).join('\n');
}

function renderFailures(tests: readonly TestReport[], context: RenderContext): string[] {
  return tests.filter((test) => test.status === 'failed').map((test) => renderFailedTest(test, context));
}

/** One failed test in detail: its name, then the failure and what it printed, indented. */
export function renderFailedTest(test: TestReport, context: RenderContext): string {
  const heading = context.theme.red(context.theme.bold(`${context.theme.glyph.fail} ${testName(test, context.theme)}`));
  const body = [test.failure ? renderFailure(test.failure, context) : 'failed', renderOutput(test.output, context)]
    .filter((part) => part !== '')
    .join('\n');
  return `${heading}\n${indent(body)}`;
}

export function renderCounts(tests: readonly TestReport[], theme: Theme): string {
  const passed = tests.filter((test) => test.status === 'passed').length;
  const failed = tests.filter((test) => test.status === 'failed').length;
  const skipped = tests.length - passed - failed;
  const parts = [theme.green(`${passed} passed`), failed > 0 ? theme.red(`${failed} failed`) : `${failed} failed`];
  if (skipped > 0) parts.push(theme.yellow(`${skipped} skipped`));
  return parts.join(', ');
}

export function renderFailure(failure: TestFailure, context: RenderContext): string {
  const body = failure.python ? renderPythonFailure(failure.python, failure.message, context) : renderAssertion(failure, context);
  return [body, ...renderExplanations(failure.explanations ?? [], context)].join('\n');
}

/** Suite messages quote the learner's values, so they are learner text too, with a larger cap. */
const SUITE_MESSAGE_CAP = 4000;

function renderAssertion(failure: TestFailure, context: RenderContext): string {
  const lines = [learnerText(failure.message, SUITE_MESSAGE_CAP)];
  if (failure.comparison) lines.push(...renderComparison(failure.comparison, context.theme));
  return lines.join('\n');
}

/** Lines of a diff shown before the rest is counted. */
const DIFF_LINES = 40;
/** Characters shown of one expected or received value. */
const VALUE_CAP = 1000;

/**
 * Expected and received, each once, in words a Python learner reads: text quoted,
 * values with Python's True/False/None, and a line diff only where lines differ
 * (multi-line text, lists, dicts). Never the assertion library's sentence.
 */
export function renderComparison(comparison: Comparison, theme: Theme): string[] {
  const show = (value: string): string =>
    learnerText(comparison.text ? JSON.stringify(value) : pythonWords(value), VALUE_CAP);
  if (comparison.relation !== undefined) {
    const wanted = comparison.relation === 'contain' || comparison.relation === 'match' ? `Expected to ${comparison.relation}:` : `Expected a value ${comparison.relation}:`;
    return [`${theme.green(wanted)} ${show(comparison.expected)}`, `${theme.red('Received:')} ${show(comparison.received)}`];
  }
  const expected = linesOf(comparison, comparison.expected);
  const received = linesOf(comparison, comparison.received);
  const diff = expected.length > 1 || received.length > 1 ? diffLines(expected, received) : undefined;
  if (!diff || expected.length === 0 || received.length === 0) {
    return [`${theme.green('Expected:')} ${show(comparison.expected)}`, `${theme.red('Received:')} ${show(comparison.received)}`];
  }
  const out = [`${theme.green('- expected')} ${theme.dim('and')} ${theme.red('+ received')}${theme.dim(comparison.text ? ', line by line:' : ':')}`];
  for (const line of diff.slice(0, DIFF_LINES)) {
    const text = learnerText(comparison.text ? line.text : pythonWords(line.text), VALUE_CAP);
    out.push(line.kind === 'same' ? theme.dim(`  ${text}`) : line.kind === 'expected' ? theme.green(`- ${text}`) : theme.red(`+ ${text}`));
  }
  if (diff.length > DIFF_LINES) out.push(theme.dim(`${theme.glyph.ellipsis} ${diff.length - DIFF_LINES} more line(s) of the comparison not shown`));
  if (comparison.text) {
    const wantsNewline = comparison.expected.endsWith('\n');
    if (wantsNewline !== comparison.received.endsWith('\n')) {
      out.push(theme.dim(wantsNewline ? 'The expected text ends with a newline; yours does not.' : 'Your text ends with a newline; the expected text does not.'));
    }
  }
  return out;
}

function linesOf(comparison: Comparison, value: string): string[] {
  if (!comparison.text) return value.split('\n');
  return value === '' ? [] : value.replace(/\n$/, '').split('\n');
}

/** JavaScript's words for Python's values, outside string literals: true -> True, null -> None. */
export function pythonWords(value: string): string {
  const words: Record<string, string> = { true: 'True', false: 'False', null: 'None' };
  return value.replace(/"(?:[^"\\]|\\.)*"|\b(true|false|null)\b/g, (match, word: string | undefined) => (word ? (words[word] ?? match) : match));
}

/** A habit from TypeScript or Go that the failure showed evidence of: expectation, Python's way, the fix. */
function renderExplanations(explanations: readonly Explanation[], context: RenderContext): string[] {
  const { theme } = context;
  return explanations.flatMap((explanation) => {
    // Shown once per screen or report: six failures with one cause get one explanation.
    if (context.explained?.has(explanation.id)) return [theme.dim(`(${AUDIENCE_LABEL[explanation.audience]} The same habit as explained above.)`)];
    context.explained?.add(explanation.id);
    return [
      `${theme.cyan(AUDIENCE_LABEL[explanation.audience])} ${explanation.expected} ${explanation.python}`,
      `${theme.cyan('Fix:')} ${explanation.fix}`,
    ];
  });
}

const AUDIENCE_LABEL: Record<Explanation['audience'], string> = {
  ts: 'Coming from TypeScript?',
  go: 'Coming from Go?',
  both: 'Coming from TS/Go?',
};

function renderPythonFailure(failure: PythonFailure, message: string, context: RenderContext): string {
  const { theme } = context;
  switch (failure.kind) {
    case 'exception': {
      const error = failure.error;
      const lines: string[] = [];
      if (!message.startsWith('Python raised') && !message.startsWith('your file failed')) lines.push(learnerText(message, SUITE_MESSAGE_CAP));
      lines.push(theme.bold(learnerText(`${error.type}${error.message ? `: ${error.message}` : ''}`)));
      lines.push(...renderFrames(error.frames, context));
      for (const note of error.notes) lines.push(theme.dim(`note: ${learnerText(note)}`));
      lines.push(...renderRootCause(error, context));
      for (const inner of error.exceptions ?? []) lines.push(`  ${theme.glyph.bullet} ${learnerText(`${inner.type}: ${inner.message}`)}`);
      const advice = adviceFor(error, failure.phase);
      if (advice) lines.push(theme.cyan(advice));
      return lines.join('\n');
    }
    case 'timeout': {
      const place = locateStuck(failure.stuck, context.isLearnerFile);
      const lines = [theme.bold(`Python did not finish within ${formatMs(failure.timeoutMs)}, so it was stopped.`)];
      if (place) lines.push(renderStuckPlace(place));
      const threads = describeThreads(failure.stuck, context.isLearnerFile);
      // Only worth a list when the code started threads of its own.
      if (threads.length > 1) lines.push(`Every thread when it was stopped:`, ...threads.map((line) => `  ${theme.glyph.bullet} ${learnerText(line)}`));
      lines.push(
        theme.cyan(
          'Look for a loop whose condition never changes, or a wait that nothing ends. ' +
            'Save the file again to re-run.',
        ),
      );
      return lines.join('\n');
    }
    case 'crash': {
      const place = locateStuck(failure.stack ?? [], context.isLearnerFile);
      const where = place ? renderCrashPlace(place) : undefined;
      const fatal = failure.signal !== null && ['SIGSEGV', 'SIGBUS'].includes(failure.signal);
      return [
        theme.bold(message),
        where === undefined ? '' : learnerText(where),
        failure.output.trim() === '' ? '' : theme.dim(learnerText(lastLines(failure.output, 15))),
        theme.cyan(
          fatal
            ? 'The interpreter itself crashed: C code (ctypes, or a C extension) read memory it must not. It is Go\'s nil ' +
                'pointer dereference, but no exception or recover() can catch it here. Check the pointers and sizes you pass to C.'
            : 'The interpreter itself stopped, so the test could not finish. os._exit() or a crashed C extension does this.',
        ),
      ]
        .filter((line) => line !== '')
        .join('\n');
    }
    case 'channel':
      return [
        theme.bold("The runner's private channel to Python was disturbed, so the run was stopped."),
        theme.dim(`received: ${learnerText(failure.received, 200)}`),
        theme.cyan(
          'The runner talks to Python over file descriptors 3 to 5. Your code wrote to one of them, or closed or replaced it ' +
            '(os.write, os.close, os.dup2). Print with print() or sys.stdout, and leave descriptors you did not open alone.',
        ),
      ].join('\n');
    case 'unsupported':
      return `${failure.reason}\n${failure.fix}`;
  }
}

/** Characters of a source line shown under a frame. */
const CODE_CAP = 300;

function renderFrames(frames: readonly PyFrame[], context: RenderContext): string[] {
  return collapseRepeats(learnerFrames(frames)).flatMap((frame) => {
    const { theme } = context;
    const place = `${frame.learner ? context.displayPath : baseName(frame.file)}:${frame.line ?? '?'}`;
    const repeat = (frame.repeat ?? 1) > 1 ? theme.yellow(` (repeated ${(frame.repeat ?? 1).toLocaleString('en-US')} times in a row)`) : '';
    const lines = [`  at ${theme.cyan(sanitizeTerminalText(place))} in ${sanitizeTerminalText(frame.name)}${repeat}`];
    if (frame.code) {
      const code = learnerText(frame.code, CODE_CAP);
      lines.push(`     ${code}`);
      const caret = caretLine(frame, code);
      if (caret !== undefined) lines.push(`     ${caret}`);
    }
    return lines;
  });
}

/**
 * The `^` under a SyntaxError's column. Python counts the column in the real line;
 * the code is shown without its indentation, so that is subtracted. The prefix
 * copies the shown code's tabs and wide characters so the caret lines up on screen.
 */
export function caretLine(frame: Pick<PyFrame, 'column' | 'end_column' | 'indent'>, code: string): string | undefined {
  if (frame.column === undefined || frame.column === null || code === '') return undefined;
  const chars = [...code];
  const at = Math.min(Math.max(0, frame.column - 1 - (frame.indent ?? 0)), chars.length);
  const span = frame.end_column !== undefined && frame.end_column > frame.column ? frame.end_column - frame.column : 1;
  const width = Math.max(1, Math.min(span, chars.length - at));
  const prefix = chars.slice(0, at).map((char) => (char === '\t' ? '\t' : ' '.repeat(charWidth(char.codePointAt(0) ?? 32)))).join('');
  return `${prefix}${'^'.repeat(width)}`;
}

/** Consecutive identical frames as one, their repeats added (a RecursionError's hundreds of calls). */
export function collapseRepeats(frames: readonly PyFrame[]): PyFrame[] {
  const out: PyFrame[] = [];
  for (const frame of frames) {
    const last = out.at(-1);
    if (last && last.file === frame.file && last.line === frame.line && last.name === frame.name) {
      out[out.length - 1] = { ...last, repeat: (last.repeat ?? 1) + (frame.repeat ?? 1) };
    } else {
      out.push(frame);
    }
  }
  return out;
}

/** The root of an exception chain, and where it was raised in the learner's code. */
function renderRootCause(error: PyErrorInfo, context: RenderContext): string[] {
  const cause = error.cause;
  if (!cause) return [];
  const depth = cause.depth ?? 1;
  const label = depth > 1 ? `root cause, ${depth} exceptions down the chain:` : 'caused by';
  const lines = [context.theme.dim(`${label} `) + context.theme.bold(learnerText(`${cause.type}${cause.message ? `: ${cause.message}` : ''}`))];
  const mine = (cause.frames ?? []).filter((frame) => frame.learner);
  return [...lines, ...renderFrames(mine, context)];
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
    const shown = lines.slice(0, OUTPUT_LINES).map((line) => `${context.theme.dim(context.theme.glyph.rule)} ${learnerText(line, OUTPUT_LINE_CAP)}`);
    parts.push(context.theme.dim(stream === 'stdout' ? 'Your code printed:' : 'Your code wrote to stderr:'), ...shown);
    const hiddenLines = lines.length - shown.length;
    if (hiddenLines > 0 || dropped > 0) {
      const what = [hiddenLines > 0 ? `${hiddenLines} more line(s)` : '', dropped > 0 ? `${dropped.toLocaleString('en-US')} more character(s)` : '']
        .filter(Boolean)
        .join(' and ');
      parts.push(context.theme.yellow(`${context.theme.glyph.ellipsis} output truncated: ${what} not shown`));
    }
  }
  for (const warning of output.warnings) {
    parts.push(context.theme.yellow(learnerText(`warning: ${warning.category}: ${warning.message} (${baseName(warning.file)}:${warning.line})`)));
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
