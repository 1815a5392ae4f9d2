/**
 * The native engine: a real CPython process per suite run, spoken to over three
 * private pipes (requests, responses, stack dumps). fd 1 and 2 stay the learner's.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { BridgeChannelError, BridgeCrashError, BridgeTimeoutError, BridgeVersionError, type PythonInterpreter } from './engine.js';
import { spawnOwned, terminate } from './processes.js';
import {
  BRIDGE_PROTOCOL_VERSION,
  CHANNEL_BROKEN_EXIT,
  isBridgeResponse,
  parseBridgeReady,
  type BridgeRequest,
  type BridgeResponse,
} from '../core/protocol.js';
import { PYTHON_BRIDGE_DIR } from '../package-root.js';

export interface NativeOptions {
  /** Absolute path of the interpreter to run. */
  python: string;
  /** Working directory for the learner's code. */
  cwd: string;
  /** Characters kept per stream per request before the rest is counted, not stored. */
  outputCap: number;
  /** Time allowed for the interpreter to start and report ready. */
  startTimeoutMs?: number;
  /** The owning runner's child registry, when it lives in another thread (see processes.ts). */
  reportTo?: string;
  /** Standard modules to import once ready, before the first request (a spare's idle time). */
  preload?: readonly string[];
}

const BRIDGE_SCRIPT = join(PYTHON_BRIDGE_DIR, 'advpy_native.py');
/**
 * How long to wait for faulthandler's dump after asking for it. Generous because a
 * loaded machine (CI on two cores running suites in parallel) may not schedule the
 * bridge for a while; a dump that arrives ends the wait early, so this is only
 * spent in full when no dump ever comes.
 */
const STACK_WAIT_MS = 5000;
/** Ask again when nothing of the dump has come after this long. */
const STACK_REASK_MS = 1000;
/** The dump is taken as complete once no more bytes have come for this long. */
const STACK_QUIET_MS = 150;
/** Signals faulthandler dumps the stack for before the process dies (faulthandler.enable). */
const FATAL_SIGNALS: ReadonlySet<string> = new Set(['SIGSEGV', 'SIGFPE', 'SIGABRT', 'SIGBUS', 'SIGILL']);
/** Longest wait for the rest of that dump once the process has exited. */
const FATAL_DUMP_WAIT_MS = 500;
/** Raw fd 1/2 output kept for crash reports. */
const RAW_OUTPUT_CAP = 16 * 1024;

/** A native interpreter also tells whether it is still alive (a spare may have been killed while it waited). */
export interface NativeInterpreterHandle extends PythonInterpreter {
  readonly usable: boolean;
}

export async function startNative(options: NativeOptions): Promise<NativeInterpreterHandle> {
  const child = spawnOwned({
    description: `the Python bridge (${options.python})`,
    command: options.python,
    // -X dev: show ResourceWarnings and unawaited coroutines. -B: never write
    // __pycache__ into the learner's folder (and never run a stale .pyc after a
    // save within the same mtime tick).
    args: ['-X', 'dev', '-B', BRIDGE_SCRIPT, '3', '4', '5'],
    cwd: options.cwd,
    env: {
      ...process.env,
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      PYTHONIOENCODING: 'utf-8',
      ADVPY_OUTPUT_CAP: String(options.outputCap),
      ...(options.preload === undefined ? {} : { ADVPY_PRELOAD: options.preload.join(',') }),
    },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'pipe'],
    ownGroup: true,
    ...(options.reportTo === undefined ? {} : { reportTo: options.reportTo }),
  });
  const interpreter = new NativeInterpreter(child, options.python);
  await interpreter.ready(options.startTimeoutMs ?? 10_000);
  return interpreter;
}

type Pending = {
  resolve: (response: BridgeResponse) => void;
  reject: (error: Error) => void;
};

class NativeInterpreter implements NativeInterpreterHandle {
  readonly description: string;
  private readonly toPython: Writable;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stacks = '';
  private raw = '';
  private exited: BridgeCrashError | BridgeChannelError | BridgeVersionError | undefined;
  private readyWaiter: Pending | undefined;

