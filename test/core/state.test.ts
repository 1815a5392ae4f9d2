import { describe, expect, it } from 'vitest';
import {
  advance,
  initialState,
  isComplete,
  isUnlocked,
  nextHint,
  reconcileState,
  recordRun,
  recordVerified,
  reofferSkipped,
  selectExercise,
  skipExercise,
  skippedExercises,
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
  return { formatVersion: 2, current, exercises: { ...exercises, ...extra } };
}

describe('initialState', () => {
  it('starts at the first exercise with every exercise pending', () => {
    expect(initialState(ABC)).toEqual({
      formatVersion: 2,
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
    const before: State = { formatVersion: 2, current: '02_b', exercises: { '01_a': { status: 'done', hintsShown: 2, attempts: 3 } } };
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
    ['the first run, pass or fail, is remembered as the start', state([], '01_a'), false, { startedAt: NOW.toISOString() }],
    ['a later run keeps the first start', state([], '01_a', { '01_a': { status: 'pending', hintsShown: 0, attempts: 1, startedAt: 'earlier' } }), true, { startedAt: 'earlier' }],
    ['a failure on a skipped exercise keeps it skipped', state([], '01_a', { '01_a': { status: 'skipped', hintsShown: 0, attempts: 0 } }), false, { status: 'skipped', attempts: 1 }],
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

describe('recordVerified', () => {
  it.each([
    ['marks what passed done and moves to the first that did not', state([], '01_a'), ['01_a', '02_b'], ['01_a', '02_b'], '03_c'],
    ['rebuilds progress after a damaged file reset everything', state([], '01_a'), ['01_a', '02_b', '03_c'], ['01_a', '02_b', '03_c'], '03_c'],
    ['a pass after a failure is done but the failure stays current', state([], '01_a'), ['02_b'], ['02_b'], '01_a'],
    ['nothing new: the same state, untouched', state(['01_a'], '02_b'), ['01_a'], [], '02_b'],
    ['never undoes a done exercise that now fails', state(['01_a', '02_b'], '03_c'), ['01_a'], [], '03_c'],
  ])('%s', (_, before, passed, newlyDone, current) => {
    const result = recordVerified(before, ABC, new Set(passed), NOW);
    expect(result.newlyDone).toEqual(newlyDone);
    expect(result.state.current).toBe(current);
    for (const id of passed) expect(result.state.exercises[id]?.status).toBe('done');
    if (newlyDone.length === 0) expect(result.state).toBe(before);
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

describe('isComplete', () => {
  it.each([
    [[], false],
    [['01_a', '02_b'], false],
    [['01_a', '02_b', '03_c'], true],
  ])('with %j done: %s', (done, expected) => {
    expect(isComplete(state(done, '01_a'), ABC)).toBe(expected);
  });
});

describe('skipping an exercise this machine cannot run', () => {
  const skipped = (status: 'skipped' | 'done' | 'pending' = 'skipped') => ({ status, hintsShown: 0, attempts: 0 });

  it('marks it skipped (never done), unlocks the next and makes it current', () => {
    const after = skipExercise(state(['01_a'], '02_b'), ABC, '02_b');
    expect(after.exercises['02_b']?.status).toBe('skipped');
    expect(after.current).toBe('03_c');
    expect(isUnlocked(after, ABC, '03_c')).toBe(true);
    expect(statusOf(after, ABC, '02_b')).toBe('skipped');
    expect(skippedExercises(after, ABC)).toEqual(['02_b']);
  });

  it('leaves a done exercise done', () => {
    const before = state(['01_a'], '02_b');
    expect(skipExercise(before, ABC, '01_a')).toBe(before);
  });

  it('counts as settled for completion, so the finish screen can be reached', () => {
    expect(isComplete(state(['01_a', '03_c'], '03_c', { '02_b': skipped() }), ABC)).toBe(true);
    expect(isComplete(state(['01_a'], '03_c', { '02_b': skipped() }), ABC)).toBe(false);
  });

  it('is offered again once it can run: pending, and current moves back to it', () => {
    const before = state(['01_a'], '03_c', { '02_b': skipped() });
    const { state: after, offered } = reofferSkipped(before, ABC, new Set(['02_b']));
    expect(offered).toEqual(['02_b']);
    expect(after.exercises['02_b']?.status).toBe('pending');
    expect(after.current).toBe('02_b');
    expect(isUnlocked(after, ABC, '03_c'), 'the exercises after it wait for it again, as they did before it was skipped').toBe(false);
  });

  it('is not offered while it still cannot run', () => {
    const before = state(['01_a'], '03_c', { '02_b': skipped() });
    expect(reofferSkipped(before, ABC, new Set(['03_c']))).toEqual({ state: before, offered: [] });
  });
});
