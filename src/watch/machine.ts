/**
 * The watch session as a headless state machine: `update(model, event)` returns
 * the next model and the effects to perform, as data. The session loop performs
 * them (run a suite, save progress, reset a file) and feeds results back in as
 * events. Nothing here touches files, processes or the terminal.
 */
import { EXIT, type ExitCode } from '../core/errors.js';
import type { Exercise } from '../core/manifest.js';
import { isPass, recordedPictures, type SuiteOutcome } from '../core/outcome.js';
import { advance, isComplete, isUnlocked, nextHint, recordRun, reofferSkipped, selectExercise, skipExercise, type State } from '../core/state.js';

export type Screen = 'exercise' | 'list' | 'confirm-reset' | 'finish';
export type ListFilter = 'all' | 'done' | 'pending';

export interface Model {
  exercises: readonly Exercise[];
  state: State;
  screen: Screen;
  /** The exercise on screen: normally `state.current`. */
  shown: string;
  /** Verdicts of the latest run per exercise. */
  outcomes: Readonly<Record<string, SuiteOutcome>>;
  /** The exercise being run right now, if any. */
  running: string | undefined;
  /** One re-run waiting for the current run to end; the latest request wins. */
  queued: string | undefined;
  /** The run in flight was cancelled (it went stale); its verdict will not count. */
  cancelling: boolean;
  /** Progressive hints revealed on this screen (indexes into the exercise's hints). */
  hints: number[];
  /** Which failing test the exercise screen shows in detail (0: the first); f and F move it. */
  failure: number;
  /** t or p: the exercise screen shows the run's timeline or profile instead of the failure detail. */
  picture: boolean;
  /** A one-line note (a locked exercise was saved, a reset happened, ...). */
  note: string | undefined;
  autoNext: boolean;
  list: { cursor: number; filter: ListFilter; search: string; searching: boolean };
  /** Exercises that were done but fail now, from the last check-all. */
  regressions: string[] | undefined;
  checking: boolean;
  /** Which exercise `confirm-reset` asks about, and where to go back to. */
  confirm: { id: string; back: Screen } | undefined;
}

export type Key =
  | { name: 'char'; char: string }
  | { name: 'enter' | 'up' | 'down' | 'escape' | 'backspace' | 'ctrl-c' };

export type Event =
  /** `runnable`: skipped exercises that this machine can run now (a native Python appeared). */
  | { type: 'start'; runnable?: readonly string[] }
  | { type: 'key'; key: Key }
  | { type: 'file-changed'; id: string }
  | { type: 'run-finished'; id: string; outcome: SuiteOutcome }
  /** A run ended by a `cancel-run`: nothing it found counts. */
  | { type: 'run-cancelled'; id: string }
  | { type: 'check-finished'; results: ReadonlyArray<{ id: string; outcome: SuiteOutcome }> }
  | { type: 'check-failed'; message: string }
  | { type: 'reset-done'; id: string }
  | { type: 'reset-failed'; id: string; message: string }
  /** What became of opening the editor (or what to run instead). */
  | { type: 'editor-note'; text: string };

/**
 * What the session must do. Each effect that can fail reports back as an event
 * (`run-finished`/`run-cancelled`, `check-finished`/`check-failed`,
 * `reset-done`/`reset-failed`); saving reports through the state saver, which
 * never fails loudly (workspace/state-saver.ts).
 */
export type Effect =
  | { type: 'run'; id: string }
  /** End the run in flight now (Python is killed); a `run-cancelled` follows. */
  | { type: 'cancel-run' }
  | { type: 'save' }
  | { type: 'reset'; id: string }
  | { type: 'check-all'; ids: string[] }
  /** Open the exercise in the learner's editor at its failing line; an `editor-note` may follow. */
  | { type: 'open-editor'; id: string }
  /** End the session with this exit code; whatever is still running is stopped first. */
  | { type: 'quit'; code: ExitCode };

export function initialModel(exercises: readonly Exercise[], state: State, autoNext: boolean): Model {
  return {
    exercises,
    state,
    screen: isComplete(state, exercises) ? 'finish' : 'exercise',
    shown: state.current,
    outcomes: {},
    running: undefined,
    queued: undefined,
    cancelling: false,
    hints: [],
    failure: 0,
    picture: false,
    note: undefined,
    autoNext,
    list: { cursor: Math.max(0, exercises.findIndex((exercise) => exercise.id === state.current)), filter: 'all', search: '', searching: false },
    regressions: undefined,
    checking: false,
    confirm: undefined,
  };
}

