import { describe, expect, it } from 'vitest';
import { editDistance, resolveExerciseRef } from '../../src/core/refs.js';
import { exercise } from './_fixtures.js';

const COURSE = [exercise(1, 'logged'), exercise(5, 'retry'), exercise(7, 'caching'), exercise(12, 'transaction', { chapter: '02_disposables' })];

describe('resolveExerciseRef', () => {
  it.each([
    ['7', '07_caching'],
    ['07', '07_caching'],
    ['007', '07_caching'],
    ['12', '12_transaction'],
    ['1', '01_logged'],
    ['retry', '05_retry'],
    ['05_retry', '05_retry'],
    ['05_retry.py', '05_retry'],
    ['retry.py', '05_retry'],
    ['  Retry ', '05_retry'],
    ['05_RETRY.PY', '05_retry'],
  ])('%j is %s', (ref, id) => {
    const result = resolveExerciseRef(ref, COURSE);
    expect(result.ok && result.exercise.id).toBe(id);
  });

  it.each([
    ['retyr', ['05_retry']],
    ['cachign', ['07_caching']],
    ['5_retry', ['05_retry']],
    ['07_cashing', ['07_caching']],
    ['transactoin', ['12_transaction']],
    ['99', []],
    ['0', []],
    ['zzzzzzzzzzzz', []],
    ['', []],
    ['3', []],
  ])('%j is unknown; suggestions %j', (ref, suggestions) => {
    const result = resolveExerciseRef(ref, COURSE);
    expect(result).toEqual({ ok: false, message: `there is no exercise "${ref}"`, suggestions });
  });

  it('suggests at most three exercises, closest first', () => {
    const course = [exercise(1, 'abcd'), exercise(2, 'abcx'), exercise(3, 'abxx'), exercise(4, 'abce'), exercise(5, 'abcf')];
    const result = resolveExerciseRef('abcz', course);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.suggestions).toHaveLength(3);
    expect(result.suggestions).not.toContain('03_abxx');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
    ['kitten', 'sitting', 3],
    ['retyr', 'retry', 2],
    ['flaw', 'lawn', 2],
  ])('%j → %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});
