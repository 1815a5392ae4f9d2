/** `advpy-kata hint [exercise] [--all]`: progressive hints, remembered in the state. */
import { EXIT, type ExitCode } from '../../core/errors.js';
import { nextHint } from '../../core/state.js';
import { openWorkspace, resolveExercise, saveState } from '../context.js';
import type { Io } from '../io.js';

export interface HintOptions {
  exercise?: string;
  /** Show every hint at once. */
  all?: boolean;
}

export async function runHint(options: HintOptions, io: Io): Promise<ExitCode> {
  const context = await openWorkspace(io);
  const exercise = resolveExercise(context, options.exercise);
  const { theme } = context;
  const total = exercise.hints.length;
  const heading = (index: number): string => theme.bold(`Hint ${index + 1}/${total} for ${exercise.id}:`);
  if (options.all === true) {
    io.stdout.write(`${exercise.hints.map((hint, index) => `${heading(index)}\n${hint}`).join('\n\n')}\n`);
    return EXIT.ok;
  }
  const { state, index } = nextHint(context.state, exercise);
  // Shown before saving: a full disk should not keep the hint from the learner.
  io.stdout.write(`${heading(index)}\n${exercise.hints[index]}\n`);
  await saveState(context, state);
  const more = index + 1 < total ? `Run \`advpy-kata hint ${exercise.code}\` again for the next hint.` : 'That was the last hint.';
  io.stdout.write(`${theme.dim(more)}\n`);
  return EXIT.ok;
}
