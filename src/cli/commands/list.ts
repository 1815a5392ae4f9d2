/** `advpy-kata list [--json]`: every exercise with its state. */
import { EXIT, type ExitCode } from '../../core/errors.js';
import { statusOf } from '../../core/state.js';
import { renderExerciseTable, type ExerciseRow } from '../../ui/render-list.js';
import { displayPath, learnerFile, openWorkspace } from '../context.js';
import type { Io } from '../io.js';

export interface ListOptions {
  json?: boolean;
}

export async function runList(options: ListOptions, io: Io): Promise<ExitCode> {
  const context = await openWorkspace(io);
  const rows: ExerciseRow[] = context.course.exercises.map((exercise) => ({
    number: exercise.number,
    name: exercise.name,
    chapter: exercise.chapter,
    path: displayPath(io, learnerFile(context, exercise)),
    state: statusOf(context.state, context.course.exercises, exercise.id),
    requires: exercise.requires,
  }));
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    io.stdout.write(`${renderExerciseTable(rows, context.theme)}\n`);
  }
  return EXIT.ok;
}
