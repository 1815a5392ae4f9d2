/**
 * The watch loop: feeds keys, saves and run results into the state machine,
 * performs the effects it asks for, and draws each new model. The only place
 * in watch mode that touches the terminal, files or the runner.
 */
import { createInterface } from 'node:readline';
import { EXIT, type ExitCode } from '../core/errors.js';
import type { Exercise } from '../core/manifest.js';
import { EMBEDDED_PYTHON } from '../core/engine-plan.js';
import type { SuiteOutcome } from '../core/outcome.js';
import { skippedExercises, type State } from '../core/state.js';
import type { CourseRunner } from '../runner/course-runner.js';
import type { Theme } from '../ui/theme.js';
import { editorLaunch, failingLine } from '../core/editor-command.js';
import { openEditor } from '../workspace/open-editor.js';
import { displayPathFrom, isLearnerFileIn, learnerFileIn, resetExerciseFile } from '../workspace/exercise-files.js';
import { StateSaver } from '../workspace/state-saver.js';
import { readReferenceTimelines } from '../workspace/reference-timelines.js';
import type { Workspace } from '../workspace/workspace.js';
import { parseKeys, parseLine } from './keys.js';
import { initialModel, update, type Effect, type Event, type Model } from './machine.js';
import { renderWatch, type WatchView } from './render.js';
import { watchSaves, type SaveWatcher } from './watcher.js';
import { trace } from '../trace.js';

