/**
 * `useExercise`: the handle a suite uses to drive the learner's Python.
 *
 * One fresh interpreter per suite run (started in beforeAll, ended in afterAll),
 * the learner's file imported from its real path, and everything each test
 * printed attached to that test for the runner to show.
 */
import { afterAll, beforeAll, beforeEach, type RunnerTestCase } from 'vitest';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BridgeChannelError, BridgeCrashError, BridgeTimeoutError, type PythonInterpreter } from '../engine/engine.js';
import { OPAQUE_MARKER, type BridgeRequest, type BridgeResponse, type PyWarning } from '../core/protocol.js';
import { parseFaulthandler, type TestOutput } from '../core/failures.js';
import { parseSpans, type Timeline } from '../core/timeline.js';
import { parseProfileRows, type Profile } from '../core/profile.js';
import { nativeOptions, readKitConfig, type KitConfig } from './config.js';
import { PythonError, PythonFailureError } from './errors.js';
import { trace } from '../trace.js';

export interface ExerciseOptions {
  /**
   * Replace time.sleep/monotonic/perf_counter/time with a fake clock before the
   * learner's module is imported, so `from time import sleep` is faked too. The
   * clock is `clock` in the suite namespace: `clock.sleeps`, `clock.now`, `clock.advance(s)`.
   */
  fakeTime?: boolean;
  /** Name the module is bound to in the suite namespace. Default `ex`. */
  alias?: string;
}

/** What one request returned and printed. */
export interface PyResult<T = unknown> {
  value: T;
  stdout: string;
  stderr: string;
  warnings: PyWarning[];
}

/** A Python value JSON cannot carry: its type name and repr. */
export class PyObject {
  constructor(
    readonly type: string,
    readonly repr: string,
  ) {}
  toString(): string {
    return this.repr;
  }
}

/** Pass a suite-namespace object (by expression) as a call argument. */
export function ref(expression: string): { __ref__: string } {
  return { __ref__: expression };
}

export class Exercise {
  /** Absolute path of the Python file under test. */
  readonly path: string;
  private interpreter: PythonInterpreter | undefined;
  private starting: Promise<PythonInterpreter> | undefined;
  private deadline = Number.POSITIVE_INFINITY;
  private currentTest: RunnerTestCase | undefined;
  /** True until the current test's first request, which tells Python a new test began. */
  private testStarting = false;
  private readonly config: KitConfig;

  constructor(
    suiteUrl: string,
    private readonly options: ExerciseOptions,
  ) {
    this.config = readKitConfig();
    const suitePath = fileURLToPath(suiteUrl);
    const chapter = basename(dirname(suitePath));
    this.path = join(this.config.targetRoot, chapter, basename(suitePath).replace(/\.test\.ts$/, '.py'));
  }

  /** True for files in the learner's exercise folder. */
  readonly isLearnerFile = (file: string): boolean => file.startsWith(dirname(this.path) + sep);

  /** Start the interpreter and import the learner's module (normally done by beforeAll). */
  async start(): Promise<void> {
    // The time limit is the learner's code's budget. Starting the engine (a cold
    // Pyodide load and snapshot on a slow machine) must not spend it, so the clock
    // starts once the first interpreter is up; the runner's backstop still bounds
    // a start that never ends.
    this.deadline = Number.POSITIVE_INFINITY;
    await this.ensureStarted();
  }

