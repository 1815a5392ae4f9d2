/**
 * render(model) -> string for every watch screen. Pure: the session decides where it goes.
 *
 * On a terminal the screen is laid out for its size: every line is cut or wrapped
 * (at words) to the width, and the failure detail is cut to the rows left, so the
 * header never scrolls away. The cut says what was left out and how to see it.
 */
import { isComplete, skippedExercises, statusOf } from '../core/state.js';
import type { Exercise } from '../core/manifest.js';
import { recordedPictures, type SuiteOutcome, type TestReport } from '../core/outcome.js';
import { cutLine, wrapText } from '../ui/layout.js';
import { renderCounts, renderFailedTest, renderOutcome, renderTestLine, type RenderContext } from '../ui/render-outcome.js';
import { colorState, stateLabel } from '../ui/render-list.js';
import { renderRunTimelines } from '../ui/render-timeline.js';
import { renderProfile } from '../ui/render-profile.js';
import type { ReferenceTimelines } from '../core/timeline.js';
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
  /** The course's chapters, for the finish screen: what each taught. */
  chapters?: ReadonlyArray<{ id: string; title: string; learned: string }>;
  /** The reference solution's recorded timelines, drawn beside the learner's (chapter 05). */
  referenceTimelines?(exercise: Exercise): ReferenceTimelines | undefined;
  /** Terminal width: every line is fitted to it. */
  columns: number;
  /** Terminal height; undefined when output is not a terminal (piped output keeps everything). */
  rows?: number | undefined;
}

export function renderWatch(model: Model, view: WatchView): string {
  switch (model.screen) {
    case 'exercise':
      return renderExerciseScreen(model, view);
    case 'list':
      return renderListScreen(model, view);
    case 'confirm-reset': {
      const question = fitFor(view).wrap(
        view.theme.yellow(`Reset ${model.confirm?.id ?? ''} to its starting point? Your version is kept in .advpy-kata/backups. [y/N]`),
      );
      // The question takes rows from the exercise screen, so it is never scrolled off.
      const rows = view.rows === undefined ? undefined : view.rows - question.length - 1;
      return `${renderExerciseScreen(model, { ...view, rows })}\n\n${question.join('\n')}`;
    }
    case 'finish':
      return renderFinishScreen(model, view);
  }
}

/** Done exercises as `#`, skipped ones (need native CPython) as `o`, then what is left. */
export function renderProgressBar(done: number, total: number, width: number, skipped = 0): string {
  const inner = Math.max(10, Math.min(40, width - 20));
  const filled = total === 0 ? 0 : Math.round((done / total) * inner);
  // A skipped exercise always shows, however many there are: it is work still owed.
  const holes = total === 0 || skipped === 0 ? 0 : Math.max(1, Math.min(inner - filled, Math.round((skipped / total) * inner)));
  const arrow = filled + holes < inner ? '>' : '';
  const rest = '-'.repeat(Math.max(0, inner - filled - holes - arrow.length));
  return `[${'#'.repeat(filled)}${'o'.repeat(holes)}${arrow}${rest}] ${done}/${total}${skipped > 0 ? ` (${skipped} skipped)` : ''}`;
}

/** An OSC 8 terminal hyperlink; plain text where links are not supported. */
export function hyperlink(text: string, path: string, enabled: boolean): string {
  if (!enabled) return text;
  const url = `file://${path.split('\\').join('/').replace(/^([A-Za-z]):/, '/$1:')}`;
  return `\u001b]8;;${encodeURI(url)}\u0007${text}\u001b]8;;\u0007`;
}

function countStatus(model: Model, status: 'done' | 'skipped'): number {
  return model.exercises.filter((exercise) => model.state.exercises[exercise.id]?.status === status).length;
}

/** Columns used of the terminal's width: one stays free, as a line that fills the last column wraps early on some terminals (Windows conhost). */
function usableWidth(view: WatchView): number {
  return Math.max(20, view.columns - 1);
}

/**
 * Rows the screen may use: the session ends the screen with a newline, which takes
 * the last row. Undefined means no limit (output is not a terminal).
 */
function usableRows(view: WatchView): number | undefined {
  return view.rows === undefined ? undefined : Math.max(5, view.rows - 1);
}

/** The screen as rows that fit: long items wrapped at words, one-line items cut with an ellipsis. */
interface Fit {
  wrap(text: string): string[];
  cut(line: string): string;
}

