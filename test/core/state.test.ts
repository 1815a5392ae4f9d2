import { describe, expect, it } from 'vitest';
import {
  advance,
  initialState,
  isComplete,
  isUnlocked,
  markPending,
  nextHint,
  reconcileState,
  recordRun,
  selectExercise,
  statusOf,
  type ExerciseStatus,
  type State,
} from '../../src/core/state.js';
import { ABC, exercise } from './_fixtures.js';

const NOW = new Date('2025-01-02T03:04:05.000Z');

/** A state over 01_a, 02_b, 03_c with the given ids done. */
function state(done: string[], current: string, extra: State['exercises'] = {}): State {
  const exercises: State['exercises'] = {};
  for (const { id } of ABC) exercises[id] = { status: done.includes(id) ? 'done' : 'pending', hintsShown: 0, attempts: 0 };
  return { formatVersion: 1, current, exercises: { ...exercises, ...extra } };
}

describe('initialState', () => {
  it('starts at the first exercise with every exercise pending', () => {
    expect(initialState(ABC)).toEqual({
      formatVersion: 1,
      current: '01_a',
      exercises: Object.fromEntries(ABC.map(({ id }) => [id, { status: 'pending', hintsShown: 0, attempts: 0 }])),
    });
  });

  it('has no current exercise for an empty course', () => {
    expect(initialState([]).current).toBe('');
  });
});

describe('reconcileState', () => {
  const gone = { status: 'done', hintsShown: 0, attempts: 0 } as const;
  it.each([
    ['drops an exercise the course no longer has', state([], '01_a', { '99_gone': gone }), '01_a', ['dropped 99_gone, which the course no longer has']],
    ['keeps an unlocked current exercise, even a done one', state(['01_a'], '01_a'), '01_a', []],
    ['keeps a pending current exercise', state(['01_a'], '02_b'), '02_b', []],
    ['moves current off an exercise that no longer exists', state(['01_a'], '99_gone'), '02_b', ['current exercise is now 02_b']],
    ['moves current off a locked exercise', state([], '03_c'), '01_a', ['current exercise is now 01_a']],
    ['puts current on the last exercise when all are done', state(['01_a', '02_b', '03_c'], '99_gone'), '03_c', ['current exercise is now 03_c']],
    ['says nothing when an empty current is filled in', state([], ''), '01_a', []],
  ])('%s', (_, before, current, changes) => {
    const result = reconcileState(before, ABC);
    expect(result.state.current).toBe(current);
    expect(Object.keys(result.state.exercises)).toEqual(['01_a', '02_b', '03_c']);
    expect(result.changes).toEqual(changes);
  });

  it('adds new exercises as pending and keeps the progress of known ones', () => {
    const before: State = { formatVersion: 1, current: '02_b', exercises: { '01_a': { status: 'done', hintsShown: 2, attempts: 3 } } };
    const { state: after, changes } = reconcileState(before, ABC);
    expect(after.exercises).toEqual({
      '01_a': { status: 'done', hintsShown: 2, attempts: 3 },
      '02_b': { status: 'pending', hintsShown: 0, attempts: 0 },
      '03_c': { status: 'pending', hintsShown: 0, attempts: 0 },
    });
    expect(changes).toEqual(['new exercise 02_b', 'new exercise 03_c']);
  });
});

describe('isUnlocked', () => {
  it.each([
    [[], '01_a', true],
    [[], '02_b', false],
    [['01_a'], '02_b', true],
    [['01_a'], '03_c', false],
    [['02_b'], '03_c', false],
    [['01_a', '02_b'], '03_c', true],
    [['01_a', '02_b', '03_c'], '99_gone', false],
  ])('with %j done, %s unlocked: %s', (done, id, expected) => {
    expect(isUnlocked(state(done, '01_a'), ABC, id)).toBe(expected);
  });
});

describe('statusOf', () => {
  it.each<[string[], string, string, ExerciseStatus]>([
    [[], '01_a', '01_a', 'current'],
    [[], '01_a', '02_b', 'locked'],
    [['01_a'], '02_b', '01_a', 'done'],
    [['01_a'], '02_b', '02_b', 'current'],
    [['01_a'], '02_b', '03_c', 'locked'],
    [['01_a'], '01_a', '01_a', 'done'],
    [['01_a'], '01_a', '02_b', 'pending'],
    [['01_a', '02_b'], '01_a', '03_c', 'pending'],
  ])('with %j done and %s current, %s is %s', (done, current, id, expected) => {
    expect(statusOf(state(done, current), ABC, id)).toBe(expected);
  });
});

