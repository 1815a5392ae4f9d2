/**
 * A Vitest pool that keeps one worker thread warm across runs.
 *
 * Why: Vitest 4 starts a fresh worker thread for every run unless another task
 * is already queued (see `Pool.schedule` in vitest's cli-api chunk), and a fresh
 * thread costs ~85 ms of module compilation on every save. Watch mode reruns one
 * suite per save, so that cost would dominate save-to-verdict.
 *
 * How: it wraps Vitest's own `ThreadsPoolWorker` (exported as experimental API)
 * and starts the thread and its runtime once. Later `start` requests are answered
 * here, and `stop` is answered here without tearing the runtime down. With
 * `isolate: false` the runtime resets every non-Vitest module between runs, so
 * suites and the testing kit are evaluated fresh each time, and each run's
 * `provide`d values travel in its own `run` message.
 *
 * This leans on Vitest's worker message protocol ("start"/"started",
 * "stop"/"stopped"), which is why vitest is pinned to an exact version in
 * package.json, and why the runner checks the running Vitest against
 * WARM_POOL_VITEST_VERSION and uses Vitest's own `threads` pool on a mismatch
 * (see pool-choice.ts). If the thread dies or a run is cancelled, the next run
 * simply starts a new thread. test/runner/warm-pool.test.ts is the tripwire.
 */
import { ThreadsPoolWorker, type PoolWorker } from 'vitest/node';

type WorkerOptions = ConstructorParameters<typeof ThreadsPoolWorker>[0];
type Listener = (message: unknown) => void;
type Message = { type?: string } | undefined;

export const WARM_POOL_NAME = 'advpy-warm-thread';

/**
 * The Vitest this pool was written and tested against. Raise it together with
 * vitest's pin in package.json, after test/runner/warm-pool.test.ts passes.
 */
export const WARM_POOL_VITEST_VERSION = '4.1.12';

interface SharedThread {
  inner: ThreadsPoolWorker;
  /** The thread exists (Vitest's start pipes its output each call, so call it once). */
  threadStarted: boolean;
  /** Vitest's runtime in the thread has been set up by a "start" request. */
  runtimeStarted: boolean;
  alive: boolean;
  /** Every listener on the thread, ours and each run's: all of them are attached through attach(). */
  listeners: number;
}

let shared: SharedThread | undefined;
/** Threads this process has started for the pool: it stays at 1 while the warm thread is reused. */
let threadsStarted = 0;

function sharedThread(options: WorkerOptions): SharedThread {
  if (!shared || !shared.alive) shared = { inner: new ThreadsPoolWorker(options), threadStarted: false, runtimeStarted: false, alive: true, listeners: 0 };
  return shared;
}

function attach(thread: SharedThread, event: string, callback: Listener): void {
  thread.inner.on(event, callback);
  thread.listeners++;
}

function detach(thread: SharedThread, event: string, callback: Listener): void {
  // A disposed thread has no Worker left to detach from (Vitest's getter throws).
  if (thread.alive) thread.inner.off(event, callback);
  thread.listeners--;
}

/** What the warm pool has done so far in this process. */
export interface WarmPoolStats {
  /** Worker threads started for the pool; a run on the warm thread adds none. */
  threadsStarted: number;
  /** Listeners on the current thread (0 without one); constant between runs, or they leak. */
  listeners: number;
}

/** For the tripwire test and for debugging: whether the thread is reused and nothing accumulates on it. */
export function warmPoolStats(): WarmPoolStats {
  return { threadsStarted, listeners: shared?.alive === true ? shared.listeners : 0 };
}

class WarmThreadWorker implements PoolWorker {
  readonly name = WARM_POOL_NAME;
  private readonly thread: SharedThread;
  /** This run's message listeners, to answer the requests we handle ourselves. */
  private readonly listeners = new Set<Listener>();
  /** Everything this run attached to the shared thread, detached again in stop(). */
  private readonly attached: Array<[string, Listener]> = [];

  constructor(options: WorkerOptions) {
    this.thread = sharedThread(options);
  }

  on(event: string, callback: Listener): void {
    attach(this.thread, event, callback);
    this.attached.push([event, callback]);
    if (event === 'message') this.listeners.add(callback);
  }

  off(event: string, callback: Listener): void {
    const index = this.attached.findIndex(([name, attached]) => name === event && attached === callback);
    // Detaching twice, or what this run never attached, must not skew the count.
    if (index === -1) return;
    this.attached.splice(index, 1);
    detach(this.thread, event, callback);
    this.listeners.delete(callback);
  }

  send(message: Parameters<PoolWorker['send']>[0]): void {
    const type = (message as Message)?.type;
    if (type === 'start' && this.thread.runtimeStarted) return this.answer('started');
    if (type === 'stop') return this.answer('stopped');
    if (type === 'start') this.thread.runtimeStarted = true;
    this.thread.inner.send(message);
  }

  private answer(type: 'started' | 'stopped'): void {
    // Asynchronously, as a real worker would: the caller sets up its wait after sending.
    setImmediate(() => {
      for (const listener of [...this.listeners]) listener({ type, __vitest_worker_response__: true });
    });
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  async start(): Promise<void> {
    if (this.thread.threadStarted) return;
    await this.thread.inner.start();
    this.thread.threadStarted = true;
    threadsStarted++;
    const thread = this.thread;
    // A thread that crashed or exited cannot be reused: the next run gets a new one.
    const retire = (): void => {
      thread.alive = false;
    };
    attach(thread, 'exit', retire);
    attach(thread, 'error', retire);
  }

  async stop(): Promise<void> {
    // The thread stays (that is the point; disposeWarmThread ends it), but this run's
    // listeners must go: Vitest relies on thread termination to drop them.
    for (const [event, callback] of this.attached) detach(this.thread, event, callback);
    this.attached.length = 0;
    this.listeners.clear();
  }
}

/** The pool, for Vitest's `pool` option. */
export const warmThreadPool = {
  name: WARM_POOL_NAME,
  createPoolWorker: (options: WorkerOptions): PoolWorker => new WarmThreadWorker(options),
};

/** End the warm thread (on close, or after a cancelled run left it busy). */
export async function disposeWarmThread(): Promise<void> {
  const thread = shared;
  shared = undefined;
  if (thread?.threadStarted && thread.alive) {
    thread.alive = false;
    await thread.inner.stop();
  }
}
