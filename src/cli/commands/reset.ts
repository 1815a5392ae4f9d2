/** `advpy-kata reset <exercise> [--yes]`: restore the stub, keeping a copy of the learner's file. */
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import { markPending } from '../../core/state.js';
import { COURSE_ROOT } from '../../workspace/course.js';
import { displayPath, learnerFile, openWorkspace, resolveExercise, saveState, type Context } from '../context.js';
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
    const sure = await confirm(io, `Replace ${displayPath(io, target)} with a fresh copy? Your version is kept as a backup.`);
    if (!sure) {
      io.stdout.write('Nothing was changed.\n');
      return EXIT.ok;
    }
  }
  const backup = await resetExercise(context, exercise);
  io.stdout.write(`${context.theme.green(`${exercise.id} is back to its starting point.`)}\n`);
  if (backup) io.stdout.write(`Your previous version is saved as ${displayPath(io, backup)}\n`);
  return EXIT.ok;
}

/** Restore the stub and mark the exercise pending; returns where the old file was kept, if any. */
export async function resetExercise(context: Context, exercise: Exercise): Promise<string | undefined> {
  const target = learnerFile(context, exercise);
  let backup: string | undefined;
  if (existsSync(target)) {
    await mkdir(context.workspace.backupsDir, { recursive: true });
    backup = join(context.workspace.backupsDir, `${exercise.id}.${new Date().toISOString().replace(/[:.]/g, '-')}.py`);
    await copyFile(target, backup);
  }
  // The learner may have deleted the whole chapter folder; reset must bring it back too.
  await mkdir(dirname(target), { recursive: true });
  await copyFile(join(COURSE_ROOT, exercise.stubPath), target);
  await saveState(context, markPending(context.state, context.course.exercises, exercise.id));
  return backup;
}
