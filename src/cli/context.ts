/** What most commands start from: the workspace, the course and the learner's progress. */
import { KataError } from '../core/errors.js';
import type { Course, Exercise } from '../core/manifest.js';
import { resolveExerciseRef } from '../core/refs.js';
import type { State } from '../core/state.js';
import { themeFor, type Theme } from '../ui/theme.js';
import { readCourse } from '../workspace/course.js';
import { displayPathFrom, isLearnerFileIn, learnerFileIn } from '../workspace/exercise-files.js';
import { readState, writeState } from '../workspace/state-file.js';
import { describeWriteError, isFileSystemError, stateNotSavedError } from '../workspace/write-problems.js';
import { requireWorkspace, type Workspace } from '../workspace/workspace.js';
import type { Io } from './io.js';

export interface Context {
  io: Io;
  theme: Theme;
  course: Course;
  workspace: Workspace;
  state: State;
  /** The progress file came from a newer advpy-kata: read it, never write it. */
  stateTooNew?: number;
}


export async function openWorkspace(io: Io): Promise<Context> {
  const workspace = await requireWorkspace(io.cwd);
  const course = await readCourse();
  const { state, notices, newerFormat } = await readState(workspace.stateFile, course.exercises);
  const theme = themeFor(io);
  for (const notice of notices) io.stderr.write(`${theme.yellow(notice)}\n`);
  if (newerFormat !== undefined) return { io, theme, course, workspace, state, stateTooNew: newerFormat };
  // Persist repairs at once, so the notice is shown only once.
  if (notices.length > 0) {
    try {
      await writeState(workspace.stateFile, state);
    } catch (error) {
      // Read-only commands still work from the repaired state; writing ones stop at their own save.
      if (!isFileSystemError(error)) throw error;
      const { what, todo } = describeWriteError(error, workspace.stateFile);
      io.stderr.write(`${theme.yellow(`The repaired progress could not be saved yet: ${what}. ${todo}.`)}\n`);
    }
  }
  return { io, theme, course, workspace, state };
}

/** Save progress; a file system refusal becomes a message and exit 74, never an internal error. */
export async function saveState(context: Context, state: State): Promise<void> {
  context.state = state;
  try {
    await writeState(context.workspace.stateFile, state);
  } catch (error) {
    if (isFileSystemError(error)) throw stateNotSavedError(context.workspace.stateFile, error);
    throw error;
  }
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
  return learnerFileIn(context.workspace, exercise);
}

/** Whether a traceback's file is the learner's: anything in the exercise's chapter folder. */
export function isLearnerFileOf(context: Context, exercise: Exercise): (file: string) => boolean {
  return isLearnerFileIn(context.workspace, exercise);
}

/** A path as the learner should see it: relative to where they stand when that is shorter. */
export function displayPath(io: Io, path: string): string {
  return displayPathFrom(io.cwd, path);
}
