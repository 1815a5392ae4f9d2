/**
 * The embedded engine: Python 3.14 on Pyodide (WebAssembly) for learners without a
 * modern CPython. Each suite run gets a fresh interpreter in a worker thread, loaded
 * from a cached memory snapshot when possible. The Python side is the same
 * `Session` the native engine drives, so responses have the same shapes.
 *
 * Loading Pyodide takes a second or more, so a thread is not ended after its run: it is
 * reset to the checkpoint it took before its first run (embedded-checkpoint.ts), which
 * takes milliseconds and leaves nothing of the run behind, and kept for the next run.
 * A thread that timed out, crashed, or cannot be reset is ended instead.
 */
import { BridgeCrashError, BridgeTimeoutError } from './engine.js';
import { EmbeddedThread, type EmbeddedInterpreter } from './embedded-thread.js';
import type { EmbeddedStartup } from './embedded-messages.js';
import type { BridgeRequest, BridgeResponse } from '../core/protocol.js';
import { trace } from '../trace.js';

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

/**
 * A pool of one: the thread the next run gets, once `ready` settles (it is loading, or
 * being reset after its last run). One thread, not one per run, keeps one Pyodide heap.
 */
let idle: { cacheDir: string; thread: EmbeddedThread; ready: Promise<unknown> } | undefined;
/** Threads lent to runs, by cache folder: each comes back when its run closes it. */
const lent = new Map<string, number>();
/** Cache folders someone prepared for: a lent thread that dies is replaced at once, as a spare would be. */
const wanted = new Set<string>();

export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedInterpreter> {
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BridgeTimeoutError(timeoutMs, '')), timeoutMs);
  });
  const pooled = takeIdle(options.cacheDir);
  trace(`embedded: start (${pooled ? 'pooled thread' : 'new thread'})`);
  let thread = pooled?.thread ?? new EmbeddedThread(options.cacheDir);
  try {
    // A pooled thread whose reset was refused, or whose load failed, is ended: a new thread gets its chance.
    if (pooled && !(await Promise.race([pooled.ready.then(() => thread.usable, () => false), deadline]))) {
      void thread.close();
      thread = new EmbeddedThread(options.cacheDir);
    }
    await Promise.race([thread.loaded, deadline]);
    await Promise.race([thread.start(options.cwd, options.outputCap), deadline]);
    trace('embedded: started');
    return new Lease(thread, options.cacheDir);
  } catch (error) {
    await thread.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Make sure the next {@link startEmbedded} with the same `cacheDir` finds a thread ready:
 * the one a run still holds comes back when the run ends, so this loads a new one only
 * when there is none (watch mode calls it on each run). Settles once the idle thread is
 * ready or failed; it never rejects, since a failed thread is simply not used.
 */
export async function prepareEmbedded(options: EmbeddedPrepareOptions): Promise<void> {
  wanted.add(options.cacheDir);
  if (idle?.cacheDir !== options.cacheDir || !idle.thread.usable) {
    if ((lent.get(options.cacheDir) ?? 0) > 0) return;
    replaceIdle(options.cacheDir, undefined);
  }
  await idle?.ready.catch(() => undefined);
}

/** End the idle interpreter, if any; threads lent to runs are still reused when they come back. */
export async function disposeEmbeddedPool(): Promise<void> {
  const thread = idle?.thread;
  idle = undefined;
  wanted.clear();
  await thread?.close();
}

function takeIdle(cacheDir: string): { thread: EmbeddedThread; ready: Promise<unknown> } | undefined {
  const taken = idle;
  if (taken?.cacheDir !== cacheDir) return undefined;
  idle = undefined;
  return taken;
}

/** Make `thread` the idle one (after a reset), or load a new one when it is undefined. */
function replaceIdle(cacheDir: string, reused: { thread: EmbeddedThread; ready: Promise<unknown> } | undefined): void {
  void idle?.thread.close();
  const thread = reused?.thread ?? new EmbeddedThread(cacheDir);
  const ready = reused?.ready ?? thread.loaded;
  // Nobody may await it until the next run; a failure is seen then.
  ready.catch(() => undefined);
  idle = { cacheDir, thread, ready };
}

/** A run's hold on a thread: closing it gives the thread back to the pool, reset, or ends it. */
class Lease implements EmbeddedInterpreter {
  readonly startup: EmbeddedStartup;
  readonly reused: number;
  private closed = false;
  /** No longer counted as lent: closed, or its thread ended first (a timeout, a crash). */
  private returned = false;
  private forget: (() => void) | undefined;

  constructor(
    private readonly thread: EmbeddedThread,
    private readonly cacheDir: string,
  ) {
    this.startup = thread.startup;
    this.reused = thread.reused;
    lent.set(cacheDir, (lent.get(cacheDir) ?? 0) + 1);
    // A run drops an interpreter that timed out or crashed without closing it.
    this.forget = thread.whenEnded(() => {
      if (this.giveUp()) replenish(cacheDir);
    });
  }

  get description(): string {
    return this.thread.description;
  }

  request(request: BridgeRequest, timeoutMs: number): Promise<BridgeResponse> {
    if (this.closed) return Promise.reject(new BridgeCrashError(null, null, 'the interpreter was closed'));
    return this.thread.request(request, timeoutMs);
  }

  /** Resolves at once: the reset (or the thread's end) goes on in the background, and the next start waits for it. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const { thread, cacheDir } = this;
    if (!this.giveUp()) return Promise.resolve();
    if (thread.resettable) {
      trace('embedded: reset');
      replaceIdle(cacheDir, { thread, ready: thread.reset() });
    } else {
      void thread.close();
      replenish(cacheDir);
    }
    return Promise.resolve();
  }

  /** Stop counting the thread as lent; false when that was done already. */
  private giveUp(): boolean {
    if (this.returned) return false;
    this.returned = true;
    this.forget?.();
    lent.set(this.cacheDir, (lent.get(this.cacheDir) ?? 1) - 1);
    return true;
  }
}

/** A lent thread is gone: as a spare would have been, a new one starts loading for the next run. */
function replenish(cacheDir: string): void {
  if (wanted.has(cacheDir) && idle?.cacheDir !== cacheDir) replaceIdle(cacheDir, undefined);
}
