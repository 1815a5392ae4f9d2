/**
 * The learner's progress, as stored in `.advpy-kata/state.json`, and the pure
 * transitions on it. Exercises are keyed by id ("05_retry"); whether one is
 * locked is derived from the others, never stored.
 */
import type { Exercise } from './manifest.js';

export const STATE_FORMAT_VERSION = 1;

// The schema lives in state-schema.ts so that reading already-validated progress never loads zod.
export type { ExerciseProgress, State } from './state-schema.js';
import type { ExerciseProgress, State } from './state-schema.js';

export type ExerciseStatus = 'done' | 'current' | 'pending' | 'locked';

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

export function firstPending(state: State, exercises: readonly Exercise[]): string | undefined {
  return exercises.find((exercise) => state.exercises[exercise.id]?.status !== 'done')?.id;
}

/** An exercise unlocks when every exercise before it is done. */
export function isUnlocked(state: State, exercises: readonly Exercise[], id: string): boolean {
  for (const exercise of exercises) {
    if (exercise.id === id) return true;
    if (state.exercises[exercise.id]?.status !== 'done') return false;
  }
  return false;
}

export function statusOf(state: State, exercises: readonly Exercise[], id: string): ExerciseStatus {
  if (state.exercises[id]?.status === 'done') return 'done';
  if (state.current === id) return 'current';
  return isUnlocked(state, exercises, id) ? 'pending' : 'locked';
}

function update(state: State, id: string, change: (progress: ExerciseProgress) => ExerciseProgress): State {
  const progress = state.exercises[id] ?? { status: 'pending', hintsShown: 0, attempts: 0 };
  return { ...state, exercises: { ...state.exercises, [id]: change(progress) } };
}

/** Record a run's verdict. A pass marks the exercise done; it does not move `current` (see {@link advance}). */
export function recordRun(state: State, id: string, passed: boolean, now: Date): State {
  return update(state, id, (progress) =>
    passed
      ? { ...progress, status: 'done', doneAt: progress.doneAt ?? now.toISOString() }
      : { ...progress, attempts: progress.attempts + 1 },
  );
}

/** Move `current` to the next exercise that is not done, if the current one is done. */
export function advance(state: State, exercises: readonly Exercise[]): State {
  if (state.exercises[state.current]?.status !== 'done') return state;
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

/** After `reset`: the exercise is pending again and later exercises lock behind it. */
export function markPending(state: State, exercises: readonly Exercise[], id: string): State {
  const next = update(state, id, (progress) => ({ ...progress, status: 'pending', doneAt: undefined }));
  return reconcileState({ ...next, current: isUnlocked(next, exercises, next.current) ? next.current : id }, exercises).state;
}

export function isComplete(state: State, exercises: readonly Exercise[]): boolean {
  return exercises.every((exercise) => state.exercises[exercise.id]?.status === 'done');
}
