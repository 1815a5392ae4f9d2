/**
 * The worker processes of a parallel `verify`, and the queue they take runs from.
 *
 * The verify command owns them: it starts them (all at once, so they boot while it
 * builds the queue), hands each its next run as soon as it answers the last one, and
 * closes them when it is done. They are forked from the CLI's own entry with the
 * hidden command of verify-worker.ts, through processes.ts, so the shutdown on
 * Ctrl-C or SIGTERM (main.ts) ends them too: each in its own process group, so a
 * terminal's Ctrl-C reaches only this process, which then kills each worker with
 * its whole tree (its Python included). A worker whose parent dies sees its IPC
 * channel close and exits; its Python bridges die with it (PDEATHSIG).
 *
 * A worker that dies mid-run costs that run only: it is reported as a problem
 * saying so, and a fresh worker takes its place for the runs still queued.
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exercise } from '../../core/manifest.js';
import type { VerifyEntry } from '../../core/verify.js';
import { isShuttingDown, ShutdownError, spawnOwned, terminate } from '../../engine/processes.js';
import { PACKAGE_ROOT } from '../../package-root.js';
import { entryFromWire, isFromWorker, runToWire, VERIFY_WORKER_COMMAND, type FromWorker, type ToWorker, type WorkerSettings } from './verify-protocol.js';
import { judgeRun, type VerifyRun } from './verify-runs.js';

/** How long a disconnected worker gets to close its Vitest and exit before it is killed. */
const CLOSE_WAIT_MS = 5_000;
/** After a worker exits, how long its stderr and IPC get to drain (a grandchild may hold a pipe open). */
const DRAIN_WAIT_MS = 1_000;
/** Lines of a dead worker's stderr quoted in its run's entry. */
const LAST_WORDS = 5;

export interface VerifyWorkersOptions {
  jobs: number;
  settings: WorkerSettings;
  /** The workers' environment: the command's, so they find the same Python and cache. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  exercises: readonly Exercise[];
  /** Each distinct line the workers write to stderr, once: N workers print the same notice N times. */
  stderr: (line: string) => void;
}

interface Worker {
  child: ChildProcess;
  ready: boolean;
  /** The index of the run it is working on. */
  current: number | undefined;
  finished: number;
  /** The end of its stderr, for the message if it dies. */
  lastWords: string[];
  partialLine: string;
  gone: boolean;
}

interface Batch {
  runs: readonly VerifyRun[];
  queue: number[];
  entries: Array<VerifyEntry | undefined>;
  remaining: number;
  onEntry: (entry: VerifyEntry) => void;
  resolve: (entries: VerifyEntry[]) => void;
  reject: (error: unknown) => void;
}

export class VerifyWorkers {
  private readonly workers = new Set<Worker>();
  private readonly linesSeen = new Set<string>();
  private batch: Batch | undefined;
  private closed = false;

  constructor(private readonly options: VerifyWorkersOptions) {}

  /** Fork the workers now; they start their Vitest while the caller prepares the runs. */
  start(): void {
    for (let started = 0; started < this.options.jobs; started++) this.spawn();
  }

  /**
   * Run every run, in `order`; `onEntry` hears of each as it finishes. Resolves with
   * the entries in the order of `runs`, whatever order they finished in.
   */
  runAll(runs: readonly VerifyRun[], order: readonly number[], onEntry: (entry: VerifyEntry) => void): Promise<VerifyEntry[]> {
    return new Promise((resolve, reject) => {
      this.batch = { runs, queue: [...order], entries: runs.map(() => undefined), remaining: runs.length, onEntry, resolve, reject };
      if (runs.length === 0) resolve([]);
      for (const worker of this.workers) this.dispatch(worker);
      this.failWhatNoWorkerCanRun();
    });
  }

