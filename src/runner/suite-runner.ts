/**
 * Runs exercise suites through one warm Vitest instance (its Node API).
 *
 * Vitest is created once and reused: each run only re-executes the one suite
 * file, with the target (learner file, stub or solution) and engine passed in
 * through `provide`. That is what keeps save-to-verdict fast in watch mode.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TestCase, TestModule, Vitest } from 'vitest/node';
import type { PythonFailure, TestOutput } from '../core/failures.js';
import { explainOutcome, type FromLanguage } from '../core/explanations.js';
import type { Timeline } from '../core/timeline.js';
import type { Profile } from '../core/profile.js';
import type { Exercise } from '../core/manifest.js';
import { decideOutcome, type SuiteOutcome, type TestFailure, type TestReport } from '../core/outcome.js';
import type { KitConfig } from '../testing/config.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { listenForChildReports, type ReportedChildren } from '../engine/processes.js';
import { planSuitePool, readVitestVersion } from './pool-choice.js';
import { isBareVerdict, parseAssertionError, type AssertionErrorLike } from './vitest-assertion.js';
import { disposeWarmThread, warmThreadPool } from './warm-pool.js';
import { trace } from '../trace.js';

export interface SuiteRunnerOptions {
  /** Folder with `exercises/<chapter>/*.test.ts`. */
  courseRoot: string;
  /** For Vite's own cache and the kit's derived data; never inside the learner's folder. */
  cacheDir: string;
  /** Read for ADVPY_WARM_POOL (see pool-choice.ts); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where the one-line notice goes when the warm pool is not used; defaults to stderr. */
  notice?: (line: string) => void;
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
  /** The language the learner comes from, so explanations of habits lead with it. */
  from?: FromLanguage;
  /**
   * Aborting ends the run at once: its Python processes are killed and Vitest skips
   * what is left. The run then resolves with {@link CANCELLED_OUTCOME}; a run still
   * waiting its turn never starts.
   */
  signal?: AbortSignal;
  /** Run only the tests whose full name matches (the rest are skipped); every test when unset. */
  only?: RegExp;
  /** Leave a native interpreter started for the next run (KitConfig.spare). */
  spare?: boolean;
}

/** What a cancelled run resolves with; the caller that aborted it knows to discard it. */
export const CANCELLED_OUTCOME: SuiteOutcome = { kind: 'error', message: 'the run was cancelled' };

export const DEFAULT_OUTPUT_CAP = 64 * 1024;
/**
 * Beyond the suite's own timeout, how long Vitest gets before the run is cancelled.
 * The backstop is for a run the kit's own limits failed to end, so it must outlast
 * all of them: an engine start (up to 90 s for a cold Pyodide load on a loaded
 * machine, and not charged to the suite), then the stack report after a timeout (a
 * few seconds).
 */
const BACKSTOP_MARGIN_MS = 100_000;
/**
 * At close, how long Vitest gets to wind down a cancelled run. Only a run that
 * cannot be interrupted (the embedded engine inside a long call) takes longer;
 * the thread is then ended instead, and the process exits right after close.
 */
const CLOSE_WAIT_MS = 1_000;

/** A module of this package as Vitest loads it: built JS normally, TS source when we run from source. */
function packageModule(path: string): string {
  const fromSource = import.meta.url.endsWith('.ts');
  return fromSource ? join(PACKAGE_ROOT, 'src', `${path}.ts`) : join(PACKAGE_ROOT, 'dist', `${path}.js`);
}

export class SuiteRunner {
  private queue: Promise<unknown> = Promise.resolve();
  /** Cancels the run in progress, if any. */
  private cancelCurrent: (() => void) | undefined;
  /** The `only` pattern the warm thread's runtime was started with ('' for none). */
  private startedPattern = '';
  /**
   * The Python processes the suites start: they are spawned in Vitest's worker
   * thread, and reported here so this thread can end them (processes.ts).
   */
  private readonly children: ReportedChildren = listenForChildReports();

  private constructor(
    private readonly vitest: Vitest,
    private readonly options: SuiteRunnerOptions,
  ) {}

