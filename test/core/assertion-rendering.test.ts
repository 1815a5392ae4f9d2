/** Assertions in our words: Vitest's error -> message + comparison -> lines a learner reads. */
import { describe, expect, test } from 'vitest';
import type { Comparison } from '../../src/core/outcome.js';
import { isBareVerdict, parseAssertionError } from '../../src/runner/vitest-assertion.js';
import { renderComparison } from '../../src/ui/render-outcome.js';
import { createTheme } from '../../src/ui/theme.js';

const theme = createTheme(false, true);
const VITEST_WORDS = /Object\.is|deeply equal|strictly equal|to be |expected .* to /;

// Errors as Vitest 4 serialises them (captured from real failing expects).
describe('parseAssertionError', () => {
  test.each<[string, { message: string; expected?: unknown; actual?: unknown }, string, Comparison]>([
    [
      'toBe on strings, with the suite message',
      { message: "logged(add)(2, 3) should print: \"calling add\": expected 'inside add\\n' to be 'calling add\\ninside add\\n' // Object.is equality", expected: 'calling add\ninside add\n', actual: 'inside add\n' },
      'logged(add)(2, 3) should print: "calling add"',
      { expected: 'calling add\ninside add\n', received: 'inside add\n', text: true },
    ],
    [
      'toEqual on lists',
      { message: "the calls list: expected [ 'a', 'b', 'c', 'd', 'e' ] to deeply equal []", expected: '[]', actual: '[\n  "a",\n  "b",\n]' },
      'the calls list',
      { expected: '[]', received: '[\n  "a",\n  "b",\n]', text: false },
    ],
    [
      'toBe on booleans',
      { message: 'should be a function: expected false to be true // Object.is equality', expected: 'true', actual: 'false' },
      'should be a function',
      { expected: 'true', received: 'false', text: false },
    ],
    ['no suite message', { message: 'expected undefined to be 3 // Object.is equality', expected: '3', actual: 'undefined' }, '', { expected: '3', received: 'undefined', text: false }],
    ['toContain', { message: "contain: expected [ 'a' ] to include 'b'", actual: ['a'] }, 'contain', { expected: 'undefined', received: '[\n  "a"\n]', text: false, relation: 'contain' }],
    ['toBeGreaterThan', { message: 'gt: expected 1 to be greater than 2', expected: 2, actual: 1 }, 'gt', { expected: '2', received: '1', text: false, relation: 'greater than' }],
    ['not.toBeNull', { message: 'nn: expected null not to be null', expected: 'null', actual: 'null' }, 'nn', { expected: 'null', received: 'null', text: false, relation: 'other than' }],
  ])('%s', (_name, error, message, comparison) => {
    expect(parseAssertionError(error)).toEqual({ message, comparison });
  });

  test('an error without compared values is left alone', () => {
    expect(parseAssertionError({ message: 'expected KeyError to be raised because x, but nothing was raised' })).toBeUndefined();
  });
});

describe('isBareVerdict: a failed boolean check adds nothing to the suite sentence', () => {
  test.each<[string, Comparison, boolean]>([
    ['true expected, false received', { expected: 'true', received: 'false', text: false }, true],
    ['false expected, true received', { expected: 'false', received: 'true', text: false }, true],
    ['the text "true" is a value worth showing', { expected: 'true', received: 'false', text: true }, false],
    ['a number is a value worth showing', { expected: '3', received: 'false', text: false }, false],
    ['a relation is not a bare verdict', { expected: 'true', received: 'false', text: false, relation: 'other than' }, false],
  ])('%s', (_name, comparison, bare) => {
    expect(isBareVerdict(comparison)).toBe(bare);
  });
});

describe('renderComparison', () => {
  test.each<[string, Comparison, string[]]>([
    ['one-line text is quoted, once each', { expected: 'HELLO', received: 'hello', text: true }, ['Expected: "HELLO"', 'Received: "hello"']],
    [
      'multi-line text is a line diff, with the missing newline named',
      { expected: 'calling add\ninside add\n', received: 'inside add', text: true },
      ['- expected and + received, line by line:', '- calling add', '  inside add', 'The expected text ends with a newline; yours does not.'],
    ],
    ['values use Python words', { expected: 'true', received: 'null', text: false }, ['Expected: True', 'Received: None']],
    [
      'lists are diffed by line, strings inside left as they are',
      { expected: '[\n  "a",\n  true,\n]', received: '[\n  "a",\n  false,\n]', text: false },
      ['- expected and + received:', '  [', '    "a",', '-   True,', '+   False,', '  ]'],
    ],
    ['a relation is said in words', { expected: '2', received: '1', text: false, relation: 'greater than' }, ['Expected a value greater than: 2', 'Received: 1']],
    ['empty text is quoted rather than diffed', { expected: 'a\nb\n', received: '', text: true }, ['Expected: "a\\nb\\n"', 'Received: ""']],
  ])('%s', (_name, comparison, lines) => {
    const rendered = renderComparison(comparison, theme);
    expect(rendered).toEqual(lines);
    expect(rendered.join('\n')).not.toMatch(VITEST_WORDS);
  });
});
