/**
 * One Pyodide worker thread, seen from the main thread: spawning it, starting its
 * session, sending requests, resetting it between runs, and ending it on a timeout or crash.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BridgeCrashError, BridgeTimeoutError, BridgeVersionError, type PythonInterpreter } from './engine.js';
import type { EmbeddedStartup, EmbeddedWorkerData, FromWorker, ToWorker } from './embedded-messages.js';
import { planSnapshotName, readBridgeSources } from './embedded-snapshot.js';
import { BRIDGE_PROTOCOL_VERSION, type BridgeRequest, type BridgeResponse, type PyFrame } from '../core/protocol.js';
import { PYTHON_BRIDGE_DIR } from '../package-root.js';

/**
 * How long Python gets to honour an interrupt before the thread is ended without it.
 * A responsive interpreter answers within milliseconds and ends the wait at once;
 * this only bounds code deaf to interrupts (a loop inside C), and is generous so a
 * busy machine that schedules the worker late still gets the learner's stacks.
 */
const INTERRUPT_GRACE_MS = 1_500;
/**
 * Extra time for the stack report once Python has taken the interrupt (Pyodide clears
 * the buffer when it does). The report is a message queued behind whatever the learner
 * printed before it, and a flood of output can take a while to drain on a busy machine.
 */
const STACK_DRAIN_MS = 3_000;
/** What the interrupt buffer holds to raise KeyboardInterrupt: SIGINT. */
const SIGINT = 2;
/** Raw output kept for crash reports. */
const RAW_OUTPUT_CAP = 16 * 1024;

const require = createRequire(import.meta.url);
const PYODIDE_PACKAGE_JSON = require.resolve('pyodide/package.json');
/** The installed package folder: Pyodide loads its wasm and stdlib from here and never from the network. */
const PYODIDE_INDEX_URL = `${dirname(PYODIDE_PACKAGE_JSON)}/`;
export const PYODIDE_VERSION = (JSON.parse(readFileSync(PYODIDE_PACKAGE_JSON, 'utf8')) as { version: string }).version;

/**
 * Built code runs `dist/engine/embedded-worker.js`. Under vitest or tsx this module is
 * TypeScript source with no .js sibling, and a worker thread does not inherit vitest's
 * transform. `execArgv: ['--import', 'tsx']` does not work either: Node 20 ignores module
 * hooks given to a worker that way (nodejs/node#47747, privatenumber/tsx#354). So the
 * worker starts from a one-line script that loads the .ts entry through tsx's API
 * (a devDependency, needed only where dist/ is absent).
 */