describe('recordRun', () => {
  it.each([
    ['a pass marks it done with the time', state([], '01_a'), true, { status: 'done', attempts: 0, doneAt: NOW.toISOString() }],
    ['a failure counts an attempt', state([], '01_a'), false, { status: 'pending', attempts: 1 }],
    ['a failure does not undo a pass', state(['01_a'], '01_a'), false, { status: 'done', attempts: 1 }],
    ['a second pass keeps the first time', state([], '01_a', { '01_a': { status: 'done', hintsShown: 0, attempts: 0, doneAt: 'earlier' } }), true, { doneAt: 'earlier' }],
  ])('%s', (_, before, passed, expected) => {
    const after = recordRun(before, '01_a', passed, NOW);
    expect(after.exercises['01_a']).toMatchObject(expected);
    expect(after.current).toBe(before.current);
  });

  it('does not change the state it was given', () => {
    const before = state([], '01_a');
    recordRun(before, '01_a', true, NOW);
    expect(before.exercises['01_a']?.status).toBe('pending');
  });
});

describe('advance', () => {
  it.each([
    ['moves on from a done current exercise', state(['01_a'], '01_a'), '02_b'],
    ['stays on a current exercise that is not done', state([], '01_a'), '01_a'],
    ['skips exercises already done', state(['01_a', '02_b'], '02_b'), '03_c'],
    ['stays on the last exercise when everything is done', state(['01_a', '02_b', '03_c'], '03_c'), '03_c'],
  ])('%s', (_, before, current) => {
    expect(advance(before, ABC).current).toBe(current);
  });
});

describe('selectExercise', () => {
  it.each([
    [['01_a'], '02_b', '02_b'],
    [['01_a'], '01_a', '01_a'],
    [[], '03_c', '01_a'],
  ])('with %j done, selecting %s makes %s current', (done, id, current) => {
    expect(selectExercise(state(done, '01_a'), ABC, id).current).toBe(current);
  });
});

describe('nextHint', () => {
  it.each([
    [0, 2, 0, 1],
    [1, 2, 1, 2],
    [2, 2, 1, 2],
    [9, 3, 2, 9],
    [0, 3, 0, 1],
  ])('with %i shown of %i hints, shows index %i and remembers %i', (shown, count, index, remembered) => {
    const target = exercise(1, 'a', { hints: Array.from({ length: count }, (_, i) => `hint ${i}`) });
    const before = state([], '01_a', { '01_a': { status: 'pending', hintsShown: shown, attempts: 0 } });
    const result = nextHint(before, target);
    expect(result.index).toBe(index);
    expect(result.state.exercises['01_a']?.hintsShown).toBe(remembered);
  });
});

describe('markPending', () => {
  it('makes a done exercise pending and current again, and locks what follows', () => {
    const after = markPending(state(['01_a', '02_b'], '03_c'), ABC, '01_a');
    expect(after.exercises['01_a']).toMatchObject({ status: 'pending' });
    expect(after.exercises['01_a']?.doneAt).toBeUndefined();
    expect(after.current).toBe('01_a');
    expect(statusOf(after, ABC, '03_c')).toBe('locked');
    expect(isUnlocked(after, ABC, '02_b')).toBe(false);
  });

  it.each([
    ['resetting the current exercise keeps it current', state(['01_a'], '02_b'), '02_b', '02_b'],
    ['resetting a done exercise before the current one moves current back', state(['01_a', '02_b'], '03_c'), '02_b', '02_b'],
    ['resetting a later exercise leaves current alone', state(['01_a'], '02_b'), '03_c', '02_b'],
    ['revisiting a done exercise stays on it', state(['01_a', '02_b'], '01_a'), '02_b', '01_a'],
  ])('%s', (_, before, id, current) => {
    const after = markPending(before, ABC, id);
    expect(after.exercises[id]?.status).toBe('pending');
    expect(after.current).toBe(current);
  });
});

describe('isComplete', () => {
  it.each([
    [[], false],
    [['01_a', '02_b'], false],
    [['01_a', '02_b', '03_c'], true],
  ])('with %j done: %s', (done, expected) => {
    expect(isComplete(state(done, '01_a'), ABC)).toBe(expected);
  });
});
