/** What most commands start from: the workspace, the course and the learner's progress. */
import { join, relative } from 'node:path';
import { KataError } from '../core/errors.js';
import type { Course, Exercise } from '../core/manifest.js';
import { resolveExerciseRef } from '../core/refs.js';
import type { State } from '../core/state.js';
import { themeFor, type Theme } from '../ui/theme.js';
import { readCourse } from '../workspace/course.js';
import { readState, writeState } from '../workspace/state-file.js';
import { requireWorkspace, type Workspace } from '../workspace/workspace.js';
import type { Io } from './io.js';

export interface Context {
  io: Io;
  theme: Theme;
  course: Course;
  workspace: Workspace;
  state: State;
}


export async function openWorkspace(io: Io): Promise<Context> {
  const workspace = await requireWorkspace(io.cwd);
  const course = await readCourse();
  const { state, notices } = await readState(workspace.stateFile, course.exercises);
  const theme = themeFor(io);
  for (const notice of notices) io.stderr.write(`${theme.yellow(notice)}\n`);
  // Persist repairs at once, so the notice is shown only once.
  if (notices.length > 0) await writeState(workspace.stateFile, state);
  return { io, theme, course, workspace, state };
}

export async function saveState(context: Context, state: State): Promise<void> {
  context.state = state;
  await writeState(context.workspace.stateFile, state);
}

/** The exercise a learner named, or the current one when they named none. */
export function resolveExercise(context: Context, ref: string | undefined): Exercise {
  const wanted = ref ?? context.state.current;
  const result = resolveExerciseRef(wanted, context.course.exercises);
  if (result.ok) return result.exercise;
  const suggestion = result.suggestions.length > 0 ? `Did you mean ${result.suggestions.join(', ')}?` : '';
  throw new KataError('UNKNOWN_EXERCISE', `${result.message}. ${suggestion}`.trim(), 'Run `advpy-kata list` to see every exercise.');
}

/** The learner's copy of an exercise, absolute. */
export function learnerFile(context: Context, exercise: Exercise): string {
  return join(context.workspace.exercisesDir, exercise.workspacePath);
}

/** Whether a traceback's file is the learner's: anything in the exercise's chapter folder. */
export function isLearnerFileOf(context: Context, exercise: Exercise): (file: string) => boolean {
  const folder = join(context.workspace.exercisesDir, exercise.chapter);
  return (file) => file.startsWith(folder);
}

/** A path as the learner should see it: relative to where they stand when that is shorter. */
export function displayPath(io: Io, path: string): string {
  const rel = relative(io.cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}
