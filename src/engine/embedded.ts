/**
 * The embedded engine: Python 3.14 on Pyodide (WebAssembly) for learners without a
 * modern CPython. Each suite run gets a fresh interpreter in its own worker thread,
 * restored from a cached memory snapshot when possible. The Python side is the same
 * `Session` the native engine drives, so responses have the same shapes.
 */
import { BridgeTimeoutError } from './engine.js';
import { EmbeddedThread, type EmbeddedInterpreter } from './embedded-thread.js';

export type { EmbeddedInterpreter } from './embedded-thread.js';
export type { EmbeddedStartup } from './embedded-messages.js';

export interface EmbeddedOptions {
  /** The learner's folder (the exercise's chapter folder), mounted at the same path inside Pyodide. */
  cwd: string;
  /** Characters kept per stream per request before the rest is counted, not stored. */
  outputCap: number;
  /** Where the memory snapshot is cached (about 30 MB, rebuilt when missing, stale or corrupt). */
  cacheDir: string;
  /** Time allowed to load Pyodide and start the session; a cold load without a snapshot takes seconds. */
  startTimeoutMs?: number;
}

/** Options for {@link prepareEmbedded}: only what loading needs, since the folder comes later. */
export type EmbeddedPrepareOptions = Pick<EmbeddedOptions, 'cacheDir'>;

/**
 * Generous: the first load builds the memory snapshot, and on a 2-core machine
 * running other work that was seen to take over 30 s. Later starts restore the
 * snapshot in about a second; this only bounds a start that never ends.
 */
const DEFAULT_START_TIMEOUT_MS = 90_000;

/** A pool of one: a thread that has loaded Pyodide and waits for its learner's folder. */
let spare: { cacheDir: string; thread: EmbeddedThread } | undefined;

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedInterpreter> {
  const thread = takeSpare(options.cacheDir) ?? new EmbeddedThread(options.cacheDir);
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BridgeTimeoutError(timeoutMs, '')), timeoutMs);
  });
  try {
    await Promise.race([thread.loaded, deadline]);
    await Promise.race([thread.start(options.cwd, options.outputCap), deadline]);
    return thread;
  } catch (error) {
    await thread.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Load the next interpreter in the background, so the next {@link startEmbedded} with
 * the same `cacheDir` finds it ready (watch mode calls this after each run). Settles once
 * the spare has loaded or failed; it never rejects, since a failed spare is simply not used.
 */
export async function prepareEmbedded(options: EmbeddedPrepareOptions): Promise<void> {
  if (spare?.cacheDir !== options.cacheDir || !spare.thread.usable) {
    void spare?.thread.close();
    spare = { cacheDir: options.cacheDir, thread: new EmbeddedThread(options.cacheDir) };
  }
  await spare.thread.loaded.then(
    () => undefined,
    () => undefined,
  );
}

/** End the spare interpreter, if any. */
export async function disposeEmbeddedPool(): Promise<void> {
  const thread = spare?.thread;
  spare = undefined;
  await thread?.close();
}

function takeSpare(cacheDir: string): EmbeddedThread | undefined {
  const taken = spare;
  if (taken?.cacheDir !== cacheDir) return undefined;
  spare = undefined;
  // A spare that failed to load is dropped; a fresh thread gets its own chance.
  return taken.thread.usable ? taken.thread : undefined;
}
