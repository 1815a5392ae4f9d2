/** `advpy-kata run [exercise]`: run one exercise's tests once and record the verdict. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import type { Exercise } from '../../core/manifest.js';
import { isPass, type SuiteOutcome } from '../../core/outcome.js';
import { advance, recordRun } from '../../core/state.js';
import { CourseRunner } from '../../runner/course-runner.js';
import { renderOutcome } from '../../ui/render-outcome.js';
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
}

export function createCourseRunner(context: Context, options: EngineOptions): Promise<CourseRunner> {
  const python = options.python ?? context.workspace.config.python;
  const timeoutMs = Number(context.io.env.ADVPY_TIMEOUT_MS);
  return CourseRunner.create({
    ...(Number.isInteger(timeoutMs) && timeoutMs > 0 ? { timeoutMs } : {}),
    courseRoot: COURSE_ROOT,
    cacheDir: userCacheDir(context.io.env),
    engine: options.engine ?? context.workspace.config.engine,
    ...(python === undefined ? {} : { python }),
    env: context.io.env,
  });
}

export async function runRun(options: RunOptions, io: Io): Promise<ExitCode> {
  const context = await openWorkspace(io);
  const exercise = resolveExercise(context, options.exercise);
  requireLearnerFile(context, exercise);
  const runner = await createCourseRunner(context, options);
  try {
    const outcome = await runner.run(exercise, context.workspace.exercisesDir);
    io.stdout.write(`${renderRunResult(context, exercise, outcome)}\n`);
    if (outcome.kind === 'unsupported' || outcome.kind === 'error') return EXIT.failing;
    const passed = isPass(outcome);
    let state = recordRun(context.state, exercise.id, passed, new Date());
    if (passed && state.current === exercise.id) state = advance(state, context.course.exercises);
    await saveState(context, state);
    if (passed) io.stdout.write(`${renderPassNotice(context, exercise)}\n`);
    return passed ? EXIT.ok : EXIT.failing;
  } finally {
    await runner.close();
  }
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
