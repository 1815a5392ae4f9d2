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

/** How many differently configured runners a resident runner keeps (say, native and embedded). */
const KEPT = 2;

/**
 * Runners kept across commands, one per distinct configuration, each keeping the next
 * run's interpreter started (CourseRunnerOptions.spare). The oldest is closed when a
 * third configuration arrives.
 */
export class KeptRunners implements RunnerSource {
  private readonly runners = new Map<string, Promise<CourseRunner>>();

  async use<T>(options: CourseRunnerOptions, work: (runner: CourseRunner) => Promise<T>): Promise<T> {
    const key = keyOf(options);
    let runner = this.runners.get(key);
    if (runner === undefined) {
      runner = CourseRunner.create({ ...options, spare: true });
      this.runners.set(key, runner);
      // A failed start is not kept: the next command tries again.
      runner.catch(() => this.runners.delete(key));
      await this.trim();
    } else {
      // Most recently used last, so trim() closes the least recently used.
      this.runners.delete(key);
      this.runners.set(key, runner);
    }
    return work(await runner);
  }

  async forget(options: CourseRunnerOptions): Promise<void> {
    await this.drop(keyOf(options));
  }

  async close(): Promise<void> {
    const runners = [...this.runners.values()];
    this.runners.clear();
    await Promise.all(runners.map(async (runner) => (await runner.catch(() => undefined))?.close()));
  }

  private async trim(): Promise<void> {
    while (this.runners.size > KEPT) {
      const [oldest] = this.runners.keys();
      if (oldest === undefined) return;
      await this.drop(oldest);
    }
  }

  private async drop(key: string): Promise<void> {
    const runner = this.runners.get(key);
    this.runners.delete(key);
    await (await runner?.catch(() => undefined))?.close();
  }
}

/** What makes two configurations the same runner. The environment is the runner process's own, so it is left out. */
function keyOf(options: CourseRunnerOptions): string {
  const { env: _env, exercises: _exercises, spare: _spare, ...rest } = options;
  return JSON.stringify(rest, Object.keys(rest).sort());
}