function planWorkerEntry(): { script: URL | string; eval: boolean } {
  const built = new URL('./embedded-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { script: built, eval: false };
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const source = new URL('./embedded-worker.ts', import.meta.url).href;
  const script = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(import.meta.url)}))`;
  return { script, eval: true };
}

/** The snapshot file for this Pyodide and these bridge sources. */
export function planSnapshotPath(cacheDir: string): string {
  const bridgeDir = realpathSync(PYTHON_BRIDGE_DIR);
  const name = planSnapshotName({
    pyodideVersion: PYODIDE_VERSION,
    protocolVersion: BRIDGE_PROTOCOL_VERSION,
    bridgeDir,
    sources: readBridgeSources(bridgeDir),
  });
  return join(cacheDir, name);
}

/** An embedded interpreter also tells how it started (snapshot or cold, and how long it took). */
export interface EmbeddedInterpreter extends PythonInterpreter {
  readonly startup: EmbeddedStartup;
  /** Runs its thread served before this one, each followed by a reset; 0 for a freshly loaded one. */
  readonly reused: number;
}

type Pending = {
  resolve: (response: BridgeResponse) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

type Waiter = { resolve: () => void; reject: (error: Error) => void };

export class EmbeddedThread implements EmbeddedInterpreter {
  /** Settles once Pyodide is loaded in the thread (before any learner folder is known). */
  readonly loaded: Promise<EmbeddedStartup>;
  private loadedStartup: EmbeddedStartup | undefined;
  private readonly worker: Worker;
  private readonly interrupt: Int32Array;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private raw = '';
  private stacks = '';
  private startWaiter: Waiter | undefined;
  private resetWaiter: Waiter | undefined;
  /** Runs this interpreter served before the current one, each ended by a reset. */
  private resets = 0;
  private readonly endListeners: Array<() => void> = [];
  private ended: BridgeCrashError | undefined;
  private closing: Promise<void> | undefined;
  /** Set while a timed-out request waits for Python to say where it was. */
  private timingOut: { id: number; timeoutMs: number; reject: (error: Error) => void; grace: NodeJS.Timeout; drained?: boolean } | undefined;

  constructor(cacheDir: string) {
    const interruptBuffer = new SharedArrayBuffer(4);
    this.interrupt = new Int32Array(interruptBuffer);
    const workerData: EmbeddedWorkerData = {
      indexURL: PYODIDE_INDEX_URL,
      bridgeDir: realpathSync(PYTHON_BRIDGE_DIR),
      snapshotPath: planSnapshotPath(cacheDir),
      interruptBuffer,
    };
    const entry = planWorkerEntry();
    this.worker = new Worker(entry.script, { eval: entry.eval, workerData, stdout: true, stderr: true });

    let loadWaiter: { resolve: (startup: EmbeddedStartup) => void; reject: (error: Error) => void } | undefined;
    this.loaded = new Promise<EmbeddedStartup>((resolve, reject) => {
      loadWaiter = { resolve, reject };
    });
    // Nobody may be listening yet (a thread loading for a later run); the rejection is seen when someone awaits it.
    this.loaded.catch(() => {});
    this.worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'loaded':
          this.loadedStartup = message.startup;
          loadWaiter?.resolve(message.startup);
          return;
        case 'started':
          this.started(message.protocol);
          return;
        case 'response':
          this.receive(message.id, message.line);
          return;
        case 'reset':
          this.afterReset(message.ok ? undefined : message.reason);
          return;
        case 'stacks':
          this.stacks = message.text;
          if (this.timingOut) this.finishTimeout();
          return;
        case 'output':
          this.keepRaw(message.text);
          return;
        case 'fatal':
          this.keepRaw(message.message);
          this.fail(new BridgeCrashError(message.exitCode ?? null, null, this.raw));
          return;
      }
    });
    this.worker.on('error', (error) => {
      this.keepRaw(error.stack ?? error.message);
      this.fail(new BridgeCrashError(null, null, this.raw));
    });
    this.worker.on('exit', (code) => {
      this.fail(new BridgeCrashError(code, null, this.raw));
      loadWaiter?.reject(this.ended ?? new BridgeCrashError(code, null, this.raw));
    });
    // An idle interpreter (loading, or kept between runs) must not keep the runner alive; pending
    // requests hold timers that do. Unref'd after the listeners above, since attaching a
    // 'message' listener refs the worker again. worker.stdout and stderr are never read:
    // reading them refs its port until it exits. They exist so that nothing the thread
    // prints reaches our terminal; the worker sends it as 'output' messages instead
    // (embedded-worker.ts).
    this.worker.unref();
  }

  /** False once the thread has crashed, timed out or been closed. */
  get usable(): boolean {
    return this.ended === undefined && this.closing === undefined;
  }

  get reused(): number {
    return this.resets;
  }

  /** Whether {@link reset} may be asked now: alive, able to reset, and no request, start or timeout in progress. */
  get resettable(): boolean {
    return (
      this.usable &&
      this.loadedStartup !== undefined &&
      this.loadedStartup.resetProblem === undefined &&
      this.pending.size === 0 &&
      this.timingOut === undefined &&
      this.startWaiter === undefined &&
      this.resetWaiter === undefined
    );
  }

  get startup(): EmbeddedStartup {
    if (this.loadedStartup === undefined) throw new Error('the embedded interpreter has not loaded yet');
    return this.loadedStartup;
  }

  get description(): string {
    const startup = this.loadedStartup;
    return startup
      ? `Pyodide ${startup.pyodideVersion} (Python ${startup.pythonVersion}, embedded)`
      : `Pyodide ${PYODIDE_VERSION} (embedded)`;
  }

  /** Point the loaded interpreter at the learner's folder; resolves when it can take requests. */
  start(cwd: string, outputCap: number): Promise<void> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise<void>((resolve, reject) => {
      this.startWaiter = { resolve, reject };
      this.post({ type: 'start', cwd, outputCap });
    });
  }

  request(request: BridgeRequest, timeoutMs: number): Promise<BridgeResponse> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<BridgeResponse>((resolve, reject) => {
      const timer = setTimeout(() => this.interruptRequest(id, timeoutMs), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.post({ type: 'request', id, line: JSON.stringify({ ...request, id }) });
    });
  }

  /** `listener` runs once the thread has ended (crash, timeout or close), at once if it already has; returns what stops that. */
  whenEnded(listener: () => void): () => void {
    if (this.ended) listener();
    else this.endListeners.push(listener);
    return () => {
      const index = this.endListeners.indexOf(listener);
      if (index !== -1) this.endListeners.splice(index, 1);
    };
  }

  /**
   * Put the interpreter back as it was before its first run, for the next run. Rejects,
   * and ends the thread, when that cannot be done (see embedded-checkpoint.ts).
   */
  reset(): Promise<void> {
    if (!this.resettable) {
      void this.close();
      return Promise.reject(this.ended ?? new Error('this interpreter cannot be reset now'));
    }
    return new Promise<void>((resolve, reject) => {
      this.resetWaiter = { resolve, reject };
      this.post({ type: 'reset' });
    });
  }

  close(): Promise<void> {
    this.closing ??= this.worker.terminate().then(() => undefined);
    return this.closing;
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private afterReset(refused: string | undefined): void {
    const waiter = this.resetWaiter;
    this.resetWaiter = undefined;
    if (refused !== undefined) {
      void this.close();
      waiter?.reject(new Error(`the interpreter was not reused: ${refused}`));
      return;
    }
    this.resets++;
    // Crash reports quote what the run being reported printed, not earlier ones.
    this.raw = '';
    this.stacks = '';
    waiter?.resolve();
  }

  private keepRaw(text: string): void {
    if (this.raw.length < RAW_OUTPUT_CAP) this.raw += text;
  }

  private receive(id: number, line: string): void {
    const response = JSON.parse(line) as BridgeResponse;
    if (this.timingOut?.id === id) {
      // Python honoured the interrupt. The SIGINT handler normally reported the stack
      // already; if the learner replaced that handler, the KeyboardInterrupt's own
      // traceback is the next best account of where it was.
      if (this.stacks === '' && !response.ok) this.stacks = renderFaulthandler(response.error.frames);
      this.finishTimeout();
      return;
    }
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    clearTimeout(waiter.timer);
    waiter.resolve(response);
  }

  /** The session started: usable only when its bridge speaks this side's protocol version. */
  private started(protocol: unknown): void {
    const waiter = this.startWaiter;
    this.startWaiter = undefined;
    if (protocol === BRIDGE_PROTOCOL_VERSION) {
      waiter?.resolve();
      return;
    }
    const announced = typeof protocol === 'number' ? protocol : null;
    const error = new BridgeVersionError(join(realpathSync(PYTHON_BRIDGE_DIR), 'advpy_embedded.py'), announced, BRIDGE_PROTOCOL_VERSION);
    void this.close().then(() => waiter?.reject(error));
  }

  /** Ask Python to raise KeyboardInterrupt where it stands; end the thread if it does not within the grace time. */
  private interruptRequest(id: number, timeoutMs: number): void {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    if (this.timingOut) {
      // Another request is already being interrupted; this one ends with the thread.
      waiter.reject(new BridgeTimeoutError(timeoutMs, ''));
      return;
    }
    this.stacks = '';
    Atomics.store(this.interrupt, 0, SIGINT);
    const grace = setTimeout(() => this.graceOver(), INTERRUPT_GRACE_MS);
    this.timingOut = { id, timeoutMs, reject: waiter.reject, grace };
  }

  /** Python was given its grace time: wait a little more only if it took the interrupt and its report is on the way. */
  private graceOver(): void {
    const timingOut = this.timingOut;
    if (!timingOut) return;
    const taken = Atomics.load(this.interrupt, 0) !== SIGINT;
    if (taken && this.stacks === '' && !timingOut.drained) {
      timingOut.drained = true;
      timingOut.grace = setTimeout(() => this.finishTimeout(), STACK_DRAIN_MS);
      return;
    }
    this.finishTimeout();
  }

  private finishTimeout(): void {
    const timingOut = this.timingOut;
    if (!timingOut) return;
    this.timingOut = undefined;
    clearTimeout(timingOut.grace);
    timingOut.reject(new BridgeTimeoutError(timingOut.timeoutMs, this.stacks));
    // After a timeout the interpreter's state is unknown; the kit starts a fresh one.
    void this.close();
  }

  /** The thread is unusable: every waiter learns why, and the thread ends. */
  private fail(error: BridgeCrashError): void {
    if (this.ended) return;
    this.ended = error;
    if (this.timingOut) {
      // The thread died while we waited for its stack: still a timeout, with what we have.
      this.finishTimeout();
    }
    for (const waiter of this.pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.pending.clear();
    this.startWaiter?.reject(error);
    this.startWaiter = undefined;
    this.resetWaiter?.reject(error);
    this.resetWaiter = undefined;
    for (const listener of this.endListeners.splice(0)) listener();
    void this.close();
  }
}

/** Frames from a traceback (outermost first) as faulthandler text (innermost first). */
export function renderFaulthandler(frames: readonly PyFrame[]): string {
  if (frames.length === 0) return '';
  const lines = [...frames].reverse().map((frame) => `  File "${frame.file}", line ${frame.line ?? 0} in ${frame.name}`);
  return `Current thread 0x0000000000000001 (most recent call first):\n${lines.join('\n')}\n`;
}