function fitFor(view: WatchView): Fit {
  const width = usableWidth(view);
  return {
    wrap: (text) => wrapText(text, width),
    cut: (line) => cutLine(line, width, view.theme.glyph.ellipsis),
  };
}

function renderExerciseScreen(model: Model, view: WatchView): string {
  const { theme } = view;
  const fit = fitFor(view);
  const exercise = model.exercises.find((candidate) => candidate.id === model.shown);
  if (!exercise) return theme.red(`unknown exercise ${model.shown}`);
  const header: string[] = [
    fit.cut(`${theme.bold(`advpy-kata ${theme.glyph.bullet} ${exercise.id}`)}  ${theme.dim(exercise.title)}`),
    fit.cut(theme.dim(view.engineLine(exercise))),
    '',
  ];
  const outcome = model.outcomes[exercise.id];
  const context: RenderContext = { theme, displayPath: view.displayPath(exercise), isLearnerFile: view.isLearnerFile(exercise) };
  const body = outcome
    ? renderVerdict(outcome, model, context, fit, model.picture ? view.referenceTimelines?.(exercise) : undefined, usableWidth(view))
    : { list: [], detail: model.running === exercise.id ? [theme.dim(`Running the tests${theme.glyph.ellipsis}`)] : [], counts: [] };
  if (outcome && model.running === exercise.id) body.counts.push(theme.dim(`Re-running${theme.glyph.ellipsis}`));

  const done = model.state.exercises[exercise.id]?.status === 'done';
  const failures = outcome?.kind === 'failed' ? outcome.tests.filter((test) => test.status === 'failed').length : 0;
  const keys: KeyBarFacts = {
    done,
    failures,
    unrunnable: outcome?.kind === 'unsupported',
    ...recordedPictures(outcome),
    picture: model.picture,
  };
  const trailer: string[] = [];
  const note = (text: string): void => {
    trailer.push('', ...fit.wrap(text));
  };
  if (done && outcome?.kind === 'passed') note(theme.green(theme.bold(`${theme.glyph.pass} ${exercise.id} passes!`)) + ' Press n for the next exercise.');
  for (const index of model.hints) note(theme.cyan(`Hint ${index + 1}/${exercise.hints.length}: `) + (exercise.hints[index] ?? ''));
  if (model.checking) note(theme.dim(`Checking every finished exercise${theme.glyph.ellipsis}`));
  if (model.regressions && model.regressions.length > 0) {
    note(theme.red(`These finished exercises fail now: ${model.regressions.join(', ')}. Open one from the list (l) to see why.`));
  }
  if (model.note) note(theme.yellow(model.note));
  trailer.push(
    '',
    fit.cut(`${renderProgressBar(countStatus(model, 'done'), model.exercises.length, view.columns, countStatus(model, 'skipped'))}  ${hyperlink(view.displayPath(exercise), view.absolutePath(exercise), view.hyperlinks)}`),
    ...fit.wrap(renderKeyBar(keys, theme)),
  );

  const rows = usableRows(view);
  const fixed = header.length + body.counts.length + trailer.length + (body.counts.length > 0 ? 1 : 0);
  let list = body.list;
  let detail = body.detail;
  if (rows !== undefined) {
    // The test list may take up to half of what is left; the failure gets the rest.
    const left = Math.max(0, rows - fixed);
    list = cutRows(list, Math.max(1, Math.floor(left / 2)), (hidden) =>
      fit.wrap(theme.dim(`${theme.glyph.ellipsis} and ${hidden} more test(s)`)),
    );
    const room = Math.max(0, left - list.length - (list.length > 0 && detail.length > 0 ? 1 : 0));
    detail = cutRows(detail, room, (hidden) =>
      fit.wrap(theme.yellow(`${theme.glyph.ellipsis} ${hidden} more line(s) not shown: \`advpy-kata run ${exercise.code}\` in another shell shows them all`)),
    );
  }
  const lines = [...header, ...list, ...(list.length > 0 && detail.length > 0 ? [''] : []), ...detail];
  if (body.counts.length > 0) lines.push('', ...body.counts);
  lines.push(...trailer);
  // Should the fixed parts alone overflow (a tiny terminal), the header still stays on top.
  return (rows === undefined ? lines : lines.slice(0, rows)).join('\n');
}

/** `lines` cut to `max` rows, the last rows given to a note of how many were left out. */
function cutRows(lines: string[], max: number, note: (hidden: number) => string[]): string[] {
  if (lines.length <= max) return lines;
  if (max <= 0) return [];
  // The note's length barely depends on the count, so measure it once with the worst case.
  const noteRows = Math.min(max, note(lines.length).length);
  const kept = lines.slice(0, max - noteRows);
  return [...kept, ...note(lines.length - kept.length)].slice(0, max);
}

