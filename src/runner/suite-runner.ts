/**
 * Runs exercise suites through one warm Vitest instance (its Node API).
 *
 * Vitest is created once and reused: each run only re-executes the one suite
 * file, with the target (learner file, stub or solution) and engine passed in
 * through `provide`. That is what keeps save-to-verdict fast in watch mode.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCase, TestModule, Vitest } from 'vitest/node';
import type { PythonFailure, TestOutput } from '../core/failures.js';
import type { Exercise } from '../core/manifest.js';
import { decideOutcome, type SuiteOutcome, type TestFailure, type TestReport } from '../core/outcome.js';
import type { KitConfig } from '../testing/config.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { disposeWarmThread, warmThreadPool } from './warm-pool.js';

export interface SuiteRunnerOptions {
  /** Folder with `exercises/<chapter>/*.test.ts`. */
  courseRoot: string;
  /** For Vite's own cache and the kit's derived data; never inside the learner's folder. */
  cacheDir: string;
}

export interface SuiteRunRequest {
  exercise: Exercise;
  /** Folder holding `<chapter>/<NN>_<name>.py` to test. */
  targetRoot: string;
  engine: KitConfig['engine'];
  python?: string;
  /** Per-call limit inside the suite; defaults to the exercise's whole-suite timeout. */
  callTimeoutMs?: number;
  outputCap?: number;
}

export const DEFAULT_OUTPUT_CAP = 64 * 1024;
/** Beyond the suite's own timeout, how long Vitest gets before the run is cancelled. */
const BACKSTOP_MARGIN_MS = 10_000;

/** Where suites find `advpy-kata/testing`: built JS normally, TS source when we run from source. */
function testingKitEntry(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fromSource ? join(PACKAGE_ROOT, 'src', 'testing', 'index.ts') : join(PACKAGE_ROOT, 'dist', 'testing', 'index.js');
}

export class SuiteRunner {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly vitest: Vitest,
    private readonly options: SuiteRunnerOptions,
  ) {}

  static async create(options: SuiteRunnerOptions): Promise<SuiteRunner> {
    const { createVitest } = await import('vitest/node');
    const vitest = await createVitest(
      'test',
      {
        // Never read a vitest.config.* from the course root: in this repo that is the
        // project's own test config, and its settings (pool, reporters) must not leak in.
        config: false,
        root: options.courseRoot,
        include: ['exercises/**/*.test.ts'],
        // The course may itself live under node_modules (npx); the default exclude would hide it.
        exclude: [],
        watch: false,
        // Results are read from the run's return value; an empty reporter keeps Vitest quiet.
        reporters: [{}],
        // One warm thread serves every run (see warm-pool.ts); isolate: false makes its
        // runtime reset the suite's modules between runs instead of needing a new thread.
        pool: warmThreadPool as never,
        isolate: false,
        maxWorkers: 1,
        passWithNoTests: false,
        testTimeout: 600_000,
        hookTimeout: 600_000,
        printConsoleTrace: false,
        cache: false,
        // The embedded engine keeps a pre-loaded interpreter between runs; Node must
        // load it natively so the warm thread's per-run module reset leaves it alone.
        server: { deps: { external: [/[\\/]dist[\\/]engine[\\/]embedded/] } },
      },
      {
        cacheDir: join(options.cacheDir, 'vite'),
        resolve: { alias: { 'advpy-kata/testing': testingKitEntry() } },
        logLevel: 'silent',
        server: { watch: null },
      },
      {},
    );
    await vitest.globTestSpecifications();
    return new SuiteRunner(vitest, options);
  }

  /** Run one exercise's suite. Runs are serialised: two never overlap. */
  run(request: SuiteRunRequest): Promise<SuiteOutcome> {
    const next = this.queue.then(() => this.runNow(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(request: SuiteRunRequest): Promise<SuiteOutcome> {
    const suiteFile = join(this.options.courseRoot, request.exercise.suitePath);
    if (!existsSync(suiteFile)) return { kind: 'error', message: `the suite ${suiteFile} is missing` };
    const config: KitConfig = {
      targetRoot: request.targetRoot,
      engine: request.engine,
      callTimeoutMs: request.callTimeoutMs ?? request.exercise.timeoutMs,
      suiteTimeoutMs: request.exercise.timeoutMs,
      outputCap: request.outputCap ?? DEFAULT_OUTPUT_CAP,
      cacheDir: this.options.cacheDir,
    };
    if (request.python !== undefined) config.python = request.python;
    for (const project of this.vitest.projects) project.provide('advpy', config);
    const specifications = this.vitest.getModuleSpecifications(suiteFile);
    const started = performance.now();
    let cancelled = false;
    const backstop = setTimeout(() => {
      cancelled = true;
      void this.vitest.cancelCurrentRun('keyboard-input');
    }, request.exercise.timeoutMs + BACKSTOP_MARGIN_MS);
    try {
      const result = await this.vitest.runTestSpecifications(specifications, false);
      const module = result.testModules.find((candidate) => candidate.moduleId === suiteFile.replaceAll('\\', '/'));
      if (!module) {
        const message = result.unhandledErrors.map(String).join('\n') || 'Vitest did not run the suite';
        return { kind: 'error', message };
      }
      return toOutcome(module, performance.now() - started);
    } finally {
      clearTimeout(backstop);
      // A cancelled run may have left the warm thread busy: start the next run on a new one.
      if (cancelled) await disposeWarmThread();
    }
  }

  async close(): Promise<void> {
    await this.vitest.close();
    await disposeWarmThread();
  }
}

function toOutcome(module: TestModule, durationMs: number): SuiteOutcome {
  const tests = [...module.children.allTests()].map(toReport);
  const moduleErrors = module.errors();
  const first = moduleErrors[0];
  const suiteFailure = first ? toFailure(first) : undefined;
  return decideOutcome(tests, suiteFailure, durationMs);
}

function toReport(test: TestCase): TestReport {
  const result = test.result();
  const path: string[] = [];
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) path.unshift(parent.name);
  const report: TestReport = {
    name: test.name,
    path,
    status: result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped',
    durationMs: test.diagnostic()?.duration ?? 0,
  };
  const error = result.state === 'failed' ? result.errors[0] : undefined;
  if (error) report.failure = toFailure(error);
  const output = (test.meta() as { advpyOutput?: TestOutput }).advpyOutput;
  if (output) report.output = output;
  return report;
}

interface SerializedError {
  message?: string;
  diff?: string;
  advpy?: PythonFailure;
}

function toFailure(error: SerializedError): TestFailure {
  const failure: TestFailure = { message: error.message ?? 'unknown error' };
  if (error.diff) failure.diff = error.diff;
  if (error.advpy) failure.python = error.advpy;
  return failure;
}
