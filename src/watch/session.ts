/**
 * The watch loop: feeds keys, saves and run results into the state machine,
 * performs the effects it asks for, and draws each new model. The only place
 * in watch mode that touches the terminal, files or the runner.
 */
import { createInterface } from 'node:readline';
import type { Context } from '../cli/context.js';
import { displayPath, isLearnerFileOf, learnerFile } from '../cli/context.js';
import { resetExercise } from '../cli/commands/reset.js';
import { EXIT, type ExitCode } from '../core/errors.js';
import type { Exercise } from '../core/manifest.js';
import { EMBEDDED_PYTHON } from '../core/engine-plan.js';
import type { CourseRunner } from '../runner/course-runner.js';
import { writeState } from '../workspace/state-file.js';
import { parseKeys, parseLine } from './keys.js';
import { initialModel, update, type Effect, type Event, type Model } from './machine.js';
import { renderWatch, type WatchView } from './render.js';
import { watchSaves, type SaveWatcher } from './watcher.js';

export interface WatchSessionOptions {
  autoNext: boolean;
  /** No file watching: the learner presses r or Enter. */
  manualRun: boolean;
  poll: boolean;
}

const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

export async function runWatchSession(context: Context, runner: CourseRunner, options: WatchSessionOptions): Promise<ExitCode> {
  const { io, workspace } = context;
  const tty = io.stdout.isTTY === true;
  const exercises = context.course.exercises;
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  let model: Model = initialModel(exercises, context.state, options.autoNext);
  let saving: Promise<void> = Promise.resolve();
  let finish: (code: ExitCode) => void = () => {};
  const finished = new Promise<ExitCode>((resolve) => {
    finish = resolve;
  });
  let closed = false;

  const view: WatchView = {
    theme: context.theme,
    displayPath: (exercise) => displayPath(io, learnerFile(context, exercise)),
    absolutePath: (exercise) => learnerFile(context, exercise),
    hyperlinks: tty && io.env.TERM !== 'dumb',
    columns: io.stdout.columns || 80,
    engineLine: (exercise) => {
      const plan = runner.plan(exercise);
      switch (plan.engine) {
        case 'native':
          return `engine: native CPython ${plan.python.versionText} (${plan.why})`;
        case 'embedded':
          return `engine: embedded Python ${EMBEDDED_PYTHON} (${plan.why})`;
        case 'none':
          return `engine: none can run this exercise here: ${plan.reason}`;
      }
    },
    isLearnerFile: (exercise) => isLearnerFileOf(context, exercise),
  };

  const draw = (): void => {
    if (closed) return;
    const screen = renderWatch(model, view);
    // Clearing only makes sense on a terminal; piped output keeps every result.
    io.stdout.write(tty ? `${CLEAR_SCREEN}${screen}\n` : `${screen}\n\n`);
  };

  const dispatch = (event: Event): void => {
    if (closed) return;
    const [next, effects] = update(model, event);
    model = next;
    draw();
    for (const effect of effects) perform(effect);
  };

  const perform = (effect: Effect): void => {
    switch (effect.type) {
      case 'run': {
        const exercise = byId.get(effect.id);
        if (!exercise) return;
        void runner
          .run(exercise, workspace.exercisesDir)
          .catch((error: unknown) => ({ kind: 'error' as const, message: error instanceof Error ? error.message : String(error) }))
          .then((outcome) => dispatch({ type: 'run-finished', id: effect.id, outcome }));
        return;
      }
      case 'save': {
        const state = model.state;
        context.state = state;
        // Writes are chained so an older state can never land after a newer one.
        saving = saving.then(() => writeState(workspace.stateFile, state)).catch((error: unknown) => {
          io.stderr.write(`could not save progress: ${error instanceof Error ? error.message : String(error)}\n`);
        });
        return;
      }
      case 'reset': {
        const exercise = byId.get(effect.id);
        if (!exercise) return;
        context.state = model.state;
        void resetExercise(context, exercise).then(() => dispatch({ type: 'reset-done', id: effect.id, state: context.state }));
        return;
      }
      case 'check-all':
        void checkAll(effect.ids).then((results) => dispatch({ type: 'check-finished', results }));
        return;
      case 'quit':
        finish(EXIT.ok);
        return;
    }
  };

  const checkAll = async (ids: readonly string[]) => {
    const results = [];
    for (const id of ids) {
      const exercise = byId.get(id) as Exercise;
      results.push({ id, outcome: await runner.run(exercise, workspace.exercisesDir) });
    }
    return results;
  };

  // Input: raw keys on a terminal; whole lines otherwise (--manual-run).
  const stdin = io.stdin;
  const onData = (chunk: Buffer | string): void => {
    for (const key of parseKeys(String(chunk))) {
      if (key.name === 'ctrl-c') {
        dispatch({ type: 'key', key });
        finish(EXIT.interrupted);
        return;
      }
      dispatch({ type: 'key', key });
    }
  };
  let lines: ReturnType<typeof createInterface> | undefined;
  if (stdin.isTTY === true && stdin.setRawMode) {
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  } else {
    lines = createInterface({ input: stdin as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      for (const key of parseLine(line)) dispatch({ type: 'key', key });
    });
    // End of input (a closed pipe) means nobody can press q any more.
    lines.on('close', () => finish(EXIT.ok));
  }

  let watcher: SaveWatcher | undefined;
  if (!options.manualRun) {
    const idsByPath = new Map(exercises.map((exercise) => [exercise.workspacePath, exercise.id]));
    watcher = await watchSaves({ root: workspace.exercisesDir, idsByPath, poll: options.poll, onSave: (id) => dispatch({ type: 'file-changed', id }) });
  }
  const onResize = (): void => draw();
  (io.stdout as NodeJS.WriteStream).on?.('resize', onResize);

  await runner.warm();
  dispatch({ type: 'start' });
  const code = await finished;

  closed = true;
  (io.stdout as NodeJS.WriteStream).off?.('resize', onResize);
  await watcher?.close();
  if (stdin.isTTY === true && stdin.setRawMode) {
    stdin.off('data', onData);
    stdin.setRawMode(false);
  }
  lines?.close();
  stdin.pause();
  context.state = model.state;
  await saving;
  await writeState(workspace.stateFile, model.state);
  io.stdout.write(code === EXIT.interrupted ? '\nStopped. Your progress is saved.\n' : 'Bye! Your progress is saved.\n');
  return code;
}