interface Verdict {
  /** One row per test. */
  list: string[];
  /** The failure shown in detail, fitted to the width. */
  detail: string[];
  /** "3 passed, 2 failed" and anything said about the run itself. */
  counts: string[];
}

/** The verdict for the layout: the test list, and one failure (the one `model.failure` picks) in detail. */
function renderVerdict(
  outcome: SuiteOutcome,
  model: Model,
  context: RenderContext,
  fit: Fit,
  reference: ReferenceTimelines | undefined,
  width: number,
): Verdict {
  const { theme } = context;
  if (outcome.kind !== 'passed' && outcome.kind !== 'failed') {
    const detail = fit.wrap(renderOutcome(outcome, context));
    if (outcome.kind === 'unsupported') detail.push('', ...fit.wrap(theme.yellow('Press s to skip it for now: it is marked skipped, not done, and offered again once a native CPython is found.')));
    return { list: [], detail, counts: [] };
  }
  const list = outcome.tests.map((test) => fit.cut(renderTestLine(test, theme)));
  const failed = outcome.tests.filter((test): test is TestReport => test.status === 'failed');
  const counts = [renderCounts(outcome.tests, theme)];
  if (model.picture) {
    const profiles = outcome.tests.flatMap((test) => (test.profile ? renderProfile(test.profile, width, theme) : []));
    const timelines = renderRunTimelines(outcome.tests, reference, width, theme);
    counts.push(...fit.wrap(theme.dim(timelines.length > 0 ? 'Showing what ran when (one lane per thread or task): t to go back to the failures.' : 'Showing your profile: p to go back to the failures.')));
    return { list, detail: [...profiles, ...(profiles.length > 0 && timelines.length > 0 ? [''] : []), ...timelines], counts };
  }
  if (failed.length === 0) return { list, detail: [], counts };
  const index = ((model.failure % failed.length) + failed.length) % failed.length;
  const detail = fit.wrap(renderFailedTest(failed[index] as TestReport, context));
  if (failed.length > 1) counts.push(...fit.wrap(theme.dim(`Showing failure ${index + 1} of ${failed.length}: f for the next, F for the one before.`)));
  return { list, detail, counts };
}

interface KeyBarFacts {
  done: boolean;
  failures: number;
  /** The engine cannot run this exercise: s skips it. */
  unrunnable: boolean;
  /** The run recorded a timeline: t shows it. */
  timeline: boolean;
  /** The run recorded a profile: p shows it. */
  profile: boolean;
  picture: boolean;
}

function renderKeyBar(facts: KeyBarFacts, theme: Theme): string {
  const keys = [
    ...(facts.done ? [['n', 'next']] : []),
    ...(facts.unrunnable ? [['s', 'skip for now']] : []),
    ...(facts.timeline ? [['t', facts.picture ? 'failures' : 'timeline']] : []),
    ...(facts.profile && !facts.timeline ? [['p', facts.picture ? 'failures' : 'profile']] : []),
    ...(facts.failures > 1 ? [['f/F', 'next/previous failure']] : []),
    ['h', 'hint'],
    ['e', 'edit'],
    ['l', 'list'],
    ['c', 'check all'],
    ['x', 'reset'],
    ['r', 're-run'],
    ['q', 'quit'],
  ];
  return keys.map(([key, label]) => `${theme.bold(key ?? '')} ${label ?? ''}`).join(theme.dim(` ${theme.glyph.dot} `));
}

