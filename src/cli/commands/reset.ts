/** `advpy-kata reset <exercise> [--yes]`: restore the stub, keeping a copy of the learner's file. */
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import { statusOf } from '../../core/state.js';
import { resetExerciseFile } from '../../workspace/exercise-files.js';
import { displayPath, learnerFile, openWorkspace, resolveExercise, type Context } from '../context.js';
import type { Io } from '../io.js';
import { confirm } from '../prompt.js';
import type { Exercise } from '../../core/manifest.js';

export interface ResetOptions {
  exercise: string;
  /** Skip the confirmation. */
  yes?: boolean;
}

export async function runReset(options: ResetOptions, io: Io): Promise<ExitCode> {
  const context = await openWorkspace(io);
  const exercise = resolveExercise(context, options.exercise);
  const target = learnerFile(context, exercise);
  if (options.yes !== true) {
    if (io.stdin.isTTY !== true) {
      throw new KataError('USAGE', `not resetting ${exercise.id}: there is no terminal to confirm on`,
        `Run \`advpy-kata reset ${exercise.code} --yes\` to reset without asking.`);
    }
    const sure = await confirm(io, `Replace ${displayPath(io, target)} with a fresh copy? Your version is kept as a backup. ${progressNote(context, exercise)}`);
    if (!sure) {
      io.stdout.write('Nothing was changed.\n');
      return EXIT.ok;
    }
  }
  const backup = await resetExercise(context, exercise);
  io.stdout.write(`${context.theme.green(`${exercise.id} is back to its starting point.`)} ${progressNote(context, exercise)}\n`);
  if (backup) io.stdout.write(`Your previous version is saved as ${displayPath(io, backup)}\n`);
  return EXIT.ok;
}

/**
 * What a reset leaves alone, said before and after: a reset restores the file
 * only. Passing an exercise is never undone by it, and the current exercise
 * stays where it was, so resetting 01 to practise again cannot lock 02 onwards.
 */
function progressNote(context: Context, exercise: Exercise): string {
  const done = statusOf(context.state, context.course.exercises, exercise.id) === 'done';
  const current = context.state.current === exercise.id ? 'it stays your current exercise' : `${context.state.current} stays your current exercise`;
  return done ? `Your progress is unchanged: ${exercise.id} stays done, and ${current}.` : `Your progress is unchanged: ${current}.`;
}

/** Restore the stub, keeping the learner's version; returns where the old file was kept, if any. */
export function resetExercise(context: Context, exercise: Exercise): Promise<string | undefined> {
  return resetExerciseFile(context.workspace, exercise);
}
