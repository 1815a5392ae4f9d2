/**
 * The watch session as a headless state machine: `update(model, event)` returns
 * the next model and the effects to perform, as data. The session loop performs
 * them (run a suite, save progress, reset a file) and feeds results back in as
 * events. Nothing here touches files, processes or the terminal.
 */
import type { Exercise } from '../core/manifest.js';
import { isPass, type SuiteOutcome } from '../core/outcome.js';
import { advance, isComplete, isUnlocked, nextHint, recordRun, selectExercise, type State } from '../core/state.js';

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
  /** Progressive hints revealed on this screen (indexes into the exercise's hints). */
  hints: number[];
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
  | { type: 'start' }
  | { type: 'key'; key: Key }
  | { type: 'file-changed'; id: string }
  | { type: 'run-finished'; id: string; outcome: SuiteOutcome }
  | { type: 'check-finished'; results: ReadonlyArray<{ id: string; outcome: SuiteOutcome }> }
  | { type: 'reset-done'; id: string; state: State };

export type Effect =
  | { type: 'run'; id: string }
  | { type: 'save' }
  | { type: 'reset'; id: string }
  | { type: 'check-all'; ids: string[] }
  | { type: 'quit' };

export function initialModel(exercises: readonly Exercise[], state: State, autoNext: boolean): Model {
  return {
    exercises,
    state,
    screen: isComplete(state, exercises) ? 'finish' : 'exercise',
    shown: state.current,
    outcomes: {},
    running: undefined,
    queued: undefined,
    hints: [],
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
      return model.screen === 'finish' ? [model, []] : requestRun(model, model.shown);
    case 'file-changed':
      return onFileChanged(model, event.id);
    case 'run-finished':
      return onRunFinished(model, event.id, event.outcome);
    case 'check-finished': {
      const regressions = event.results.filter(({ outcome }) => !isPass(outcome) && outcome.kind !== 'unsupported').map(({ id }) => id);
      return [{ ...model, checking: false, regressions, note: regressions.length === 0 ? `All ${event.results.length} finished exercises still pass.` : undefined }, []];
    }
    case 'reset-done':
      return requestRun({ ...model, state: event.state, note: `${event.id} was reset; your old version is in .advpy-kata/backups.`, hints: [] }, event.id);
    case 'key':
      return onKey(model, event.key);
  }
}

/** Ask for a run; if one is in flight, queue it instead (the latest request wins). */
function requestRun(model: Model, id: string): Step {
  if (model.running !== undefined) return [{ ...model, queued: id }, []];
  return [{ ...model, running: id, queued: undefined }, [{ type: 'run', id }]];
}

function onFileChanged(model: Model, id: string): Step {
  if (!isUnlocked(model.state, model.exercises, id)) {
    return [{ ...model, note: `${id} is locked: finish ${model.state.current} first. Your save is kept.` }, []];
  }
  if (id === model.shown) return requestRun({ ...model, note: undefined }, id);
  // A save to another unlocked exercise: show that one, and make it current.
  const state = selectExercise(model.state, model.exercises, id);
  return withSave(requestRun({ ...model, state, shown: id, screen: 'exercise', hints: [], note: undefined }, id));
}

function onRunFinished(model: Model, id: string, outcome: SuiteOutcome): Step {
  const outcomes = { ...model.outcomes, [id]: outcome };
  let state = model.state;
  if (outcome.kind === 'passed' || outcome.kind === 'failed' || outcome.kind === 'broken') {
    state = recordRun(state, id, isPass(outcome), new Date());
  }
  let next: Model = { ...model, outcomes, state, running: undefined };
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
  return withSave(requestRun({ ...model, state, shown: state.current, hints: [], note: undefined, regressions: undefined }, state.current));
}

function withSave([model, effects]: Step): Step {
  return [model, [...effects, { type: 'save' }]];
}

function onKey(model: Model, key: Key): Step {
  if (key.name === 'ctrl-c') return [model, [{ type: 'save' }, { type: 'quit' }]];
  switch (model.screen) {
    case 'exercise':
      return onExerciseKey(model, key);
    case 'list':
      return onListKey(model, key);
    case 'confirm-reset':
      return onConfirmKey(model, key);
    case 'finish':
      if (key.name === 'char' && key.char === 'q') return [model, [{ type: 'save' }, { type: 'quit' }]];
      if (key.name === 'char' && key.char === 'l') return [{ ...model, screen: 'list' }, []];
      return [model, []];
  }
}

function onExerciseKey(model: Model, key: Key): Step {
  const char = key.name === 'char' ? key.char : key.name === 'enter' ? 'r' : '';
  switch (char) {
    case 'n':
      return moveNext(model);
    case 'h': {
      const exercise = model.exercises.find((candidate) => candidate.id === model.shown);
      if (!exercise) return [model, []];
      const { state, index } = nextHint(model.state, exercise);
      const hints = model.hints.includes(index) ? model.hints : [...model.hints, index];
      return [{ ...model, state, hints }, [{ type: 'save' }]];
    }
    case 'l':
      return [{ ...model, screen: 'list', note: undefined }, []];
    case 'c': {
      const ids = model.exercises.filter((exercise) => model.state.exercises[exercise.id]?.status === 'done').map((exercise) => exercise.id);
      if (ids.length === 0) return [{ ...model, note: 'Nothing to check yet: no exercise is done.' }, []];
      return [{ ...model, checking: true, regressions: undefined, note: undefined }, [{ type: 'check-all', ids }]];
    }
    case 'x':
      return [{ ...model, screen: 'confirm-reset', confirm: { id: model.shown, back: 'exercise' } }, []];
    case 'r':
      return requestRun({ ...model, note: undefined }, model.shown);
    case 'q':
      return [model, [{ type: 'save' }, { type: 'quit' }]];
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