type Step = [Model, Effect[]];

export function update(model: Model, event: Event): Step {
  switch (event.type) {
    case 'start':
      return onStart(model, event.runnable ?? []);
    case 'file-changed':
      return onFileChanged(model, event.id);
    case 'run-finished':
      return onRunFinished(model, event.id, event.outcome);
    case 'run-cancelled': {
      const next: Model = { ...model, running: undefined, cancelling: false };
      return next.queued === undefined ? [next, []] : requestRun(next, next.queued);
    }
    case 'check-failed':
      return [{ ...model, checking: false, note: `The finished exercises could not be checked: ${event.message}` }, []];
    case 'reset-failed':
      return [{ ...model, note: `${event.id} was not reset: ${event.message}` }, []];
    case 'editor-note':
      return [{ ...model, note: event.text }, []];
    case 'check-finished': {
      const regressions = event.results.filter(({ outcome }) => !isPass(outcome) && outcome.kind !== 'unsupported').map(({ id }) => id);
      // Kept as the latest verdicts, so opening a regressed exercise shows why it fails.
      const outcomes = { ...model.outcomes, ...Object.fromEntries(event.results.map(({ id, outcome }) => [id, outcome])) };
      return [{ ...model, outcomes, checking: false, regressions, note: regressions.length === 0 ? `All ${event.results.length} finished exercises still pass.` : undefined }, []];
    }
    case 'reset-done':
      // Only the file changed (progress is kept), so a run of the old file is stale.
      return requestRun({ ...model, note: `${event.id} was reset; your old version is in .advpy-kata/backups.`, hints: [] }, event.id, { stale: true });
    case 'key':
      return onKey(model, event.key);
  }
}

/**
 * Ask for a run; if one is in flight, queue it instead (the latest request wins).
 * The run in flight is cancelled when its verdict would be of no use: the file
 * was saved or reset since it started (`stale`), or it runs another exercise than
 * the one wanted now. A hang then costs nothing: the new run starts at once.
 */
function requestRun(model: Model, id: string, options: { stale?: boolean } = {}): Step {
  if (model.running === undefined) return [{ ...model, running: id, queued: undefined }, [{ type: 'run', id }]];
  const cancel = (options.stale === true || model.running !== id) && !model.cancelling;
  return [{ ...model, queued: id, cancelling: model.cancelling || cancel }, cancel ? [{ type: 'cancel-run' }] : []];
}

function onStart(model: Model, runnable: readonly string[]): Step {
  const { state, offered } = reofferSkipped(model.state, model.exercises, new Set(runnable));
  if (offered.length === 0) return model.screen === 'finish' ? [model, []] : requestRun(model, model.shown);
  const note = `A native CPython is here now, so ${offered.join(', ')} can run: ${offered.length === 1 ? 'it is' : 'they are'} open again.`;
  const next: Model = { ...model, state, shown: state.current, screen: 'exercise', hints: [], note };
  return withSave(requestRun(next, next.shown));
}

/** `s` on an exercise this engine cannot run: mark it skipped (never done) and go on. */
function skipUnrunnable(model: Model): Step {
  const outcome = model.outcomes[model.shown];
  if (outcome?.kind !== 'unsupported') {
    return [{ ...model, note: 'Only an exercise that cannot run here (it needs native CPython) can be skipped.' }, []];
  }
  const skipped = model.shown;
  const state = skipExercise(model.state, model.exercises, skipped);
  const note = `${skipped} is skipped until a native CPython is found; it is offered again then.`;
  if (isComplete(state, model.exercises)) return withSave([{ ...model, state, screen: 'finish', note }, []]);
  return withSave(requestRun({ ...model, state, shown: state.current, hints: [], picture: false, note }, state.current));
}

function quit(model: Model, code: ExitCode): Step {
  return [model, [{ type: 'save' }, { type: 'quit', code }]];
}

function onFileChanged(model: Model, id: string): Step {
  if (!isUnlocked(model.state, model.exercises, id)) {
    return [{ ...model, note: `${id} is locked: finish ${model.state.current} first. Your save is kept.` }, []];
  }
  if (id === model.shown) return requestRun({ ...model, note: undefined }, id, { stale: true });
  // A save to another unlocked exercise: show that one, and make it current.
  const state = selectExercise(model.state, model.exercises, id);
  return withSave(requestRun({ ...model, state, shown: id, screen: 'exercise', hints: [], note: undefined }, id, { stale: true }));
}

