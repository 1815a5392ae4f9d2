/**
 * An exercise's derived identity and paths, and the course as commands use it.
 * Free of zod on purpose: commands that read an already-validated manifest load
 * only this (see workspace/course.ts); validation lives in manifest.ts.
 */
import type { Manifest, ManifestExercise } from './manifest.js';

/** An exercise with its derived identity and file paths (relative to the course root). */
export interface Exercise extends ManifestExercise {
  /** "05_retry": the file stem, also the exercise's stable id in state files. */
  id: string;
  /** "05" */
  code: string;
  /** exercises/<chapter>/<id>.py */
  stubPath: string;
  /** exercises/<chapter>/<id>.test.ts */
  suitePath: string;
  /** solutions/<chapter>/<id>.py */
  solutionPath: string;
  /** course/bridges/<id>.md: the docstring's bridge paragraph for each language (see core/bridge.ts). */
  bridgePath: string;
  /** <chapter>/<id>.py: where the learner's copy lives under a workspace's exercises/ folder. */
  workspacePath: string;
}

export interface Course {
  manifest: Manifest;
  /** In manifest order, which is number order (checked). */
  exercises: Exercise[];
}

export function deriveExercise(exercise: ManifestExercise): Exercise {
  const code = String(exercise.number).padStart(2, '0');
  const id = `${code}_${exercise.name}`;
  return {
    ...exercise,
    id,
    code,
    stubPath: `exercises/${exercise.chapter}/${id}.py`,
    suitePath: `exercises/${exercise.chapter}/${id}.test.ts`,
    solutionPath: `solutions/${exercise.chapter}/${id}.py`,
    bridgePath: `course/bridges/${id}.md`,
    workspacePath: `${exercise.chapter}/${id}.py`,
  };
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
