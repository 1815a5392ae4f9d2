/** `advpy-kata run [exercise]`: run one exercise's tests once and record the verdict. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import type { Exercise } from '../../core/manifest.js';
import { isPass, testsOf, type SuiteOutcome } from '../../core/outcome.js';
import { advance, recordRun } from '../../core/state.js';
import { CourseRunner, type CourseRunnerOptions } from '../../runner/course-runner.js';
import { trace } from '../../trace.js';
import { freshRunners } from '../../runner/runner-source.js';
import { editorLaunch, failingLine } from '../../core/editor-command.js';
import { openEditor } from '../../workspace/open-editor.js';
import { renderOutcome } from '../../ui/render-outcome.js';
import { renderRunTimelines } from '../../ui/render-timeline.js';
import { renderProfile } from '../../ui/render-profile.js';
import { readReferenceTimelines } from '../../workspace/reference-timelines.js';
import { COURSE_ROOT } from '../../workspace/course.js';
import { userCacheDir } from '../../workspace/cache-dir.js';
import { displayPath, isLearnerFileOf, learnerFile, openWorkspace, resolveExercise, saveState, type Context } from '../context.js';
import type { Io } from '../io.js';
import type { EngineChoice } from '../../core/config.js';

export interface EngineOptions {
  /** auto (default), native or embedded; overrides the workspace config. */
  engine?: EngineChoice;
  /** Interpreter to use for the native engine. */
  python?: string;
}

export interface RunOptions extends EngineOptions {
  exercise?: string;
  /** Also draw what ran when, for runs whose suite recorded it (chapter 05). */
  timeline?: boolean;
  /** Then open the exercise in the learner's editor, at the failing line. */
  edit?: boolean;
}

/** The runner's settings as this command chose them: flags first, then the workspace config and environment. */
export function courseRunnerOptions(context: Context, options: EngineOptions): CourseRunnerOptions {
  const python = options.python ?? context.workspace.config.python;
  const timeoutMs = Number(context.io.env.ADVPY_TIMEOUT_MS);
  return {
    ...(Number.isInteger(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
    courseRoot: COURSE_ROOT,
    cacheDir: userCacheDir(context.io.env),
    engine: options.engine ?? context.workspace.config.engine,
    ...(python === undefined ? {} : { python }),
    env: context.io.env,
    exercises: context.course.exercises,
    ...(context.workspace.config.from === undefined ? {} : { from: context.workspace.config.from }),
  };
}

export function createCourseRunner(context: Context, options: EngineOptions): Promise<CourseRunner> {
  return CourseRunner.create(courseRunnerOptions(context, options));
}

export async function runRun(options: RunOptions, io: Io): Promise<ExitCode> {
  const context = await openWorkspace(io);
  const exercise = resolveExercise(context, options.exercise);
  requireLearnerFile(context, exercise);
  const runnerOptions = courseRunnerOptions(context, options);
  trace('run: workspace open');
  const runners = io.runners ?? freshRunners;
  const outcome = await runners.use(runnerOptions, (runner) => runner.run(exercise, context.workspace.exercisesDir, io.signal));
  // Whoever asked has gone (Ctrl-C in a resident runner's client): nothing to show or record.
  if (io.signal?.aborted === true) return EXIT.interrupted;
  // Interpreters are found when a runner starts: one kept from before a Python was installed must look again.
  if (outcome.kind === 'unsupported') await runners.forget(runnerOptions);
  io.stdout.write(`${renderRunResult(context, exercise, outcome)}\n`);
  if (options.timeline === true) io.stdout.write(`${renderTimelineSection(context, exercise, outcome)}\n`);
  // A profile is the point of the exercise that records one: always shown.
  const profiles = renderProfiles(context, outcome);
  if (profiles !== '') io.stdout.write(`${profiles}\n`);
  if (options.edit === true) await editExercise(context, exercise, outcome);
  if (outcome.kind === 'unsupported' || outcome.kind === 'error') return EXIT.failing;
  const passed = isPass(outcome);
  let state = recordRun(context.state, exercise.id, passed, new Date());
  if (passed && state.current === exercise.id) state = advance(state, context.course.exercises);
  await saveState(context, state);
  if (passed) io.stdout.write(`${renderPassNotice(context, exercise)}\n`);
  return passed ? EXIT.ok : EXIT.failing;
}

/** Open the exercise at its failing line (line 1 when nothing points anywhere). */
async function editExercise(context: Context, exercise: Exercise, outcome: SuiteOutcome): Promise<void> {
  const line = failingLine(outcome, isLearnerFileOf(context, exercise));
  const launch = editorLaunch(context.io.env, learnerFile(context, exercise), line);
  if (launch.kind === 'none') {
    context.io.stderr.write(`${launch.advice}\n`);
    return;
  }
  const problem = await openEditor(launch);
  if (problem !== undefined) context.io.stderr.write(`${problem}\n`);
}

/** Columns for a picture: the terminal's, one kept free; 80 when output is not a terminal. */
function pictureWidth(context: Context): number {
  return Math.max(40, (context.io.stdout.columns ?? 80) - 1);
}

/** Every profile the run's tests recorded, as bar charts. */
function renderProfiles(context: Context, outcome: SuiteOutcome): string {
  const profiles = testsOf(outcome).flatMap((test) => (test.profile ? [test.profile] : []));
  return profiles.map((profile) => `\n${renderProfile(profile, pictureWidth(context), context.theme).join('\n')}`).join('\n');
}

/** The run's timelines beside the reference run's, or why there are none. */
function renderTimelineSection(context: Context, exercise: Exercise, outcome: SuiteOutcome): string {
  const lines = renderRunTimelines(testsOf(outcome), readReferenceTimelines(exercise.id), pictureWidth(context), context.theme);
  if (lines.length > 0) return `\n${context.theme.bold('What ran when')}\n${lines.join('\n')}`;
  return `\n${context.theme.dim(`No timeline was recorded: ${exercise.id}'s tests do not record one, or none of them got that far.`)}`;
}

export function requireLearnerFile(context: Context, exercise: Exercise): void {
  const file = learnerFile(context, exercise);
  if (!existsSync(file)) {
    throw new KataError('MISSING_FILE', `${displayPath(context.io, file)} is missing`,
      `Run \`advpy-kata reset ${exercise.code} --yes\` to get a fresh copy of the exercise.`, EXIT.failing);
  }
}

export function renderRunResult(context: Context, exercise: Exercise, outcome: SuiteOutcome): string {
  const file = learnerFile(context, exercise);
  return renderOutcome(outcome, {
    theme: context.theme,
    displayPath: displayPath(context.io, file),
    isLearnerFile: isLearnerFileOf(context, exercise),
  });
}

export function renderPassNotice(context: Context, exercise: Exercise): string {
  const { theme } = context;
  const index = context.course.exercises.indexOf(exercise);
  const next = context.course.exercises[index + 1];
  const lines = [
    theme.green(theme.bold(`${theme.glyph.pass} ${exercise.id} passed!`)),
    `The reference solution is unlocked: \`advpy-kata solution ${exercise.code}\` (${join(COURSE_ROOT, exercise.solutionPath)}).`,
    next
      ? `Next up: ${next.id}, in ${displayPath(context.io, learnerFile(context, next))}.`
      : 'That was the last exercise. Run `advpy-kata verify` to check the whole course.',
  ];
  return lines.join('\n');
}
