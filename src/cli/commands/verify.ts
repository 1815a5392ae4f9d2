/**
 * `advpy-kata verify [--solutions] [--reporter pretty|json|junit|github]`.
 * In a workspace: every exercise must pass. With --solutions (the course's own
 * CI check): every solution passes, every stub fails, files match the manifest.
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EXIT, KataError, type ExitCode } from '../../core/errors.js';
import type { Exercise } from '../../core/manifest.js';
import { findStrayFiles, isVerified, judge, type VerifyEntry, type VerifyReport, type VerifyTarget } from '../../core/verify.js';
import { renderGithubReport, renderJsonReport, renderJunitReport } from '../../ui/reporters.js';
import { renderVerifyReport } from '../../ui/render-verify.js';
import { COURSE_ROOT } from '../../workspace/course.js';
import { displayPath, learnerFile, openWorkspace, type Context } from '../context.js';
import type { Io } from '../io.js';
import { createCourseRunner, renderRunResult, type EngineOptions } from './run.js';
import type { CourseRunner } from '../../runner/course-runner.js';

export const REPORTERS = ['pretty', 'json', 'junit', 'github'] as const;
export type Reporter = (typeof REPORTERS)[number];

export interface VerifyOptions extends EngineOptions {
  /** Check the course itself: solutions pass, stubs fail, files match the manifest. */
  solutions?: boolean;
  reporter?: Reporter;
}

export async function runVerify(options: VerifyOptions, io: Io): Promise<ExitCode> {
  const reporter = options.reporter ?? 'pretty';
  if (!REPORTERS.includes(reporter)) {
    throw new KataError('USAGE', `unknown reporter "${String(reporter)}"`, `Use one of: ${REPORTERS.join(', ')}.`);
  }
  const context = await openWorkspace(io);
  const runner = await createCourseRunner(context, options);
  let report: VerifyReport;
  try {
    report = options.solutions === true ? await verifySolutions(context, runner, io, reporter) : await verifyWorkspace(context, runner, io, reporter);
  } finally {
    await runner.close();
  }
  switch (reporter) {
    case 'pretty':
      io.stdout.write(`${renderVerifyReport(report, context.theme)}\n`);
      break;
    case 'json':
      io.stdout.write(`${renderJsonReport(report)}\n`);
      break;
    case 'junit':
      io.stdout.write(`${renderJunitReport(report)}\n`);
      break;
    case 'github': {
      const annotations = renderGithubReport(report);
      if (annotations !== '') io.stdout.write(`${annotations}\n`);
      io.stdout.write(`${renderVerifyReport(report, context.theme)}\n`);
      break;
    }
  }
  return isVerified(report) ? EXIT.ok : EXIT.failing;
}

async function verifyWorkspace(context: Context, runner: CourseRunner, io: Io, reporter: Reporter): Promise<VerifyReport> {
  const entries: VerifyEntry[] = [];
  for (const exercise of context.course.exercises) {
    const file = learnerFile(context, exercise);
    const entry = await check(runner, exercise, 'workspace', context.workspace.exercisesDir, displayPath(io, file));
    entries.push(entry);
    if (reporter === 'pretty') {
      progress(io, context, entry);
      if (entry.verdict === 'problem') io.stdout.write(`${indent(renderRunResult(context, exercise, entry.outcome))}\n`);
    }
  }
  return { mode: 'workspace', entries, problems: [] };
}

async function verifySolutions(context: Context, runner: CourseRunner, io: Io, reporter: Reporter): Promise<VerifyReport> {
  const files = await listCourseFiles(COURSE_ROOT);
  const problems = findStrayFiles(context.course, files);
  const entries: VerifyEntry[] = [];
  for (const exercise of context.course.exercises) {
    for (const [target, root, path] of [
      ['solution', join(COURSE_ROOT, 'solutions'), exercise.solutionPath],
      ['stub', join(COURSE_ROOT, 'exercises'), exercise.stubPath],
    ] as const) {
      const entry = await check(runner, exercise, target, root, path);
      entries.push(entry);
      if (reporter === 'pretty') progress(io, context, entry);
    }
  }
  return { mode: 'solutions', entries, problems };
}

async function check(runner: CourseRunner, exercise: Exercise, target: VerifyTarget, root: string, file: string): Promise<VerifyEntry> {
  return judge(exercise, target, file, await runner.run(exercise, root));
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
