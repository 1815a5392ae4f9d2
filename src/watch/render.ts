/** render(model) -> string for every watch screen. Pure: the session decides where it goes. */
import { isComplete, statusOf } from '../core/state.js';
import type { Exercise } from '../core/manifest.js';
import { renderOutcome, type RenderContext } from '../ui/render-outcome.js';
import { colorState, stateLabel } from '../ui/render-list.js';
import type { Theme } from '../ui/theme.js';
import { visibleExercises, type Model } from './machine.js';

export interface WatchView {
  theme: Theme;
  /** The learner's file for an exercise, as shown (relative path). */
  displayPath(exercise: Exercise): string;
  /** Absolute path, for the terminal hyperlink. */
  absolutePath(exercise: Exercise): string;
  /** OSC 8 hyperlinks are only sent to terminals. */
  hyperlinks: boolean;
  /** "native CPython 3.13.0" and why, or "embedded Python 3.14". */
  engineLine(exercise: Exercise): string;
  isLearnerFile(exercise: Exercise): (file: string) => boolean;
  /** Terminal width, for the progress bar. */
  columns: number;
}

export function renderWatch(model: Model, view: WatchView): string {
  switch (model.screen) {
    case 'exercise':
      return renderExerciseScreen(model, view);
    case 'list':
      return renderListScreen(model, view);
    case 'confirm-reset':
      return `${renderExerciseScreen(model, view)}\n\n${view.theme.yellow(
        `Reset ${model.confirm?.id ?? ''} to its starting point? Your version is kept in .advpy-kata/backups. [y/N]`,
      )}`;
    case 'finish':
      return renderFinishScreen(model, view);
  }
}

export function renderProgressBar(done: number, total: number, width: number): string {
  const inner = Math.max(10, Math.min(40, width - 20));
  const filled = total === 0 ? 0 : Math.round((done / total) * inner);
  const arrow = filled < inner ? '>' : '';
  return `[${'#'.repeat(filled)}${arrow}${'-'.repeat(Math.max(0, inner - filled - arrow.length))}] ${done}/${total}`;
}

/** An OSC 8 terminal hyperlink; plain text where links are not supported. */
export function hyperlink(text: string, path: string, enabled: boolean): string {
  if (!enabled) return text;
  const url = `file://${path.split('\\').join('/').replace(/^([A-Za-z]):/, '/$1:')}`;
  return `\u001b]8;;${encodeURI(url)}\u0007${text}\u001b]8;;\u0007`;
}

function doneCount(model: Model): number {
  return model.exercises.filter((exercise) => model.state.exercises[exercise.id]?.status === 'done').length;
}

function renderExerciseScreen(model: Model, view: WatchView): string {
  const { theme } = view;
  const exercise = model.exercises.find((candidate) => candidate.id === model.shown);
  if (!exercise) return theme.red(`unknown exercise ${model.shown}`);
  const lines: string[] = [
    `${theme.bold(`advpy-kata ${theme.glyph.bullet} ${exercise.id}`)}  ${theme.dim(exercise.title)}`,
    theme.dim(view.engineLine(exercise)),
    '',
  ];
  const outcome = model.outcomes[exercise.id];
  if (model.running === exercise.id && !outcome) lines.push(theme.dim('Running the tests…'));
  else if (outcome) {
    const context: RenderContext = { theme, displayPath: view.displayPath(exercise), isLearnerFile: view.isLearnerFile(exercise) };
    lines.push(renderOutcome(outcome, context));
    if (model.running === exercise.id) lines.push(theme.dim('Re-running…'));
  }
  const done = model.state.exercises[exercise.id]?.status === 'done';
  if (done && outcome?.kind === 'passed') {
    lines.push('', theme.green(theme.bold(`${theme.glyph.pass} ${exercise.id} passes!`)) + ' Press n for the next exercise.');
  }
  for (const index of model.hints) {
    lines.push('', theme.cyan(`Hint ${index + 1}/${exercise.hints.length}: `) + (exercise.hints[index] ?? ''));
  }
  if (model.checking) lines.push('', theme.dim('Checking every finished exercise…'));
  if (model.regressions && model.regressions.length > 0) {
    lines.push('', theme.red(`These finished exercises fail now: ${model.regressions.join(', ')}. Open one from the list (l) to see why.`));
  }
  if (model.note) lines.push('', theme.yellow(model.note));
  lines.push(
    '',
    `${renderProgressBar(doneCount(model), model.exercises.length, view.columns)}  ${hyperlink(view.displayPath(exercise), view.absolutePath(exercise), view.hyperlinks)}`,
    renderKeyBar(done, theme),
  );
  return lines.join('\n');
}

