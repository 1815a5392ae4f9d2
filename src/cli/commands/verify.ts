/**
 * `advpy-kata verify [--done | --solutions] [--reporter NAME[:FILE]]...`.
 * In a workspace: every exercise must pass; with --done, every exercise finished so
 * far (a learner's CI, green while they progress). With --solutions (the course's own
 * CI check): every solution passes, every stub fails, files match the manifest.
 */
import { appendFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import { findStrayFiles, isVerified, type VerifyEntry, type VerifyReport } from '../../core/verify.js';
import { renderJsonReport } from '../../ui/report-json.js';
import { renderJunitReport } from '../../ui/report-junit.js';
import { renderGithubAnnotations, renderGithubSummary } from '../../ui/report-github.js';
import { renderVerifyReport } from '../../ui/render-verify.js';
import { createTheme } from '../../ui/theme.js';
import { COURSE_ROOT } from '../../workspace/course.js';
import { writeFileAtomic } from '../../workspace/files.js';
import { describeWriteError, isFileSystemError } from '../../workspace/write-problems.js';
import { recordVerified } from '../../core/state.js';
import { displayPath, learnerFile, openWorkspace, saveState, type Context } from '../context.js';
import type { Io } from '../io.js';
import { parseReporterTargets, type Reporter, type ReporterTarget } from '../reporter-targets.js';
import { createCourseRunner, renderRunResult, type EngineOptions } from './run.js';
import { executeRuns, type Execute } from './verify-execute.js';
import type { VerifyRun } from './verify-runs.js';

export interface VerifyOptions extends EngineOptions {
  /** Check the course itself: solutions pass, stubs fail, files match the manifest. */
  solutions?: boolean;
  /** Check only the exercises done so far, and fail on any that broke. */
  done?: boolean;
  /** `NAME` or `NAME:FILE`, repeatable; none means pretty (github under GitHub Actions). */
  reporter?: string[];
  /** Suites run at once, each worker process with its own runner; 1 runs them in this process. Default: one per core. */
  jobs?: number;
}

/** Reporters written for people reading a log: they show progress as the run goes. */
const FOR_PEOPLE: readonly Reporter[] = ['pretty', 'github'];

export async function runVerify(options: VerifyOptions, io: Io): Promise<ExitCode> {
  if (options.solutions === true && options.done === true) {
    throw new KataError('USAGE', '--done and --solutions cannot be combined', '--done checks a workspace; --solutions checks the course itself.');
  }
  const targets = parseReporterTargets(options.reporter ?? [], io.env, io.cwd);
  const onStdout = targets.find((target) => target.file === undefined)?.reporter;
  const showProgress = onStdout !== undefined && FOR_PEOPLE.includes(onStdout);
  const context = await openWorkspace(io);
  const runner = await createCourseRunner(context, options);
  const execute: Execute = (runs, onEntry) => executeRuns(context, runner, options, runs, onEntry);
  let report: VerifyReport;
  try {
    report =
      options.solutions === true
        ? await verifySolutions(context, execute, io, showProgress)
        : await verifyWorkspace(context, execute, io, showProgress, options.done === true);
  } finally {
    await runner.close();
  }
  // Files first: a report that could not be written is the one thing worth stopping for.
  const writeProblems: string[] = [];
  for (const target of targets) {
    const written = await writeReport(target, report, context, io);
    if (written !== undefined) writeProblems.push(written);
  }
  if (targets.some((target) => target.reporter === 'github') && io.env.GITHUB_STEP_SUMMARY) {
    const summaryFile = io.env.GITHUB_STEP_SUMMARY;
    const appended = await appendFile(summaryFile, renderGithubSummary(report)).then(
      () => undefined,
      (error: unknown) => writeFailure(error, summaryFile, 'the GitHub job summary'),
    );
    if (appended !== undefined) writeProblems.push(appended);
  }
  if (writeProblems.length > 0) {
    throw new KataError('REPORT_NOT_WRITTEN', writeProblems.join('\n'), 'Nothing else was lost: the run itself is over. Fix that, then run verify again.', EXIT.ioError);
  }
  return isVerified(report) ? EXIT.ok : EXIT.failing;
}

/** Write one report to its place; a refused file write is returned as a sentence, anything else is a bug. */
async function writeReport(target: ReporterTarget, report: VerifyReport, context: Context, io: Io): Promise<string | undefined> {
  if (target.file === undefined) {
    io.stdout.write(`${render(target.reporter, report, context, io, io.color)}\n`);
    return undefined;
  }
  try {
    // A temp file renamed into place: a reader never sees half a report, and a failed write leaves the old one.
    await writeFileAtomic(target.file, `${render(target.reporter, report, context, io, false)}\n`);
    return undefined;
  } catch (error) {
    return writeFailure(error, target.file, `the ${target.reporter} report`);
  }
}

function writeFailure(error: unknown, file: string, what: string): string {
  if (!isFileSystemError(error)) throw error;
  const problem = describeWriteError(error, file);
  return `${what} could not be written to ${file}: ${problem.what}. ${problem.todo}.`;
}

function render(reporter: Reporter, report: VerifyReport, context: Context, io: Io, color: boolean): string {
  const theme = color === context.theme.color ? context.theme : createTheme(color);
  switch (reporter) {
    case 'pretty':
      return renderVerifyReport(report, theme);
    case 'json':
      return renderJsonReport(report);
    case 'junit':
      return renderJunitReport(report);
    case 'github': {
      const annotations = renderGithubAnnotations(report, { repositoryRoot: io.env.GITHUB_WORKSPACE || io.cwd, cwd: io.cwd });
      return [annotations, renderVerifyReport(report, theme)].filter((part) => part !== '').join('\n');
    }
  }
}

async function verifyWorkspace(context: Context, execute: Execute, io: Io, showProgress: boolean, doneOnly: boolean): Promise<VerifyReport> {
  const exercises = doneOnly ? context.course.exercises.filter((exercise) => context.state.exercises[exercise.id]?.status === 'done') : context.course.exercises;
  const notDone = context.course.exercises.filter((exercise) => !exercises.includes(exercise)).map((exercise) => exercise.id);
  if (doneOnly && showProgress) {
    io.stdout.write(exercises.length === 0 ? 'No exercise is done yet, so there is nothing to check.\n' : `Checking the ${exercises.length} exercise(s) done so far; ${notDone.length} not done yet are not checked.\n`);
  }
  const runs = exercises.map((exercise): VerifyRun => {
    const file = learnerFile(context, exercise);
    return { exercise, target: 'workspace', root: context.workspace.exercisesDir, file: displayPath(io, file), path: file };
  });
  const entries = await execute(runs, (entry) => {
    if (!showProgress) return;
    progress(io, context, entry);
    if (entry.verdict === 'problem') io.stdout.write(`${indent(renderRunResult(context, entry.exercise, entry.outcome))}\n`);
  });
  await recordWhatPassed(context, io, entries, showProgress);
  return doneOnly ? { mode: 'done', entries, problems: [], notDone } : { mode: 'workspace', entries, problems: [] };
}

/** Exercises that pass are done: this is how a learner's progress is rebuilt from their files. */
async function recordWhatPassed(context: Context, io: Io, entries: readonly VerifyEntry[], showProgress: boolean): Promise<void> {
  if (context.stateTooNew !== undefined) return;
  const passed = new Set(entries.filter((entry) => entry.verdict === 'ok').map((entry) => entry.exercise.id));
  const { state, newlyDone } = recordVerified(context.state, context.course.exercises, passed, new Date());
  if (newlyDone.length === 0) return;
  await saveState(context, state);
  // A machine-readable report on stdout owns it; the note goes to stderr then.
  const stream = showProgress ? io.stdout : io.stderr;
  stream.write(`Marked as done, since they pass: ${newlyDone.join(', ')}. Current exercise: ${state.current}.\n`);
}

async function verifySolutions(context: Context, execute: Execute, io: Io, showProgress: boolean): Promise<VerifyReport> {
  const files = await listCourseFiles(COURSE_ROOT);
  const problems = findStrayFiles(context.course, files);
  const runs = context.course.exercises.flatMap((exercise) =>
    (
      [
        ['solution', join(COURSE_ROOT, 'solutions'), exercise.solutionPath],
        ['stub', join(COURSE_ROOT, 'exercises'), exercise.stubPath],
      ] as const
    ).map(([target, root, path]): VerifyRun => ({ exercise, target, root, file: path, path: join(COURSE_ROOT, path) })),
  );
  const entries = await execute(runs, (entry) => {
    if (showProgress) progress(io, context, entry);
  });
  return { mode: 'solutions', entries, problems };
}

/** One line per run as it finishes, so a long verify shows life. */
function progress(io: Io, context: Context, entry: VerifyEntry): void {
  const { theme } = context;
  const mark = entry.verdict === 'ok' ? theme.green(theme.glyph.pass) : entry.verdict === 'skipped' ? theme.yellow(theme.glyph.skip) : theme.red(theme.glyph.fail);
  const label = entry.target === 'workspace' ? entry.exercise.id : `${entry.exercise.id} ${theme.dim(entry.target)}`;
  io.stdout.write(`${mark} ${label}: ${entry.message}\n`);
}

function indent(text: string): string {
  return text.split('\n').map((line) => (line === '' ? line : `    ${line}`)).join('\n');
}

async function listCourseFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const top of ['exercises', 'solutions']) {
    const entries = await readdir(join(root, top), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile()) files.push(relative(root, join(entry.parentPath, entry.name)).replaceAll('\\', '/'));
    }
  }
  return files;
}
