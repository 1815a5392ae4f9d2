/** `advpy-kata solution <exercise> [--force]`: the reference solution, once the exercise is done. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import { COURSE_ROOT } from '../../workspace/course.js';
import { openWorkspace, resolveExercise } from '../context.js';
import type { Io } from '../io.js';

export interface SolutionOptions {
  exercise: string;
  /** Show it even though the exercise is not done yet. */
  force?: boolean;
}

export async function runSolution(options: SolutionOptions, io: Io): Promise<ExitCode> {
  const context = await openWorkspace(io);
  const exercise = resolveExercise(context, options.exercise);
  const done = context.state.exercises[exercise.id]?.status === 'done';
  if (!done && options.force !== true) {
    throw new KataError('NOT_DONE', `${exercise.id} is not done yet, so its solution stays hidden`,
      `Try \`advpy-kata hint ${exercise.code}\` first, or \`advpy-kata solution ${exercise.code} --force\` to see it anyway.`, EXIT.failing);
  }
  if (!done) io.stderr.write(`${context.theme.yellow(`Spoiler warning: this is the full solution to ${exercise.id}, which you have not solved yet.`)}\n\n`);
  const path = join(COURSE_ROOT, exercise.solutionPath);
  io.stdout.write(`${context.theme.dim(`# ${path}`)}\n${await readFile(path, 'utf8')}`);
  return EXIT.ok;
}