function renderKeyBar(done: boolean, theme: Theme): string {
  const keys = [
    ...(done ? [['n', 'next']] : []),
    ['h', 'hint'],
    ['l', 'list'],
    ['c', 'check all'],
    ['x', 'reset'],
    ['r', 're-run'],
    ['q', 'quit'],
  ];
  return keys.map(([key, label]) => `${theme.bold(key ?? '')} ${label ?? ''}`).join(theme.dim(' · '));
}

function renderListScreen(model: Model, view: WatchView): string {
  const { theme } = view;
  const visible = visibleExercises(model);
  const cursor = Math.min(model.list.cursor, Math.max(0, visible.length - 1));
  const header = [
    theme.bold('Exercises'),
    theme.dim(`filter: ${model.list.filter}${model.list.search ? ` · search: ${model.list.search}` : ''}`),
  ].join('  ');
  const rows = visible.map((exercise, index) => {
    const status = statusOf(model.state, model.exercises, exercise.id);
    const label = stateLabel(status, theme).padEnd(10);
    const pointer = index === cursor ? theme.cyan('›') : ' ';
    const text = `${pointer} ${exercise.code} ${exercise.name.padEnd(20)} ${colorState(status, label, theme)} ${theme.dim(exercise.chapter)}`;
    return index === cursor ? theme.bold(text) : text;
  });
  const lines = [header, '', ...(rows.length > 0 ? rows : [theme.dim('  (no exercise matches)')])];
  if (model.list.searching) lines.push('', `/${model.list.search}${theme.dim('▏ (Enter to finish)')}`);
  if (model.note) lines.push('', theme.yellow(model.note));
  lines.push(
    '',
    [
      ['↑↓/jk', 'move'],
      ['Enter', 'open'],
      ['r', 'reset'],
      ['/', 'search'],
      ['d', 'done'],
      ['p', 'pending'],
      ['q', 'back'],
    ]
      .map(([key, label]) => `${theme.bold(key ?? '')} ${label ?? ''}`)
      .join(theme.dim(' · ')),
  );
  return lines.join('\n');
}

function renderFinishScreen(model: Model, view: WatchView): string {
  const { theme } = view;
  const chapters = new Map<string, { exercises: number; attempts: number }>();
  for (const exercise of model.exercises) {
    const entry = chapters.get(exercise.chapter) ?? { exercises: 0, attempts: 0 };
    entry.exercises += 1;
    entry.attempts += model.state.exercises[exercise.id]?.attempts ?? 0;
    chapters.set(exercise.chapter, entry);
  }
  const complete = isComplete(model.state, model.exercises);
  const lines = [
    theme.green(theme.bold(complete ? `${theme.glyph.pass} You finished all ${model.exercises.length} exercises!` : 'Course summary')),
    '',
    theme.bold('Failed runs before passing, per chapter:'),
    ...[...chapters].map(([chapter, entry]) => `  ${chapter.padEnd(20)} ${entry.exercises} exercises, ${entry.attempts} failed run(s)`),
    '',
    'Run `advpy-kata verify` to re-check everything, or `advpy-kata solution NN` to compare with the reference solutions.',
    '',
    `${theme.bold('l')} list ${theme.dim('·')} ${theme.bold('q')} quit`,
  ];
  return lines.join('\n');
}