function onRunFinished(model: Model, id: string, outcome: SuiteOutcome): Step {
  const outcomes = { ...model.outcomes, [id]: outcome };
  let state = model.state;
  if (outcome.kind === 'passed' || outcome.kind === 'failed' || outcome.kind === 'broken') {
    state = recordRun(state, id, isPass(outcome), new Date());
  }
  const shown = id === model.shown;
  // Lines about the state before this verdict go with it: a pass ends the hints and
  // this exercise's regression; a new verdict shows its first failure again.
  const regressions = isPass(outcome) ? model.regressions?.filter((other) => other !== id) : model.regressions;
  let next: Model = {
    ...model,
    outcomes,
    state,
    running: undefined,
    cancelling: false,
    failure: shown ? 0 : model.failure,
    picture: shown && (outcome.kind === 'passed' || outcome.kind === 'failed') ? model.picture : false,
    hints: shown && isPass(outcome) ? [] : model.hints,
    regressions: regressions?.length === 0 ? undefined : regressions,
  };
  const effects: Effect[] = [{ type: 'save' }];
  if (isPass(outcome) && next.autoNext && id === next.shown) {
    const moved = moveNext(next);
    next = moved[0];
    effects.push(...moved[1]);
  } else if (isComplete(state, model.exercises) && isPass(outcome)) {
    next = { ...next, screen: 'finish' };
  }
  if (next.queued !== undefined) {
    const [queued, more] = requestRun(next, next.queued);
    return [queued, [...effects, ...more]];
  }
  return [next, effects];
}

/** `n`: to the next exercise, but only once this one is done. */
function moveNext(model: Model): Step {
  if (model.state.exercises[model.shown]?.status !== 'done') {
    return [{ ...model, note: 'Finish this exercise first: `n` unlocks once every test passes.' }, []];
  }
  if (isComplete(model.state, model.exercises)) return [{ ...model, screen: 'finish' }, []];
  const state = advance({ ...model.state, current: model.shown }, model.exercises);
  return withSave(requestRun({ ...model, state, shown: state.current, hints: [], picture: false, note: undefined, regressions: undefined }, state.current));
}

function withSave([model, effects]: Step): Step {
  return [model, [...effects, { type: 'save' }]];
}

function onKey(model: Model, key: Key): Step {
  if (key.name === 'ctrl-c') return quit(model, EXIT.interrupted);
  switch (model.screen) {
    case 'exercise':
      return onExerciseKey(model, key);
    case 'list':
      return onListKey(model, key);
    case 'confirm-reset':
      return onConfirmKey(model, key);
    case 'finish':
      if (key.name === 'char' && key.char === 'q') return quit(model, EXIT.ok);
      if (key.name === 'char' && key.char === 'l') return [{ ...model, screen: 'list' }, []];
      return [model, []];
  }
}

function onExerciseKey(model: Model, key: Key): Step {
  // Down and up step through failures like f and F.
  const char = key.name === 'char' ? key.char : key.name === 'enter' ? 'r' : key.name === 'down' ? 'f' : key.name === 'up' ? 'F' : '';
  switch (char) {
    case 'n':
      return moveNext(model);
    case 'h': {
      const exercise = model.exercises.find((candidate) => candidate.id === model.shown);
      if (!exercise) return [model, []];
      if (exercise.hints.length === 0) return [{ ...model, note: 'This exercise has no hints.' }, []];
      const { state, index } = nextHint(model.state, exercise);
      if (model.hints.includes(index)) {
        const total = exercise.hints.length;
        return [{ ...model, note: `That was the last hint (${total} of ${total}). Still stuck? \`advpy-kata solution ${exercise.code} --force\` shows the reference solution.` }, []];
      }
      return [{ ...model, state, hints: [...model.hints, index], note: undefined }, [{ type: 'save' }]];
    }
    case 'l':
      return [{ ...model, screen: 'list', note: undefined }, []];
    case 'c': {
      const ids = model.exercises.filter((exercise) => model.state.exercises[exercise.id]?.status === 'done').map((exercise) => exercise.id);
      if (ids.length === 0) return [{ ...model, note: 'Nothing to check yet: no exercise is done.' }, []];
      return [{ ...model, checking: true, regressions: undefined, note: undefined }, [{ type: 'check-all', ids }]];
    }
    case 'f':
    case 'F':
      return [{ ...model, failure: model.failure + (char === 'f' ? 1 : -1), picture: false }, []];
    case 's':
      return skipUnrunnable(model);
    case 't':
    case 'p': {
      if (model.picture) return [{ ...model, picture: false }, []];
      const recorded = recordedPictures(model.outcomes[model.shown]);
      if (!(char === 't' ? recorded.timeline : recorded.profile)) {
        const note =
          char === 't'
            ? 'This run recorded no timeline: t shows one after a run of a concurrency exercise (chapter 05).'
            : 'This run recorded no profile: p shows one after a run of exercise 36.';
        return [{ ...model, note }, []];
      }
      return [{ ...model, picture: true, note: undefined }, []];
    }
    case 'e':
      return [{ ...model, note: undefined }, [{ type: 'open-editor', id: model.shown }]];
    case 'x':
      return [{ ...model, screen: 'confirm-reset', confirm: { id: model.shown, back: 'exercise' } }, []];
    case 'r':
      return requestRun({ ...model, note: undefined }, model.shown);
    case 'q':
      return quit(model, EXIT.ok);
    default:
      return [model, []];
  }
}

