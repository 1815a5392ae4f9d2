/**
 * The learner's progress, as stored in `.advpy-kata/state.json`, and the pure
 * transitions on it. Exercises are keyed by id ("05_retry"); whether one is
 * locked is derived from the others, never stored.
 */
import type { Exercise } from './manifest.js';

export const STATE_FORMAT_VERSION = 2;

// The schema lives in state-schema.ts so that reading already-validated progress never loads zod.
export type { ExerciseProgress, State } from './state-schema.js';
import type { ExerciseProgress, State } from './state-schema.js';

export type ExerciseStatus = 'done' | 'skipped' | 'current' | 'pending' | 'locked';

export function initialState(exercises: readonly Exercise[]): State {
  return reconcileState({ formatVersion: STATE_FORMAT_VERSION, current: '', exercises: {} }, exercises).state;
}

/**
 * Bring a state in line with the course: exercises the course no longer has are
 * dropped, new ones start pending, and `current` moves to the first pending
 * exercise when it no longer names an unlocked one. Returns what changed, for a message.
 */
export function reconcileState(state: State, exercises: readonly Exercise[]): { state: State; changes: string[] } {
  const changes: string[] = [];
  const known = new Set(exercises.map((exercise) => exercise.id));
  const next: State['exercises'] = {};
  for (const exercise of exercises) {
    const progress = state.exercises[exercise.id];
    next[exercise.id] = progress ?? { status: 'pending', hintsShown: 0, attempts: 0 };
    if (!progress && Object.keys(state.exercises).length > 0) changes.push(`new exercise ${exercise.id}`);
  }
  for (const id of Object.keys(state.exercises)) {
    if (!known.has(id)) changes.push(`dropped ${id}, which the course no longer has`);
  }
  const reconciled: State = { ...state, exercises: next };
  const current = exercises.find((exercise) => exercise.id === state.current);
  if (!current || !isUnlocked(reconciled, exercises, current.id)) {
    reconciled.current = firstPending(reconciled, exercises) ?? exercises.at(-1)?.id ?? '';
    if (state.current !== '' && state.current !== reconciled.current) changes.push(`current exercise is now ${reconciled.current}`);
  }
  return { state: reconciled, changes };
}

/** Done, or skipped because this machine cannot run it: either way the course moves past it. */
function isSettled(state: State, id: string): boolean {
  const status = state.exercises[id]?.status;
  return status === 'done' || status === 'skipped';
}

export function firstPending(state: State, exercises: readonly Exercise[]): string | undefined {
  return exercises.find((exercise) => !isSettled(state, exercise.id))?.id;
}

/** An exercise unlocks when every exercise before it is done (or skipped as unrunnable here). */
export function isUnlocked(state: State, exercises: readonly Exercise[], id: string): boolean {
  for (const exercise of exercises) {
    if (exercise.id === id) return true;
    if (!isSettled(state, exercise.id)) return false;
  }
  return false;
}

export function statusOf(state: State, exercises: readonly Exercise[], id: string): ExerciseStatus {
  if (state.exercises[id]?.status === 'done') return 'done';
  if (state.exercises[id]?.status === 'skipped') return 'skipped';
  if (state.current === id) return 'current';
  return isUnlocked(state, exercises, id) ? 'pending' : 'locked';
}

function update(state: State, id: string, change: (progress: ExerciseProgress) => ExerciseProgress): State {
  const progress = state.exercises[id] ?? { status: 'pending', hintsShown: 0, attempts: 0 };
  return { ...state, exercises: { ...state.exercises, [id]: change(progress) } };
}

/** Record a run's verdict. A pass marks the exercise done; it does not move `current` (see {@link advance}). */
export function recordRun(state: State, id: string, passed: boolean, now: Date): State {
  return update(state, id, (progress) => {
    const started = { ...progress, startedAt: progress.startedAt ?? now.toISOString() };
    return passed
      ? { ...started, status: 'done', doneAt: progress.doneAt ?? now.toISOString() }
      : { ...started, attempts: progress.attempts + 1 };
  });
}

