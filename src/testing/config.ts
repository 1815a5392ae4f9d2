/**
 * How a suite learns what to test. The runner passes this through Vitest's
 * `provide`; nothing in a suite names a target, so the same suite runs against
 * a learner's file, the course stub or the reference solution.
 */
import { inject } from 'vitest';
import type { EngineKind } from '../engine/engine.js';
import type { NativeOptions } from '../engine/native.js';

export interface KitConfig {
  /** Folder holding `<chapter>/<NN>_<name>.py`: a workspace's exercises, the stubs, or the solutions. */
  targetRoot: string;
  engine: EngineKind;
  /** Interpreter for the native engine. */
  python?: string;
  /** Longest a single exec/eval/call may take. */
  callTimeoutMs: number;
  /** Longest a whole suite may spend in Python. */
  suiteTimeoutMs: number;
  /** Characters of output kept per stream per call. */
  outputCap: number;
  /** Where derived data (type-check results) is cached. */
  cacheDir: string;
  /**
   * The runner's child registry (processes.ts): every Python process a suite starts
   * is reported there, so the runner, in another thread, can end it at once.
   */
  processChannel?: string;
  /**
   * Keep a native interpreter started for the next run (native-spare.ts): set by watch
   * mode, where the runner outlives the run and the learner's next save is coming.
   */
  spare?: boolean;
  /** The folder of the exercise this run tests: its interpreter's working directory. */
  runDir?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    advpy: KitConfig;
  }
}

export function readKitConfig(): KitConfig {
  const config = inject('advpy') as KitConfig | undefined;
  if (config === undefined) {
    throw new Error(
      'advpy-kata suites run through the advpy-kata runner, which tells them which Python file to test. ' +
        'Run `advpy-kata run <exercise>` (or `advpy-kata verify`) instead of calling vitest directly.',
    );
  }
  return config;
}

/**
 * How this run's native interpreters start (`python`, in `cwd`): the same options
 * wherever one is started (the run's setup, the suite's start, watch mode's spare),
 * since a spare is only taken by a start with equal options.
 */
export function nativeOptions(config: KitConfig, python: string, cwd: string): NativeOptions {
  return {
    python,
    cwd,
    outputCap: config.outputCap,
    ...(config.processChannel === undefined ? {} : { reportTo: config.processChannel }),
  };
}
