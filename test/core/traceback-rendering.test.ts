/** Tracebacks for people: repeats collapsed, the root cause shown, the caret under the right column. */
import { describe, expect, test } from 'vitest';
import type { TestFailure } from '../../src/core/outcome.js';
import type { PyErrorInfo, PyFrame } from '../../src/core/protocol.js';
import { caretLine, collapseRepeats, renderFailure } from '../../src/ui/render-outcome.js';
import { createTheme } from '../../src/ui/theme.js';

const context = { theme: createTheme(false, true), displayPath: 'exercises/01_logged.py', isLearnerFile: () => true };
const frame = (line: number, name: string, extra: Partial<PyFrame> = {}): PyFrame => ({ file: '/ws/01_logged.py', line, name, code: `code ${line}`, learner: true, ...extra });
const failureOf = (error: Partial<PyErrorInfo>): TestFailure => ({
  message: 'Python raised it',
  python: { kind: 'exception', phase: 'test', error: { type: 'RecursionError', module: 'builtins', message: 'maximum recursion depth exceeded', frames: [], notes: [], ...error } },
});

describe('caretLine', () => {
  test.each<[string, Partial<PyFrame>, string, string | undefined]>([
    ['the indentation Python counted is subtracted', { column: 13, indent: 8 }, 'x = (1 +', '    ^'],
    ['an unindented line', { column: 5 }, 'x = (1 +', '    ^'],
    ['a range is underlined whole', { column: 9, end_column: 12, indent: 4 }, 'if x === 1:', '    ^^^'],
    ['a tab in the code stays a tab, so the caret lines up', { column: 3, indent: 0 }, 'a\tb', ' \t^'],
    ['a column past the end points just after the code', { column: 40, indent: 4 }, 'def f(:', '       ^'],
    ['no column, no caret', {}, 'pass', undefined],
  ])('%s', (_name, where, code, caret) => {
    expect(caretLine(where, code)).toBe(caret);
  });
});

describe('repeated frames', () => {
  test('consecutive identical frames collapse into one with the count added up', () => {
    expect(collapseRepeats([frame(1, 'main'), frame(2, 'f', { repeat: 10 }), frame(2, 'f'), frame(3, 'g')])).toEqual([
      frame(1, 'main'),
      frame(2, 'f', { repeat: 11 }),
      frame(3, 'g'),
    ]);
  });

  test('a RecursionError shows its frame once, with how often it repeated', () => {
    const shown = renderFailure(failureOf({ frames: [frame(2, 'walk', { repeat: 996 }), frame(2, 'walk', { repeat: 3 })] }), context);
    expect(shown.match(/at exercises\/01_logged\.py:2 in walk/g)).toHaveLength(1);
    expect(shown).toContain('(repeated 999 times in a row)');
  });
});

describe('chained exceptions', () => {
  test.each<[string, PyErrorInfo['cause'], RegExp]>([
    ['a direct cause', { type: 'KeyError', message: "'k'", depth: 1, frames: [frame(6, 'load')] }, /caused by KeyError: 'k'\n {2}at exercises\/01_logged\.py:6 in load/],
    ['the root of a longer chain', { type: 'KeyError', message: "'k'", depth: 3, frames: [frame(6, 'load')] }, /root cause, 3 exceptions down the chain: KeyError: 'k'\n {2}at exercises\/01_logged\.py:6 in load/],
    ['an older bridge that sent type and message only', { type: 'OSError', message: 'gone' }, /caused by OSError: gone$/],
  ])('%s', (_name, cause, shown) => {
    expect(renderFailure(failureOf({ type: 'RuntimeError', message: 'outer', frames: [frame(14, 'h')], cause }), context)).toMatch(shown);
  });
});