  private ensureStarted(): Promise<PythonInterpreter> {
    if (this.interpreter) return Promise.resolve(this.interpreter);
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async launch(): Promise<PythonInterpreter> {
    trace('exercise: start interpreter');
    const interpreter = await startInterpreter(this.config, dirname(this.path));
    trace('exercise: interpreter up');
    this.interpreter = interpreter;
    if (this.deadline === Number.POSITIVE_INFINITY) this.deadline = Date.now() + this.config.suiteTimeoutMs;
    const request: BridgeRequest = { op: 'import', path: this.path, fakeTime: this.options.fakeTime === true };
    if (this.options.alias !== undefined) request.alias = this.options.alias;
    await this.send(request, 'import');
    trace('exercise: imported');
    return interpreter;
  }

  /** End the interpreter (normally done by afterAll). */
  async stop(): Promise<void> {
    const interpreter = this.interpreter;
    this.interpreter = undefined;
    trace('exercise: stop');
    await interpreter?.close();
    trace('exercise: stopped');
    if (interpreter !== undefined && this.config.spare && this.config.engine === 'native' && this.config.python !== undefined) {
      const { prepareNativeSpare } = await import('../engine/native-spare.js');
      prepareNativeSpare(nativeOptions(this.config, this.config.python, dirname(this.path)));
    }
  }

  /** Restart with a fresh interpreter and a fresh import of the learner's module. */
  async restart(): Promise<void> {
    await this.stop();
    await this.ensureStarted();
  }

  setCurrentTest(test: RunnerTestCase | undefined): void {
    this.currentTest = test;
    this.testStarting = true;
  }

  /** Run statements in the suite namespace (the learner's module is `ex`). */
  exec(code: string): Promise<PyResult<null>> {
    return this.request({ op: 'exec', code: dedent(code) }) as Promise<PyResult<null>>;
  }

  /** Evaluate an expression in the suite namespace. */
  eval<T = unknown>(code: string): Promise<PyResult<T>> {
    return this.request({ op: 'eval', code: dedent(code).trim() }) as Promise<PyResult<T>>;
  }

  /** Evaluate an expression and return just its value. */
  async value<T = unknown>(code: string): Promise<T> {
    return (await this.eval<T>(code)).value;
  }

  /** Call `target` (an expression naming a callable) with JSON arguments; see {@link ref}. */
  call<T = unknown>(target: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<PyResult<T>> {
    return this.request({ op: 'call', target, args, kwargs }) as Promise<PyResult<T>>;
  }

  /**
   * Take the spans this test recorded with `kit.timeline.span(label)` and attach them
   * to the test, for the runner to draw as a timeline. `caption` says what the run was.
   */
  async recordTimeline(caption: string): Promise<Timeline> {
    const timeline: Timeline = { caption, spans: parseSpans(await this.value('kit.timeline.take()')) };
    const test = this.currentTest;
    if (test) ((test.meta as { advpyTimelines?: Timeline[] }).advpyTimelines ??= []).push(timeline);
    return timeline;
  }

  /**
   * Attach a profile of the learner's code to the test, for the runner to draw as a
   * bar chart. `rowsExpression` evaluates to a list of dicts with `name`, `file`,
   * `line`, `ownSeconds` and `calls` (see core/profile.ts).
   */
  async recordProfile(caption: string, rowsExpression: string): Promise<Profile> {
    const profile: Profile = { caption, rows: parseProfileRows(await this.value(rowsExpression)) };
    const test = this.currentTest;
    if (test) (test.meta as { advpyProfile?: Profile }).advpyProfile = profile;
    return profile;
  }

  /** Seconds passed to the fake `sleep`, in order. Needs `fakeTime: true`. */
  sleeps(): Promise<number[]> {
    return this.value<number[]>('clock.sleeps');
  }

  /**
   * How `wrapped` fails to look like `original` (name, qualname, doc, module,
   * `__wrapped__`, annotations, signature); empty when `functools.wraps` did its job.
   */
  metadataProblems(original: string, wrapped: string): Promise<string[]> {
    return this.value<string[]>(`kit.metadata_problems(${original}, ${wrapped})`);
  }

  /** Time left in the suite's budget; throws once it is spent. */
  private remainingBudget(): number {
    const remaining = this.deadline - Date.now();
    if (remaining > 0) return remaining;
    // Restarting Python only to stop it a moment later would bury the real
    // problem (the earlier hang) under noise; say what happened instead.
    throw new Error(
      `not run: this exercise's time limit (${formatSeconds(this.config.suiteTimeoutMs)}) was used up, ` +
        'most likely by a hang in an earlier test. Fix that one first.',
    );
  }

  private async request(request: BridgeRequest): Promise<PyResult> {
    this.remainingBudget();
    await this.ensureStarted();
    if (this.testStarting && request.op !== 'import') {
      this.testStarting = false;
      request.newTest = true;
    }
    return this.send(request, 'test');
  }

  private async send(request: BridgeRequest, phase: 'import' | 'test'): Promise<PyResult> {
    const interpreter = this.interpreter;
    if (!interpreter) throw new Error('the Python interpreter is not running');
    const remaining = this.remainingBudget();
    const timeoutMs = Math.min(this.config.callTimeoutMs, remaining);
    // Report the limit the learner knows (the call's, or the whole suite's), not the leftover.
    const limitMs = remaining < this.config.callTimeoutMs ? this.config.suiteTimeoutMs : this.config.callTimeoutMs;
    let response: BridgeResponse;
    try {
      response = await interpreter.request(request, timeoutMs);
    } catch (error) {
      // The interpreter is gone either way; the next request starts a fresh one.
      this.interpreter = undefined;
      throw this.translate(error, phase, limitMs);
    }
    this.record(response);
    if (!response.ok) throw new PythonError(response.error, phase, this.isLearnerFile, response);
    return {
      value: revive(response.value),
      stdout: response.stdout,
      stderr: response.stderr,
      warnings: response.warnings,
    };
  }

  private translate(error: unknown, phase: 'import' | 'test', limitMs: number): Error {
    if (error instanceof BridgeTimeoutError) {
      return new PythonFailureError(
        { kind: 'timeout', phase, timeoutMs: limitMs, stuck: parseFaulthandler(error.stacks) },
        this.isLearnerFile,
      );
    }
    if (error instanceof BridgeChannelError) {
      return new PythonFailureError({ kind: 'channel', phase, received: error.received }, this.isLearnerFile);
    }
    if (error instanceof BridgeCrashError) {
      return new PythonFailureError(
        { kind: 'crash', phase, exitCode: error.exitCode, signal: error.signal, output: error.output, stack: parseFaulthandler(error.stacks) },
        this.isLearnerFile,
      );
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  /** Attach what Python printed to the running test, for the runner to show. */
  private record(response: BridgeResponse): void {
    const test = this.currentTest;
    if (!test) return;
    const meta = test.meta as { advpyOutput?: TestOutput };
    const output = (meta.advpyOutput ??= {
      stdout: '',
      stderr: '',
      truncated: { stdout: 0, stderr: 0 },
      warnings: [],
    });
    output.stdout += response.stdout;
    output.stderr += response.stderr;
    output.truncated.stdout += response.truncated.stdout;
    output.truncated.stderr += response.truncated.stderr;
    output.warnings.push(...response.warnings);
  }
}

async function startInterpreter(config: KitConfig, cwd: string): Promise<PythonInterpreter> {
  switch (config.engine) {
    case 'native': {
      if (config.python === undefined) throw new Error('no Python interpreter was chosen for the native engine');
      const options = nativeOptions(config, config.python, cwd);
      // Started by the run's setup (engine-setup.ts), or kept from the last run in watch mode.
      const { takeNativeSpare } = await import('../engine/native-spare.js');
      const spare = await takeNativeSpare(options);
      if (spare !== undefined) return spare;
      const { startNative } = await import('../engine/native.js');
      return startNative(options);
    }
    case 'embedded': {
      const { prepareEmbedded, startEmbedded } = await import('../engine/embedded.js');
      const interpreter = await startEmbedded({ cwd, outputCap: config.outputCap, cacheDir: config.cacheDir });
      // Load the next interpreter while this suite runs and the learner types:
      // the runner keeps this module alive between runs, so the next save finds it ready.
      void prepareEmbedded({ cacheDir: config.cacheDir });
      return interpreter;
    }
  }
}

function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const marker = record[OPAQUE_MARKER] as { type: string; repr: string } | undefined;
    if (marker !== undefined && Object.keys(record).length === 1) {
      if (marker.type === 'int') return BigInt(marker.repr);
      if (marker.type === 'float') return Number(marker.repr.replace('inf', 'Infinity').replace('nan', 'NaN'));
      return new PyObject(marker.type, marker.repr);
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, revive(item)]));
  }
  return value;
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Strip the common indentation of a template literal, so suites can indent Python naturally. */
export function dedent(code: string): string {
  const lines = code.replace(/^\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

/**
 * Register an exercise for this suite file: a fresh interpreter in beforeAll,
 * output attached to each test, and the interpreter ended in afterAll.
 */
export function useExercise(suiteUrl: string, options: ExerciseOptions = {}): Exercise {
  const exercise = new Exercise(suiteUrl, options);
  beforeAll(() => exercise.start());
  beforeEach(({ task }) => {
    exercise.setCurrentTest(task);
  });
  afterAll(() => exercise.stop());
  return exercise;
}
