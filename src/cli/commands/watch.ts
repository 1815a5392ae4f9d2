/** `advpy-kata watch` (also the default command): the learner's edit-save-verdict loop. */
import { KataError, type ExitCode } from '../../core/errors.js';
import { stateTooNewError } from '../../workspace/state-file.js';
import { takeWatchLock } from '../../workspace/watch-lock.js';
import { runWatchSession } from '../../watch/session.js';
import { openWorkspace } from '../context.js';
import type { Io } from '../io.js';
import { courseRunnerOptions, type EngineOptions } from './run.js';
import { CourseRunner } from '../../runner/course-runner.js';
import { trace } from '../../trace.js';

export interface WatchOptions extends EngineOptions {
  /** Move on as soon as an exercise passes, instead of waiting for `n`. */
  autoNext?: boolean;
  /** Do not watch files; run when r or Enter is pressed. */
  manualRun?: boolean;
  /** Poll the file system (network drives, WSL mounts). */
  poll?: boolean;
}

export const NO_TTY_MESSAGE =
  'watch mode reads single key presses, and this input is not a terminal. ' +
  'Use `advpy-kata watch --manual-run` to type r (or press Enter) to run and q to quit, ' +
  'or `advpy-kata run` to run once.';

export async function runWatch(options: WatchOptions, io: Io): Promise<ExitCode> {
  if (io.stdin.isTTY !== true && options.manualRun !== true) {
    throw new KataError('USAGE', 'no terminal for watch mode', NO_TTY_MESSAGE);
  }
  trace('watch: command');
  const context = await openWorkspace(io);
  // Watch mode records every pass; refuse now rather than lose them at the first save.
  if (context.stateTooNew !== undefined) throw stateTooNewError(context.workspace.stateFile, context.stateTooNew);
  // Before any Python starts: a second watcher refuses here, naming the first one's pid.
  const lock = takeWatchLock(context.workspace.root);
  for (const note of lock.notes) io.stderr.write(`${context.theme.yellow(note)}\n`);
  try {
    // Watch mode keeps the next run's Python started: the learner's next save is coming.
    const runner = await CourseRunner.create({ ...courseRunnerOptions(context, options), spare: true });
    trace('watch: interpreters found');
    try {
      return await runWatchSession(context, runner, {
        autoNext: options.autoNext === true,
        manualRun: options.manualRun === true,
        poll: options.poll === true,
      });
    } finally {
      await runner.close();
    }
  } finally {
    lock.release();
  }
}