  constructor(
    private readonly child: ChildProcess,
    python: string,
  ) {
    this.description = `CPython (${python})`;
    const [, stdout, stderr, requests, responses, stacks] = child.stdio as unknown as [
      null,
      Readable,
      Readable,
      Writable,
      Readable,
      Readable,
    ];
    this.toPython = requests;
    // A write after the child died raises EPIPE asynchronously; the exit handler reports it.
    requests.on('error', () => {});
    stdout.on('data', (chunk: Buffer) => this.keepRaw(chunk));
    stderr.on('data', (chunk: Buffer) => this.keepRaw(chunk));
    stacks.on('data', (chunk: Buffer) => {
      this.stacks += chunk.toString('utf8');
    });
    const lines = createInterface({ input: responses, crlfDelay: Infinity });
    lines.on('line', (line) => this.receive(line));
    child.once('exit', (code, signal) => {
      const settle = (): void => {
        this.exited ??=
          code === CHANNEL_BROKEN_EXIT
            ? new BridgeChannelError('the channel was closed or replaced (os.close or os.dup2 on a runner descriptor)')
            : new BridgeCrashError(code, signal, this.raw, signal !== null && FATAL_SIGNALS.has(signal) ? this.stacks : '');
        for (const waiter of this.pending.values()) waiter.reject(this.exited);
        this.pending.clear();
        this.readyWaiter?.reject(this.exited);
      };
      // faulthandler wrote its dump just before the signal ended the process; the
      // pipe may still hold it when 'exit' arrives, so read to its end (briefly).
      if (signal === null || !FATAL_SIGNALS.has(signal) || stacks.readableEnded) return settle();
      const timer = setTimeout(settle, FATAL_DUMP_WAIT_MS);
      stacks.once('end', () => {
        clearTimeout(timer);
        settle();
      });
    });
    child.once('error', (error) => {
      this.exited = new BridgeCrashError(null, null, `could not start ${python}: ${error.message}`);
      this.readyWaiter?.reject(this.exited);
    });
  }

  get usable(): boolean {
    return this.exited === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  ready(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void this.close();
        reject(new BridgeTimeoutError(timeoutMs, ''));
      }, timeoutMs);
      this.readyWaiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  private keepRaw(chunk: Buffer): void {
    if (this.raw.length < RAW_OUTPUT_CAP) this.raw += chunk.toString('utf8');
  }

  private receive(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      message = undefined;
    }
    const announced = this.readyWaiter ? parseBridgeReady(message) : undefined;
    if (this.readyWaiter && announced !== undefined) {
      const waiter = this.readyWaiter;
      this.readyWaiter = undefined;
      if (announced === BRIDGE_PROTOCOL_VERSION) {
        waiter.resolve(undefined as unknown as BridgeResponse);
      } else {
        const error = new BridgeVersionError(BRIDGE_SCRIPT, announced, BRIDGE_PROTOCOL_VERSION);
        this.exited = error;
        // Rejected once the process is gone, so nothing of the refused bridge outlives the start.
        void this.close().then(() => waiter.reject(error));
      }
      return;
    }
    if (!isBridgeResponse(message)) {
      this.channelBroken(line);
      return;
    }
    const id = message.id ?? -1;
    const waiter = this.pending.get(id);
    this.pending.delete(id);
    waiter?.resolve(message);
  }

  /** Something other than the bridge wrote to the channel: fail every request and end the process. */
  private channelBroken(line: string): void {
    if (this.exited) return;
    this.exited = new BridgeChannelError(line.length > 200 ? `${line.slice(0, 200)}…` : line);
    for (const waiter of this.pending.values()) waiter.reject(this.exited);
    this.pending.clear();
    this.readyWaiter?.reject(this.exited);
    void this.close();
  }

  request(request: BridgeRequest, timeoutMs: number): Promise<BridgeResponse> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<BridgeResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        void this.captureStacksAndKill().then((stacks) => reject(new BridgeTimeoutError(timeoutMs, stacks)));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (response) => {
          clearTimeout(timer);
          resolve(response);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.toPython.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }

  /** Ask faulthandler for every thread's stack, wait briefly for it, then end the process. */
  private async captureStacksAndKill(): Promise<string> {
    const before = this.stacks.length;
    if (this.child.pid !== undefined && process.platform !== 'win32' && !this.exited) {
      try {
        process.kill(this.child.pid, 'SIGUSR1');
        const deadline = Date.now() + STACK_WAIT_MS;
        // The dump arrives in pieces; it is complete once no more bytes come for a moment.
        let seen = before;
        let quietSince = Date.now();
        let askedAt = Date.now();
        while (Date.now() < deadline) {
          await delay(25);
          if (seen === before && Date.now() - askedAt >= STACK_REASK_MS && !this.exited) {
            // CI saw a timeout come back with no stack at all, rarely and not reproducibly;
            // asking again costs nothing (faulthandler answers every signal).
            process.kill(this.child.pid, 'SIGUSR1');
            askedAt = Date.now();
          }
          if (this.stacks.length !== seen) {
            seen = this.stacks.length;
            quietSince = Date.now();
          } else if (seen > before && Date.now() - quietSince >= STACK_QUIET_MS) {
            break;
          }
        }
      } catch {
        // The process died in between; there is nothing to dump.
      }
    }
    await this.close();
    return this.stacks.slice(before);
  }

  async close(): Promise<void> {
    // End the tree before closing the pipe: at end of input the bridge exits by
    // itself, and a learner's child that left the group would be orphaned before
    // terminate() could find it below the bridge.
    await terminate(this.child);
    this.toPython.end();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