/** The streams watch mode uses (the CLI's `Io` fits; declared here so watch/ needs nothing from cli/). */
export interface WatchIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number; rows?: number };
  stderr: { write(text: string): unknown };
  stdin: {
    isTTY?: boolean;
    setRawMode?(mode: boolean): unknown;
    on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
    off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
    resume(): unknown;
    pause(): unknown;
  };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** What a session starts from (the CLI's `Context` fits). `state` is kept up to date with the session's. */
export interface WatchContext {
  io: WatchIo;
  theme: Theme;
  course: { exercises: readonly Exercise[]; manifest: { chapters: ReadonlyArray<{ id: string; title: string; learned: string }> } };
  workspace: Workspace;
  state: State;
}

export interface WatchSessionOptions {
  autoNext: boolean;
  /** No file watching: the learner presses r or Enter. */
  manualRun: boolean;
  poll: boolean;
}

const CLEAR_SCREEN = '\u001b[2J\u001b[3J\u001b[H';

export async function runWatchSession(context: WatchContext, runner: CourseRunner, options: WatchSessionOptions): Promise<ExitCode> {
  const { io, workspace } = context;
  const tty = io.stdout.isTTY === true;
  const exercises = context.course.exercises;
  const byId = new Map(exercises.map((exercise) => [exercise.id, exercise]));
  let model: Model = initialModel(exercises, context.state, options.autoNext);
  // Owns every progress write: a failed one keeps the state in memory and is retried (state-saver.ts).
  const saver = new StateSaver(workspace.stateFile, { onChange: () => draw() });
  let finish: (code: ExitCode) => void = () => {};
  const finished = new Promise<ExitCode>((resolve) => {
    finish = resolve;
  });
  let closed = false;
  /** A bug met while handling an event: the session ends cleanly, then it is reported. */
  let failure: { error: unknown } | undefined;
  /** Aborts the watch run in flight (a newer save, quit). */
  let runAbort: AbortController | undefined;
  /** Aborts the check-all in progress (quit). */
  let checkAbort: AbortController | undefined;

  const view: WatchView = {
    theme: context.theme,
    displayPath: (exercise) => displayPathFrom(io.cwd, learnerFileIn(workspace, exercise)),
    absolutePath: (exercise) => learnerFileIn(workspace, exercise),
    hyperlinks: tty && io.env.TERM !== 'dumb',
    // Read on every draw, so a resized terminal gets a screen laid out for its new size.
    get columns() {
      return io.stdout.columns || 80;
    },
    get rows() {
      return tty ? io.stdout.rows || 24 : undefined;
    },
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
    isLearnerFile: (exercise) => isLearnerFileIn(workspace, exercise),
    chapters: context.course.manifest.chapters,
    referenceTimelines: (exercise) => readReferenceTimelines(exercise.id),
  };

  const draw = (): void => {
    if (closed) return;
    const unsaved = saver.notice === undefined ? '' : `\n\n${context.theme.yellow(saver.notice)}`;
    const screen = `${renderWatch(model, view)}${unsaved}`;
    // Clearing only makes sense on a terminal; piped output keeps every result.
    io.stdout.write(tty ? `${CLEAR_SCREEN}${screen}\n` : `${screen}\n\n`);
    trace(() => `watch: drawn ${/\d+ passed, \d+ failed/.exec(screen)?.[0] ?? ''}${screen.includes('Re-running') ? ' (re-running)' : ''}`);
  };

  const dispatch = (event: Event): void => {
    if (closed) return;
    try {
      const [next, effects] = update(model, event);
      model = next;
      draw();
      for (const effect of effects) perform(effect);
    } catch (error) {
      // Never thrown into a key handler or a promise chain, where it would leave the
      // terminal raw: end the session (restoring the terminal), then report it.
      failure ??= { error };
      finish(EXIT.internal);
    }
  };

  /**
   * A GUI editor is started beside the session. A terminal editor would fight the
   * watch screen for the raw-mode terminal, so the learner is told what to run.
   */
  const editExercise = async (exercise: Exercise, outcome: SuiteOutcome | undefined): Promise<string | undefined> => {
    const file = learnerFileIn(workspace, exercise);
    const line = failingLine(outcome, isLearnerFileIn(workspace, exercise));
    const launch = editorLaunch(io.env, file, line);
    if (launch.kind === 'none') return launch.advice;
    if (launch.terminal) return `Your editor runs in this terminal: press q, then run \`${launch.shown}\`.`;
    return (await openEditor(launch)) ?? `Opened ${displayPathFrom(io.cwd, file)}:${line} in ${launch.command}.`;
  };

  const perform = (effect: Effect): void => {
    switch (effect.type) {
      case 'run': {
        trace('watch: run');
        const exercise = byId.get(effect.id);
        const controller = new AbortController();
        runAbort = controller;
        const running: Promise<SuiteOutcome> = exercise
          ? runner.run(exercise, workspace.exercisesDir, controller.signal)
          : Promise.resolve({ kind: 'error', message: `there is no exercise ${effect.id}` });
        void running
          .catch((error: unknown): SuiteOutcome => ({ kind: 'error', message: messageOf(error) }))
          .then((outcome) => {
            if (runAbort === controller) runAbort = undefined;
            dispatch(controller.signal.aborted ? { type: 'run-cancelled', id: effect.id } : { type: 'run-finished', id: effect.id, outcome });
          });
        return;
      }
      case 'cancel-run':
        runAbort?.abort();
        return;
      case 'save': {
        const state = model.state;
        context.state = state;
        void saver.save(state);
        return;
      }
      case 'reset': {
        const exercise = byId.get(effect.id);
        const resetting = exercise ? resetExerciseFile(workspace, exercise) : Promise.reject(new Error(`there is no exercise ${effect.id}`));
        void resetting.then(
          () => dispatch({ type: 'reset-done', id: effect.id }),
          (error: unknown) => dispatch({ type: 'reset-failed', id: effect.id, message: messageOf(error) }),
        );
        return;
      }
      case 'check-all': {
        const controller = new AbortController();
        checkAbort = controller;
        void checkAll(effect.ids, controller.signal).then(
          (results) => dispatch({ type: 'check-finished', results }),
          (error: unknown) => dispatch({ type: 'check-failed', message: messageOf(error) }),
        );
        return;
      }
      case 'open-editor': {
        const exercise = byId.get(effect.id);
        if (exercise) void editExercise(exercise, model.outcomes[effect.id]).then((text) => text !== undefined && dispatch({ type: 'editor-note', text }));
        break;
      }
      case 'quit':
        finish(effect.code);
        return;
    }
  };

  const checkAll = async (ids: readonly string[], signal: AbortSignal) => {
    const results = [];
    for (const id of ids) {
      const exercise = byId.get(id);
      if (!exercise) throw new Error(`there is no exercise ${id}`);
      results.push({ id, outcome: await runner.run(exercise, workspace.exercisesDir, signal) });
    }
    return results;
  };

  // Input: raw keys on a terminal; whole lines otherwise (--manual-run).
  const stdin = io.stdin;
  const onData = (chunk: Buffer | string): void => {
    for (const key of parseKeys(String(chunk))) {
      dispatch({ type: 'key', key });
      // Ctrl-C quits (the machine says with 130): keys typed after it are not for us.
      if (key.name === 'ctrl-c') return;
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
  const onResize = (): void => draw();
  let code: ExitCode;
  try {
    if (!options.manualRun) {
      const idsByPath = new Map(exercises.map((exercise) => [exercise.workspacePath, exercise.id]));
      watcher = await watchSaves({ root: workspace.exercisesDir, idsByPath, poll: options.poll, onSave: (id) => dispatch({ type: 'file-changed', id }) });
    }
    trace('watch: watcher ready');
    (io.stdout as NodeJS.WriteStream).on?.('resize', onResize);
    // q while Vitest is still starting quits without running anything.
    const warmed = await Promise.race([runner.warm().then(() => true), finished.then(() => false)]);
    // Exercises skipped because no engine here could run them are offered again once one can.
    const runnable = skippedExercises(model.state, exercises).filter((id) => {
      const exercise = byId.get(id);
      return exercise !== undefined && runner.plan(exercise).engine !== 'none';
    });
    trace('watch: vitest ready');
    if (warmed) dispatch({ type: 'start', runnable });
    code = await finished;
  } finally {
    closed = true;
    // Whatever still runs is stopped first (its Python is killed), so nothing holds up the prompt.
    runAbort?.abort();
    checkAbort?.abort();
    // The terminal is given back before anything else can fail.
    if (stdin.isTTY === true && stdin.setRawMode) {
      stdin.off('data', onData);
      stdin.setRawMode(false);
    }
    lines?.close();
    stdin.pause();
    (io.stdout as NodeJS.WriteStream).off?.('resize', onResize);
    await watcher?.close().catch(() => undefined);
  }
  context.state = model.state;
  const saved = await saver.close(model.state);
  if (failure) throw failure.error;
  io.stdout.write(code === EXIT.interrupted ? `\nStopped. ${saved.note}\n` : `Bye! ${saved.note}\n`);
  // q with unsaved progress is not a clean exit; Ctrl-C and SIGTERM keep their signal codes.
  return saved.kind === 'unsaved' && code === EXIT.ok ? EXIT.ioError : code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
