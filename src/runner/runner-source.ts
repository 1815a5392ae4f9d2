/**
 * Where a command gets its CourseRunner: a fresh one that ends with the command
 * (the default), or one a resident runner keeps warm between commands.
 */
import { CourseRunner, type CourseRunnerOptions } from './course-runner.js';

export interface RunnerSource {
  /** Run `work` with a runner for these options; the source decides whether it outlives `work`. */
  use<T>(options: CourseRunnerOptions, work: (runner: CourseRunner) => Promise<T>): Promise<T>;
  /** Forget the runner for these options: its interpreters were found before something changed. */
  forget(options: CourseRunnerOptions): Promise<void>;
}

/** One runner per command: created, used, closed. */
export const freshRunners: RunnerSource = {
  async use(options, work) {
    const runner = await CourseRunner.create(options);
    try {
      return await work(runner);
    } finally {
      await runner.close();
    }
  },
  async forget() {},
};

/**
 * The runner a resident runner keeps across commands, for one configuration at a
 * time, keeping the next run's interpreter started (CourseRunnerOptions.spare).
 *
 * One, because a process has one warm Vitest worker thread (warm-pool.ts), started
 * for one Vitest instance: a second instance beside it would send its runs to a
 * runtime set up for the first. A command with another configuration (another
 * engine, interpreter or time limit) closes the kept runner and starts its own.
 */
export class KeptRunners implements RunnerSource {
  private kept: { key: string; runner: Promise<CourseRunner> } | undefined;
  /** Commands are served one at a time; this keeps a switch of configuration from overlapping a run. */
  private queue: Promise<unknown> = Promise.resolve();

  use<T>(options: CourseRunnerOptions, work: (runner: CourseRunner) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => this.useNow(options, work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async useNow<T>(options: CourseRunnerOptions, work: (runner: CourseRunner) => Promise<T>): Promise<T> {
    const key = keyOf(options);
    if (this.kept?.key !== key) {
      await this.drop();
      const runner = CourseRunner.create({ ...options, spare: true });
      this.kept = { key, runner };
      // A failed start is not kept: the next command tries again.
      runner.catch(() => {
        if (this.kept?.runner === runner) this.kept = undefined;
      });
    }
    return work(await this.kept.runner);
  }

  async forget(options: CourseRunnerOptions): Promise<void> {
    if (this.kept?.key === keyOf(options)) await this.drop();
  }

  async close(): Promise<void> {
    await this.drop();
  }

  private async drop(): Promise<void> {
    const runner = this.kept?.runner;
    this.kept = undefined;
    await (await runner?.catch(() => undefined))?.close();
  }
}

/** What makes two configurations the same runner. The environment is the runner process's own, so it is left out. */
function keyOf(options: CourseRunnerOptions): string {
  const { env: _env, exercises: _exercises, spare: _spare, ...rest } = options;
  return JSON.stringify(rest, Object.keys(rest).sort());
}
