/**
 * The hint ladder, checked on the real manifest: three rungs or more, and a last
 * rung that describes the structure in words. A backticked span that reads as a
 * statement (an assignment, a def, a return, a block header) is code a learner
 * could paste, which is what the last hint must never be.
 */
import { describe, expect, test } from 'vitest';
import { readCourse } from '../../src/workspace/course.js';

const course = await readCourse();

/**
 * Backticked spans that are statements rather than names, keyword arguments or
 * schematic fragments (`with suppress(...)`, `async def`).
 */
function pasteableSpans(hint: string): string[] {
  const spans = [...hint.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
  const statement = [
    /\s([-+*/%&|^]|\/\/|\*\*)?=\s/, // an assignment statement (spaced, or augmented); not a keyword argument
    /^\s*(def|class|return|import|from|raise|yield|with|for|while|if|try|await|del|assert)\s+(?!def\b)\S+/,
    /:\s*$/, // a block header such as `except ValueError:`
    /;/,
  ];
  const schematic = /\.\.\.|…/;
  return spans.filter(
    (span) => !schematic.test(span) && (statement.some((pattern) => pattern.test(span)) || span.length > 60),
  );
}

describe('pasteableSpans', () => {
  test.each([
    ['use `functools.wraps` and `__set_name__`', []],
    ['compare with `a == b` or `x <= y`', []],
    ['write `self._radius = value`', ['self._radius = value']],
    ['end with `return wrapper`', ['return wrapper']],
    ['catch with `except ValueError:`', ['except ValueError:']],
    ['type it `def f[**P, R](fn: Callable[P, R]) -> Callable[P, R]`', ['def f[**P, R](fn: Callable[P, R]) -> Callable[P, R]']],
    ['a keyword argument such as `clock=time.monotonic` is a name, not a statement', []],
    ['an augmented assignment `count += 1`', ['count += 1']],
    ['naming constructs: `async def`, `with suppress(...)`', []],
    ['a bare statement `raise ValueError(value)`', ['raise ValueError(value)']],
  ])('%s', (hint, expected) => {
    expect(pasteableSpans(hint)).toEqual(expected);
  });
});

describe('every exercise has a hint ladder', () => {
  for (const exercise of course.exercises) {
    test(`${exercise.id}: three or more hints, the last in words`, () => {
      expect(exercise.hints.length, `${exercise.id} needs a nudge, the concept, then the structure in words`).toBeGreaterThanOrEqual(3);
      expect(exercise.hints.join(' '), `${exercise.id} still has placeholder hints`).not.toMatch(/PLACEHOLDER/);
      const last = exercise.hints.at(-1) ?? '';
      expect(pasteableSpans(last), `${exercise.id}'s last hint should describe the structure, not give code`).toEqual([]);
    });
  }
});