  /** Disconnect every worker (each closes its runner and exits), killing any that take too long. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.workers].map(async (worker) => {
        if (worker.child.connected) worker.child.disconnect();
        if (!(await exited(worker.child, CLOSE_WAIT_MS))) await terminate(worker.child);
      }),
    );
  }

  private spawn(): void {
    let child: ChildProcess;
    try {
      child = spawnOwned({
        description: 'a verify worker',
        command: process.execPath,
        args: [...workerEntry(), VERIFY_WORKER_COMMAND],
        cwd: this.options.cwd,
        env: this.options.env,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        ownGroup: true,
        serialization: 'advanced',
      });
    } catch (error) {
      // Ctrl-C came first: main.ts is ending everything, and the verify with it.
      if (error instanceof ShutdownError) return;
      throw error;
    }
    const worker: Worker = { child, ready: false, current: undefined, finished: 0, lastWords: [], partialLine: '', gone: false };
    this.workers.add(worker);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => this.hear(worker, chunk));
    child.on('message', (message: unknown) => this.receive(worker, message));
    // 'close' comes after the last IPC message and stderr byte; the timer covers a
    // pipe that a stray grandchild keeps open.
    let drained: NodeJS.Timeout | undefined;
    child.once('exit', (code, signal) => {
      drained = setTimeout(() => this.lost(worker, code, signal), DRAIN_WAIT_MS);
    });
    child.once('close', (code, signal) => {
      clearTimeout(drained);
      this.lost(worker, code, signal);
    });
    // Only a worker that never started is lost by an 'error' (a failed kill is not a death).
    child.once('error', () => {
      if (child.pid === undefined) this.lost(worker, null, null);
    });
  }

  private send(worker: Worker, message: ToWorker): void {
    // A worker that died meanwhile cannot take it; its 'close' reports what it held.
    worker.child.send(message, undefined, {}, () => undefined);
  }

  private receive(worker: Worker, message: unknown): void {
    if (!isFromWorker(message)) return this.fail(new Error(`a verify worker sent a message this verify does not know: ${JSON.stringify(message)}`));
    if (message.type === 'ready') {
      this.send(worker, { type: 'setup', settings: this.options.settings });
      worker.ready = true;
      return this.dispatch(worker);
    }
    this.answered(worker, message);
  }

  private answered(worker: Worker, message: Extract<FromWorker, { type: 'entry' }>): void {
    if (message.index !== worker.current) return this.fail(new Error(`a verify worker answered run ${message.index} while it was given ${String(worker.current)}`));
    worker.current = undefined;
    worker.finished++;
    try {
      this.record(message.index, entryFromWire(message.entry, this.options.exercises));
    } catch (error) {
      return this.fail(error);
    }
    this.dispatch(worker);
  }

  private dispatch(worker: Worker): void {
    const batch = this.batch;
    if (batch === undefined || !worker.ready || worker.gone || worker.current !== undefined) return;
    const index = batch.queue.shift();
    const run = index === undefined ? undefined : batch.runs[index];
    if (index === undefined || run === undefined) return;
    worker.current = index;
    this.send(worker, { type: 'run', run: runToWire(run, index) });
  }

  private lost(worker: Worker, code: number | null, signal: NodeJS.Signals | null): void {
    if (worker.gone) return;
    worker.gone = true;
    this.workers.delete(worker);
    if (worker.partialLine !== '') this.hear(worker, '\n');
    // Ended on purpose: by close(), or by the shutdown that is ending this process.
    if (this.closed || isShuttingDown()) return;
    const death = describeDeath(worker, code, signal);
    const lost = worker.current;
    worker.current = undefined;
    if (lost !== undefined) this.crashed(lost, death);
    // A replacement only for a worker that got as far as running something: one that
    // cannot even start would fail the same way again, and again. Each replacement
    // costs a run (or follows finished ones), so there are never more than runs.
    if ((lost !== undefined || worker.finished > 0) && (this.batch?.queue.length ?? 0) > 0) this.respawn();
    this.failWhatNoWorkerCanRun(death);
  }

  private respawn(): void {
    try {
      this.spawn();
    } catch (error) {
      this.fail(error);
    }
  }

  /** With no worker left, whatever is still queued can only be reported. */
  private failWhatNoWorkerCanRun(lastDeath?: string): void {
    const batch = this.batch;
    if (batch === undefined || this.workers.size > 0 || batch.queue.length === 0) return;
    const why = lastDeath ?? 'no verify worker could be started.';
    for (const index of batch.queue.splice(0)) this.crashed(index, `no verify worker was left to run it: ${why}`);
  }

  private crashed(index: number, message: string): void {
    const run = this.batch?.runs[index];
    if (run === undefined) return;
    judgeRun(run, { kind: 'error', message }).then(
      (entry) => this.record(index, entry),
      (error: unknown) => this.fail(error),
    );
  }

  private record(index: number, entry: VerifyEntry): void {
    const batch = this.batch;
    if (batch === undefined || batch.entries[index] !== undefined) return;
    batch.entries[index] = entry;
    batch.remaining--;
    try {
      batch.onEntry(entry);
    } catch (error) {
      return this.fail(error);
    }
    if (batch.remaining === 0) batch.resolve(batch.entries.filter((done): done is VerifyEntry => done !== undefined));
  }

  private fail(error: unknown): void {
    this.batch?.reject(error);
  }

  private hear(worker: Worker, chunk: string): void {
    const lines = (worker.partialLine + chunk).split('\n');
    worker.partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      worker.lastWords = [...worker.lastWords, line].slice(-LAST_WORDS);
      if (this.closed || isShuttingDown() || this.linesSeen.has(line)) continue;
      this.linesSeen.add(line);
      this.options.stderr(line);
    }
  }
}

/** The sentence for a run whose worker died under it; judge() prefixes "the suite could not run". */
function describeDeath(worker: Worker, code: number | null, signal: NodeJS.Signals | null): string {
  const how = signal !== null ? `was killed by ${signal}` : code !== null ? `exited with code ${code}` : 'could not be run';
  const said = worker.lastWords.length > 0 ? ` Its last output:\n${worker.lastWords.join('\n')}` : '';
  return `the verify worker running it (pid ${worker.child.pid ?? '?'}) ${how} before it reported a result. Re-run verify with --jobs 1 to run it in-process and see what happened.${said}`;
}

/** Whether the child exits within `ms`. */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * The CLI's own entry. Built, that is bin/advpy-kata.js (with the Node flags this
 * process got); from source (tests, tsx) it is main.ts, loaded through tsx.
 */
function workerEntry(): string[] {
  if (import.meta.url.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return ['--import', tsx, join(PACKAGE_ROOT, 'src', 'cli', 'main.ts')];
  }
  return [...process.execArgv, join(PACKAGE_ROOT, 'bin', 'advpy-kata.js')];
}
