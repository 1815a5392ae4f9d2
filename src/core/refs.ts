/** Turning what a learner types ("7", "07", "retry", "05_retry") into an exercise. */
import type { Exercise } from './manifest.js';

export type RefResult = { ok: true; exercise: Exercise } | { ok: false; message: string; suggestions: string[] };

export function resolveExerciseRef(ref: string, exercises: readonly Exercise[]): RefResult {
  const wanted = ref.trim().toLowerCase().replace(/\.py$/, '');
  const match = exercises.find(
    (exercise) =>
      (/^\d+$/.test(wanted) && exercise.number === Number(wanted)) || exercise.name === wanted || exercise.id === wanted,
  );
  if (match) return { ok: true, exercise: match };
  const suggestions = nearest(wanted, exercises);
  return {
    ok: false,
    message: `there is no exercise "${ref}"`,
    suggestions,
  };
}

/** Up to three exercise ids closest to `wanted` by edit distance on name and id. */
function nearest(wanted: string, exercises: readonly Exercise[]): string[] {
  return exercises
    .map((exercise) => ({
      id: exercise.id,
      distance: Math.min(editDistance(wanted, exercise.name), editDistance(wanted, exercise.id)),
    }))
    .filter((candidate) => candidate.distance <= Math.max(2, Math.floor(wanted.length / 2)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map((candidate) => candidate.id);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