function onConfirmKey(model: Model, key: Key): Step {
  const confirm = model.confirm;
  if (!confirm) return [{ ...model, screen: 'exercise' }, []];
  const yes = key.name === 'char' && (key.char === 'y' || key.char === 'Y');
  const back: Model = { ...model, screen: confirm.back === 'list' ? 'list' : 'exercise', confirm: undefined };
  if (!yes) return [{ ...back, note: 'Reset cancelled; nothing changed.' }, []];
  return [{ ...back, screen: 'exercise', shown: confirm.id }, [{ type: 'reset', id: confirm.id }]];
}

/** The exercises the list shows, after the filter and the search. */
export function visibleExercises(model: Model): Exercise[] {
  const search = model.list.search.toLowerCase();
  return model.exercises.filter((exercise) => {
    const done = model.state.exercises[exercise.id]?.status === 'done';
    if (model.list.filter === 'done' && !done) return false;
    if (model.list.filter === 'pending' && done) return false;
    return search === '' || exercise.id.includes(search) || exercise.title.toLowerCase().includes(search);
  });
}

function onListKey(model: Model, key: Key): Step {
  const list = model.list;
  if (list.searching) {
    if (key.name === 'enter' || key.name === 'escape') return [{ ...model, list: { ...list, searching: false } }, []];
    if (key.name === 'backspace') return [{ ...model, list: { ...list, search: list.search.slice(0, -1), cursor: 0 } }, []];
    if (key.name === 'char') return [{ ...model, list: { ...list, search: list.search + key.char, cursor: 0 } }, []];
    return [model, []];
  }
  const visible = visibleExercises(model);
  const clamp = (cursor: number): number => Math.max(0, Math.min(visible.length - 1, cursor));
  const selected = visible[clamp(list.cursor)];
  if (key.name === 'up' || (key.name === 'char' && key.char === 'k')) return [{ ...model, list: { ...list, cursor: clamp(list.cursor - 1) } }, []];
  if (key.name === 'down' || (key.name === 'char' && key.char === 'j')) return [{ ...model, list: { ...list, cursor: clamp(list.cursor + 1) } }, []];
  if (key.name === 'escape' || (key.name === 'char' && key.char === 'q')) {
    return [{ ...model, screen: isComplete(model.state, model.exercises) ? 'finish' : 'exercise' }, []];
  }
  if (key.name === 'enter') {
    if (!selected) return [model, []];
    if (!isUnlocked(model.state, model.exercises, selected.id)) return [{ ...model, note: `${selected.id} is locked: finish the exercises before it first.` }, []];
    const state = selectExercise(model.state, model.exercises, selected.id);
    return withSave(requestRun({ ...model, state, shown: selected.id, screen: 'exercise', hints: [], note: undefined }, selected.id));
  }
  if (key.name !== 'char') return [model, []];
  switch (key.char) {
    case '/':
      return [{ ...model, list: { ...list, searching: true } }, []];
    case 'd':
      return [{ ...model, list: { ...list, filter: list.filter === 'done' ? 'all' : 'done', cursor: 0 } }, []];
    case 'p':
      return [{ ...model, list: { ...list, filter: list.filter === 'pending' ? 'all' : 'pending', cursor: 0 } }, []];
    case 'r':
      return selected ? [{ ...model, screen: 'confirm-reset', confirm: { id: selected.id, back: 'list' } }, []] : [model, []];
    default:
      return [model, []];
  }
}
