/**
 * Runs exercises the way every command needs: find the interpreters once, plan
 * the engine per exercise, then run its suite in the warm Vitest instance.
 */
import { homedir } from 'node:os';
import type { EngineChoice } from '../core/config.js';
import { planEngine, type EnginePlan } from '../core/engine-plan.js';
import type { Exercise } from '../core/manifest.js';
import type { SuiteOutcome } from '../core/outcome.js';
import { discoverPythons, type ProbedPython } from '../engine/discover.js';
import { SuiteRunner } from './suite-runner.js';

export interface CourseRunnerOptions {
  courseRoot: string;
  cacheDir: string;
  engine: EngineChoice;
  /** `--python`, or the workspace's configured interpreter. */
  python?: string;
  env: NodeJS.ProcessEnv;
  /** Replaces every exercise's time limit (ADVPY_TIMEOUT_MS): for slow machines, and for tests of hangs. */
  timeoutMs?: number;
}

export class CourseRunner {
  private suites: Promise<SuiteRunner> | undefined;

  private constructor(
    private readonly options: CourseRunnerOptions,
    /** Every interpreter found, in priority order. */
    readonly pythons: readonly ProbedPython[],
  ) {}

  static async create(options: CourseRunnerOptions): Promise<CourseRunner> {
    const gather = { env: options.env, platform: process.platform, home: homedir() };
    const pythons = await discoverPythons(options.python === undefined ? gather : { ...gather, explicit: options.python });
    return new CourseRunner(options, pythons);
  }

  plan(exercise: Exercise): EnginePlan {
    return planEngine(exercise, this.options.engine, this.pythons);
  }

  /** Start Vitest now rather than on the first run (watch mode warms up while the learner reads). */
  warm(): Promise<SuiteRunner> {
    this.suites ??= SuiteRunner.create({ courseRoot: this.options.courseRoot, cacheDir: this.options.cacheDir });
    return this.suites;
  }

  async run(original: Exercise, targetRoot: string): Promise<SuiteOutcome> {
    const exercise = this.options.timeoutMs === undefined ? original : { ...original, timeoutMs: this.options.timeoutMs };
    const plan = this.plan(exercise);
    if (plan.engine === 'none') return { kind: 'unsupported', reason: plan.reason, fix: plan.fix };
    const suites = await this.warm();
    return suites.run({
      exercise,
      targetRoot,
      engine: plan.engine,
      ...(plan.engine === 'native' ? { python: plan.python.path } : {}),
    });
  }

  async close(): Promise<void> {
    if (this.suites) await (await this.suites).close();
  }
}