function renderListScreen(model: Model, view: WatchView): string {
  const { theme } = view;
  const fit = fitFor(view);
  const visible = visibleExercises(model);
  const cursor = Math.min(model.list.cursor, Math.max(0, visible.length - 1));
  const header = [
    theme.bold('Exercises'),
    theme.dim(`filter: ${model.list.filter}${model.list.search ? ` ${theme.glyph.dot} search: ${model.list.search}` : ''}`),
  ].join('  ');
  const rows = visible.map((exercise, index) => {
    const status = statusOf(model.state, model.exercises, exercise.id);
    const label = stateLabel(status, theme).padEnd(10);
    const pointer = index === cursor ? theme.cyan(theme.glyph.pointer) : ' ';
    const text = `${pointer} ${exercise.code} ${exercise.name.padEnd(20)} ${colorState(status, label, theme)} ${theme.dim(exercise.chapter)}`;
    return fit.cut(index === cursor ? theme.bold(text) : text);
  });
  const trailer: string[] = [];
  if (model.list.searching) trailer.push('', fit.cut(`/${model.list.search}${theme.dim(`${theme.glyph.caret} (Enter to finish)`)}`));
  if (model.note) trailer.push('', ...fit.wrap(theme.yellow(model.note)));
  trailer.push(
    '',
    ...fit.wrap([
      [`${theme.glyph.upDown}/jk`, 'move'],
      ['Enter', 'open'],
      ['r', 'reset'],
      ['/', 'search'],
      ['d', 'done'],
      ['p', 'pending'],
      ['q', 'back'],
    ]
      .map(([key, label]) => `${theme.bold(key ?? '')} ${label ?? ''}`)
      .join(theme.dim(` ${theme.glyph.dot} `))),
  );
  const limit = usableRows(view);
  const listRows = limit === undefined ? rows.length : Math.max(1, limit - 2 - trailer.length);
  // A list longer than the screen scrolls with its cursor instead of pushing the header away.
  const first = Math.max(0, Math.min(cursor - Math.floor(listRows / 2), rows.length - listRows));
  const shown = rows.slice(first, first + listRows);
  const lines = [fit.cut(header), '', ...(rows.length > 0 ? shown : [theme.dim('  (no exercise matches)')]), ...trailer];
  return (limit === undefined ? lines : lines.slice(0, limit)).join('\n');
}

function renderFinishScreen(model: Model, view: WatchView): string {
  const { theme } = view;
  const fit = fitFor(view);
  const summaries = summariseChapters(model);
  const skipped = skippedExercises(model.state, model.exercises);
  const complete = isComplete(model.state, model.exercises) && skipped.length === 0;
  const done = countStatus(model, 'done');
  const lines = [
    fit.cut(theme.green(theme.bold(complete ? `${theme.glyph.pass} You finished all ${model.exercises.length} exercises!` : `${done} of ${model.exercises.length} exercises done`))),
    '',
  ];
  for (const summary of summaries) {
    const chapter = view.chapters?.find((candidate) => candidate.id === summary.id);
    const figures = `${summary.done}/${summary.exercises} done, ${summary.attempts} failed run(s) on the way, ${formatSpan(summary.ms)}`;
    lines.push(fit.cut(`${theme.bold(chapter?.title ?? summary.id)}  ${theme.dim(figures)}`));
    if (chapter) lines.push(...fit.wrap(`  You can now ${chapter.learned}`));
  }
  if (skipped.length > 0) {
    lines.push('', ...fit.wrap(theme.yellow(`Skipped until a native CPython is found: ${skipped.join(', ')}. Install one (\`advpy-kata doctor\` says how) and start watch mode again: they are offered then.`)));
  }
  lines.push(
    '',
    ...fit.wrap(theme.dim('Time is from each exercise\'s first run to its pass, breaks included.')),
    ...fit.wrap('Run `advpy-kata verify` to re-check everything, or `advpy-kata solution NN` to compare with the reference solutions.'),
    '',
    `${theme.bold('l')} list ${theme.dim(theme.glyph.dot)} ${theme.bold('q')} quit`,
  );
  const rows = usableRows(view);
  return (rows === undefined ? lines : lines.slice(0, rows)).join('\n');
}

interface ChapterSummary {
  id: string;
  exercises: number;
  done: number;
  attempts: number;
  /** From each exercise's first run to its pass, summed over the chapter's done exercises. */
  ms: number;
}

export function summariseChapters(model: Pick<Model, 'exercises' | 'state'>): ChapterSummary[] {
  const chapters = new Map<string, ChapterSummary>();
  for (const exercise of model.exercises) {
    const entry = chapters.get(exercise.chapter) ?? { id: exercise.chapter, exercises: 0, done: 0, attempts: 0, ms: 0 };
    const progress = model.state.exercises[exercise.id];
    entry.exercises += 1;
    entry.attempts += progress?.attempts ?? 0;
    if (progress?.status === 'done') {
      entry.done += 1;
      const took = Date.parse(progress.doneAt ?? '') - Date.parse(progress.startedAt ?? '');
      if (Number.isFinite(took) && took > 0) entry.ms += took;
    }
    chapters.set(exercise.chapter, entry);
  }
  return [...chapters.values()];
}

/** "3 min", "1 h 20 min", "under a minute". */
export function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h${minutes % 60 === 0 ? '' : ` ${minutes % 60} min`}`;
}