/**
 * What a workspace `verify` proved: every exercise whose suite passed is done, and
 * `current` moves to the first one that is not (so progress lost with a damaged
 * state file comes back by checking the files themselves). Returns the ids newly
 * marked done.
 */
export function recordVerified(
  state: State,
  exercises: readonly Exercise[],
  passed: ReadonlySet<string>,
  now: Date,
): { state: State; newlyDone: string[] } {
  let next = state;
  const newlyDone: string[] = [];
  for (const exercise of exercises) {
    if (!passed.has(exercise.id) || next.exercises[exercise.id]?.status === 'done') continue;
    next = recordRun(next, exercise.id, true, now);
    newlyDone.push(exercise.id);
  }
  if (newlyDone.length === 0) return { state, newlyDone };
  const current = firstPending(next, exercises) ?? exercises.at(-1)?.id ?? next.current;
  return { state: { ...next, current }, newlyDone };
}

/** Move `current` to the next exercise that is not done, if the current one is done (or skipped). */
export function advance(state: State, exercises: readonly Exercise[]): State {
  if (!isSettled(state, state.current)) return state;
  const next = firstPending(state, exercises);
  return next === undefined ? state : { ...state, current: next };
}

/** Make `id` current, if it is unlocked. */
export function selectExercise(state: State, exercises: readonly Exercise[], id: string): State {
  return isUnlocked(state, exercises, id) ? { ...state, current: id } : state;
}

/** Count the next hint as shown and return its index (clamped at the last hint). */
export function nextHint(state: State, exercise: Exercise): { state: State; index: number } {
  const shown = state.exercises[exercise.id]?.hintsShown ?? 0;
  const index = Math.min(shown, exercise.hints.length - 1);
  return { state: update(state, exercise.id, (progress) => ({ ...progress, hintsShown: Math.max(shown, index + 1) })), index };
}

/** Every exercise is done or skipped: the course has nothing left that this machine can run. */
export function isComplete(state: State, exercises: readonly Exercise[]): boolean {
  return exercises.every((exercise) => isSettled(state, exercise.id));
}

/**
 * Move past an exercise this machine's engine cannot run: it is marked skipped
 * (never done) and `current` goes on. A done exercise stays done.
 */
export function skipExercise(state: State, exercises: readonly Exercise[], id: string): State {
  if (state.exercises[id]?.status === 'done') return state;
  const skipped = update(state, id, (progress) => ({ ...progress, status: 'skipped' }));
  return advance({ ...skipped, current: id }, exercises);
}

/**
 * Offer skipped exercises again, now that they can run (a native Python appeared):
 * they become pending, and `current` moves back to the first of them if it is earlier.
 */
export function reofferSkipped(state: State, exercises: readonly Exercise[], runnable: ReadonlySet<string>): { state: State; offered: string[] } {
  const offered = exercises.filter((exercise) => state.exercises[exercise.id]?.status === 'skipped' && runnable.has(exercise.id)).map((exercise) => exercise.id);
  if (offered.length === 0) return { state, offered };
  let next = state;
  for (const id of offered) next = update(next, id, (progress) => ({ ...progress, status: 'pending' }));
  const first = firstPending(next, exercises);
  const currentIndex = exercises.findIndex((exercise) => exercise.id === next.current);
  const firstIndex = exercises.findIndex((exercise) => exercise.id === first);
  if (first !== undefined && (firstIndex < currentIndex || isSettled(next, next.current))) next = { ...next, current: first };
  return { state: next, offered };
}

/** Exercises skipped as unrunnable on this machine, in course order. */
export function skippedExercises(state: State, exercises: readonly Exercise[]): string[] {
  return exercises.filter((exercise) => state.exercises[exercise.id]?.status === 'skipped').map((exercise) => exercise.id);
}
