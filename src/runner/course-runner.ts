/**
 * Runs exercises the way every command needs: find the interpreters once, plan
 * the engine per exercise, then run its suite in the warm Vitest instance.
 */
import { homedir } from 'node:os';
import type { EngineChoice } from '../core/config.js';
import type { FromLanguage } from '../core/explanations.js';
import { parseMinVersion, planEngine, type EnginePlan } from '../core/engine-plan.js';
import { choosePython, type PythonNeed } from '../core/python-choice.js';
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
  /** The language the learner comes from, for explanations of habits. */
  from?: FromLanguage;
  /**
   * The exercises that may be run: discovery stops once each of their needs has a
   * fitting interpreter. Without them, every interpreter found is probed.
   */
  exercises?: readonly Exercise[];
  /** Keep the next run's native interpreter started (watch mode; see native-spare.ts). */
  spare?: boolean;
}

/** Each distinct need among the exercises (minimum version and capabilities) has a fitting interpreter. */
function everyNeedMet(exercises: readonly Exercise[], found: readonly ProbedPython[]): boolean {
  const needs = new Map<string, PythonNeed>();
  for (const exercise of exercises) {
    const need: PythonNeed = { minVersion: parseMinVersion(exercise.requires.python), capabilities: exercise.requires.capabilities };
    needs.set(JSON.stringify(need), need);
  }
  return [...needs.values()].every((need) => {
    const choice = choosePython(found, need);
    // A default build is preferred when the need allows it, so a free-threaded fit alone is not the end.
    return choice.chosen !== undefined && (need.capabilities.includes('free-threading') || !choice.chosen.freeThreadingBuild);
  });
}

export class CourseRunner {
  private suites: Promise<SuiteRunner> | undefined;

  private constructor(
    private readonly options: CourseRunnerOptions,
    /** Every interpreter found, in priority order. */
    readonly pythons: readonly ProbedPython[],
  ) {}

  static async create(options: CourseRunnerOptions): Promise<CourseRunner> {
    const exercises = options.exercises;
    const pythons = await discoverPythons({
      env: options.env,
      platform: process.platform,
      home: homedir(),
      cacheDir: options.cacheDir,
      ...(options.python === undefined ? {} : { explicit: options.python }),
      // Enough once every exercise's native plan has what it would choose anyway.
      ...(exercises === undefined ? {} : { enough: (found: readonly ProbedPython[]) => everyNeedMet(exercises, found) }),
    });
    return new CourseRunner(options, pythons);
  }

  plan(exercise: Exercise): EnginePlan {
    return planEngine(exercise, this.options.engine, this.pythons);
  }

  /** Start Vitest now rather than on the first run (watch mode warms up while the learner reads). */
  warm(): Promise<SuiteRunner> {
    this.suites ??= SuiteRunner.create({ courseRoot: this.options.courseRoot, cacheDir: this.options.cacheDir, env: this.options.env });
    return this.suites;
  }

  /** Run an exercise's suite; aborting `signal` ends the run at once (see SuiteRunRequest.signal). */
  async run(original: Exercise, targetRoot: string, signal?: AbortSignal): Promise<SuiteOutcome> {
    const exercise = this.options.timeoutMs === undefined ? original : { ...original, timeoutMs: this.options.timeoutMs };
    const plan = this.plan(exercise);
    if (plan.engine === 'none') return { kind: 'unsupported', reason: plan.reason, fix: plan.fix };
    const suites = await this.warm();
    return suites.run({
      exercise,
      targetRoot,
      engine: plan.engine,
      ...(plan.engine === 'native' ? { python: plan.python.path } : {}),
      ...(this.options.from === undefined ? {} : { from: this.options.from }),
      ...(signal === undefined ? {} : { signal }),
      ...(this.options.spare === true ? { spare: true } : {}),
    });
  }

  async close(): Promise<void> {
    if (this.suites) await (await this.suites).close();
  }
}