  static async create(options: SuiteRunnerOptions): Promise<SuiteRunner> {
    const { createVitest } = await import('vitest/node');
    const pool = planSuitePool(readVitestVersion(), options.env ?? process.env);
    if (pool.kind === 'threads') (options.notice ?? ((line: string) => process.stderr.write(`${line}\n`)))(pool.notice);
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
        // On a Vitest the warm pool was not written for, Vitest's own pool (pool-choice.ts).
        pool: pool.kind === 'warm' ? (warmThreadPool as never) : 'threads',
        isolate: false,
        maxWorkers: 1,
        passWithNoTests: false,
        testTimeout: 600_000,
        hookTimeout: 600_000,
        printConsoleTrace: false,
        // Where each test is defined, so reports can quote its code (exercism's test_code).
        includeTaskLocation: true,
        cache: false,
        // Built modules of this package load natively, not through Vite's module runner:
        // the embedded engine keeps a pre-loaded interpreter between runs, which the warm
        // thread's per-run module reset must leave alone; and the testing kit, run
        // through the module runner, cost a first run (watch's first verdict, `run`)
        // half a second. Suites themselves are still evaluated afresh for each run.
        server: { deps: { external: [/[\\/]dist[\\/](engine|testing|core)[\\/]/] } },
        // Starts the run's interpreter before the suite file is imported.
        setupFiles: [packageModule('runner/engine-setup')],
      },
      {
        cacheDir: join(options.cacheDir, 'vite'),
        resolve: { alias: { 'advpy-kata/testing': packageModule('testing/index') } },
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
    const aborted = (): boolean => request.signal?.aborted === true;
    if (aborted()) return CANCELLED_OUTCOME;
    const suiteFile = join(this.options.courseRoot, request.exercise.suitePath);
    if (!existsSync(suiteFile)) return { kind: 'error', message: `the suite ${suiteFile} is missing` };
    const config: KitConfig = {
      targetRoot: request.targetRoot,
      engine: request.engine,
      callTimeoutMs: request.callTimeoutMs ?? request.exercise.timeoutMs,
      suiteTimeoutMs: request.exercise.timeoutMs,
      outputCap: request.outputCap ?? DEFAULT_OUTPUT_CAP,
      cacheDir: this.options.cacheDir,
      processChannel: this.children.channel,
      runDir: join(request.targetRoot, basename(dirname(request.exercise.suitePath))),
    };
    if (request.python !== undefined) config.python = request.python;
    if (request.spare === true) config.spare = true;
    for (const project of this.vitest.projects) project.provide('advpy', config);
    const specifications = this.vitest.getModuleSpecifications(suiteFile);
    const started = performance.now();
    let cancelled = false;
    let releaseChildren: (() => void) | undefined;
    const cancel = (): void => {
      if (cancelled) return;
      cancelled = true;
      // Kill Python first: the test in progress fails at once, and Vitest (which
      // only stops between tests) skips the rest. Any bridge a test still starts
      // before Vitest's cancel arrives in the worker is killed as it is reported.
      releaseChildren = this.children.cancel();
      void this.vitest.cancelCurrentRun('keyboard-input');
    };
    this.cancelCurrent = cancel;
    request.signal?.addEventListener('abort', cancel, { once: true });
    const backstop = setTimeout(cancel, request.exercise.timeoutMs + BACKSTOP_MARGIN_MS);
    if (request.only) this.vitest.setGlobalTestNamePattern(request.only);
    // The warm thread keeps the config its runtime started with, test name pattern
    // included: a run with another pattern needs a fresh thread.
    const pattern = request.only ? String(request.only) : '';
    if (pattern !== this.startedPattern) {
      await disposeWarmThread();
      this.startedPattern = pattern;
    }
    try {
      trace('runner: suite run');
      const result = await this.vitest.runTestSpecifications(specifications, false);
      trace('runner: suite done');
      if (aborted()) return CANCELLED_OUTCOME;
      const module = result.testModules.find((candidate) => candidate.moduleId === suiteFile.replaceAll('\\', '/'));
      if (!module) {
        const message = result.unhandledErrors.map(String).join('\n') || 'Vitest did not run the suite';
        return { kind: 'error', message };
      }
      return explainOutcome(
        toOutcome(module, performance.now() - started),
        readSource(join(request.targetRoot, request.exercise.workspacePath)),
        request.from === undefined ? {} : { from: request.from },
      );
    } finally {
      if (request.only) this.vitest.resetGlobalTestNamePattern();
      clearTimeout(backstop);
      request.signal?.removeEventListener('abort', cancel);
      this.cancelCurrent = undefined;
      releaseChildren?.();
      // A cancelled run may have left the warm thread busy: start the next run on a new one.
      if (cancelled) await disposeWarmThread();
    }
  }

  /** Cancel the run in progress (if any) and end Vitest; no Python process outlives this. */
  async close(): Promise<void> {
    this.cancelCurrent?.();
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WAIT_MS);
    });
    const closing = this.vitest.close();
    closing.catch(() => undefined); // a failure after the wait ran out is of no use to anyone
    await Promise.race([closing, waited]);
    clearTimeout(timer);
    await disposeWarmThread();
    this.children.close();
  }
}

/** The learner's file as it was run, for the habit rules; undefined when it cannot be read. */
function readSource(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
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
  if (test.location) report.line = test.location.line;
  const error = result.state === 'failed' ? result.errors[0] : undefined;
  if (error) report.failure = toFailure(error);
  const meta = test.meta() as { advpyOutput?: TestOutput; advpyTimelines?: Timeline[]; advpyProfile?: Profile };
  if (meta.advpyOutput) report.output = meta.advpyOutput;
  if (meta.advpyTimelines && meta.advpyTimelines.length > 0) report.timelines = meta.advpyTimelines;
  if (meta.advpyProfile) report.profile = meta.advpyProfile;
  return report;
}

interface SerializedError extends AssertionErrorLike {
  advpy?: PythonFailure;
}

/** Said when an assertion came without a message of the suite's own. */
const UNEXPLAINED_ASSERTION = 'The result was not what the test expected.';

function toFailure(error: SerializedError): TestFailure {
  const failure: TestFailure = { message: error.message ?? 'unknown error' };
  if (error.advpy) failure.python = error.advpy;
  else {
    // Vitest's own sentence is replaced by data the UI words (see vitest-assertion.ts).
    const assertion = parseAssertionError(error);
    if (assertion) {
      failure.message = assertion.message === '' ? UNEXPLAINED_ASSERTION : assertion.message;
      if (assertion.message === '' || !isBareVerdict(assertion.comparison)) failure.comparison = assertion.comparison;
    }
  }
  return failure;
}
