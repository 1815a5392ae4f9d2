/**
 * Where verify's runs happen: one by one through this process's runner, or spread
 * over worker processes (verify-workers.ts) when more than one job is allowed
 * (verify-jobs.ts). Either way the entries come back in the order of the runs.
 */
import type { VerifyEntry } from '../../core/verify.js';
import type { CourseRunner } from '../../runner/course-runner.js';
import type { Context } from '../context.js';
import { courseRunnerOptions, type EngineOptions } from './run.js';
import { chooseJobs } from './verify-jobs.js';
import { check, longestFirst, type VerifyRun } from './verify-runs.js';
import { VerifyWorkers } from './verify-workers.js';

/** Run every run; `onEntry` hears of each as it finishes (progress), and the result keeps the runs' order. */
export type Execute = (runs: readonly VerifyRun[], onEntry: (entry: VerifyEntry) => void) => Promise<VerifyEntry[]>;

export async function executeRuns(
  context: Context,
  runner: CourseRunner,
  options: EngineOptions & { jobs?: number },
  runs: readonly VerifyRun[],
  onEntry: (entry: VerifyEntry) => void,
): Promise<VerifyEntry[]> {
  // A run no engine can take is judged at once, with no Vitest: it needs no worker.
  const runnable = runs.filter((run) => runner.plan(run.exercise).engine !== 'none');
  const embedded = runnable.some((run) => runner.plan(run.exercise).engine === 'embedded');
  const jobs = chooseJobs({ ...(options.jobs === undefined ? {} : { flag: options.jobs }), env: context.io.env, runs: runnable.length, embedded });
  if (jobs <= 1) return checkEach(runner, runs, onEntry);
  // The settings this command chose, passed as they are, so no worker chooses differently.
  const { env: _env, exercises: _exercises, ...settings } = courseRunnerOptions(context, options);
  const workers = new VerifyWorkers({
    jobs,
    settings,
    env: context.io.env,
    cwd: context.io.cwd,
    exercises: context.course.exercises,
    stderr: (line) => context.io.stderr.write(`${line}\n`),
  });
  try {
    workers.start();
    const unrunnable = runs.filter((run) => !runnable.includes(run));
    const judged = new Map<VerifyRun, VerifyEntry>();
    const keep = (part: readonly VerifyRun[], entries: readonly VerifyEntry[]): void =>
      entries.forEach((entry, index) => {
        const run = part[index];
        if (run !== undefined) judged.set(run, entry);
      });
    keep(unrunnable, await checkEach(runner, unrunnable, onEntry));
    keep(runnable, await workers.runAll(runnable, longestFirst(runnable), onEntry));
    return runs.map((run) => {
      const entry = judged.get(run);
      if (entry === undefined) throw new Error(`verify lost the entry of ${run.exercise.id} (${run.target})`);
      return entry;
    });
  } finally {
    await workers.close();
  }
}

/** The runs one by one, in this process: how verify always ran them, and still does with --jobs 1. */
async function checkEach(runner: CourseRunner, runs: readonly VerifyRun[], onEntry: (entry: VerifyEntry) => void): Promise<VerifyEntry[]> {
  const entries: VerifyEntry[] = [];
  for (const run of runs) {
    const entry = await check(runner, run);
    entries.push(entry);
    onEntry(entry);
  }
  return entries;
}
