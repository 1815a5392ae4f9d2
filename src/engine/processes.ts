/**
 * The one module that starts child processes.
 *
 * Everything that spawns (the Python bridge, interpreter probes, git, pyright,
 * verify's worker processes) goes through here, so that four promises hold in one place:
 * - a timeout ends a child with SIGTERM, then SIGKILL after a grace period;
 * - Ctrl-C reaches every child, and none outlives us (each is killed on exit);
 * - nothing new starts once shutdown has begun;
 * - every child carries a description, which its error messages use.
 *
 * Suites run in Vitest's worker thread, so the Python bridge is started there,
 * while the runner that must be able to stop it lives in the thread that made the
 * SuiteRunner (the main thread, in the CLI). A child started with `reportTo`
 * therefore announces its pid over a BroadcastChannel, and that runner keeps it in
 * a {@link ReportedChildren} registry: it can end the run's processes at once
 * (a save, q or Ctrl-C during a hang), and shutdown and exit end them too.
 * Process ids are the same in every thread, and the child is ours whichever thread forked it.
 */
import { spawn, type ChildProcess, type SpawnOptions, type StdioOptions } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import { identifyProcess, isSameProcess, killProcessTree, type ProcessIdentity } from './process-tree.js';

const live = new Set<ChildProcess>();
/** Children started in their own process group: signals go to the whole group. */
const groupLeaders = new WeakSet<ChildProcess>();
let shuttingDown = false;

export const KILL_GRACE_MS = 500;

export class ShutdownError extends Error {
  constructor(description: string) {
    super(`not starting ${description}: advpy-kata is shutting down`);
    this.name = 'ShutdownError';
  }
}

export interface OwnedSpawnOptions {
  /** Shown in errors, e.g. "the Python bridge (python3.12)". */
  description: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  /**
   * Put the child in its own process group, so a terminal's Ctrl-C does not hit it
   * directly (we decide how it ends) and killing the group also ends grandchildren.
   */
  ownGroup?: boolean;
  /**
   * The channel of the {@link ReportedChildren} registry that owns this run
   * (from {@link listenForChildReports}, usually in another thread): the child's
   * pid is reported there when it starts and when it exits.
   */
  reportTo?: string;
  /** How messages on an `'ipc'` entry of `stdio` are encoded; `advanced` keeps what JSON would lose (undefined). */
  serialization?: SpawnOptions['serialization'];
}

/** Start a child that is tracked until it exits. */
export function spawnOwned(options: OwnedSpawnOptions): ChildProcess {
  if (shuttingDown) throw new ShutdownError(options.description);
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
    detached: options.ownGroup === true && process.platform !== 'win32',
    windowsHide: true,
    ...(options.serialization === undefined ? {} : { serialization: options.serialization }),
  };
  const child = spawn(options.command, options.args, spawnOptions);
  live.add(child);
  if (spawnOptions.detached === true) groupLeaders.add(child);
  ensureExitHook();
  const forget = (): void => {
    live.delete(child);
  };
  child.once('exit', forget);
  child.once('error', forget);
  if (options.reportTo !== undefined && child.pid !== undefined) {
    const channel = options.reportTo;
    const pid = child.pid;
    postReport(channel, { type: 'spawned', pid, group: spawnOptions.detached === true, description: options.description });
    child.once('exit', () => postReport(channel, { type: 'exited', pid }));
  }
  return child;
}

function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // A negative pid signals the whole group, reaching pool workers the learner started.
    if (groupLeaders.has(child)) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone: nothing to do.
  }
}

/**
 * End a child: SIGTERM, then SIGKILL if it is still there after `graceMs`.
 * A group leader on Linux (the Python bridge) is ended with its whole tree at once
 * instead, descendants that left the group included (process-tree.ts): what it
 * runs is the learner's code, which has nothing to save and may ignore SIGTERM.
 */
export function terminate(child: ChildProcess, graceMs = KILL_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  if (groupLeaders.has(child) && process.platform === 'linux') {
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      killProcessTree(pid, { group: true });
    });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signalChild(child, 'SIGKILL');
    }, graceMs);
    timer.unref();
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalChild(child, 'SIGTERM');
  });
}

/** Stop starting children and end the running ones. */
export async function shutdownChildren(graceMs = KILL_GRACE_MS): Promise<void> {
  shuttingDown = true;
  // Other threads' children first: they cannot be waited for here, only ended.
  for (const registry of registries) registry.endAll();
  await Promise.all([...live].map((child) => terminate(child, graceMs)));
}

/** Whether shutdown has begun: an owner that sees its children die then should not replace them. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

export function liveChildCount(): number {
  return live.size;
}

let exitHookInstalled = false;
function ensureExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL is the only thing that cannot wait.
  process.once('exit', () => {
    for (const child of live) signalChild(child, 'SIGKILL');
    for (const registry of registries) registry.endAll();
  });
}

type ChildReport =
  | { type: 'spawned'; pid: number; group: boolean; description: string }
  | { type: 'exited'; pid: number };

function postReport(name: string, report: ChildReport): void {
  // A channel per message, closed at once: the sender's modules are re-evaluated for
  // every suite run, and a channel kept in one would outlive it. Delivery is not
  // affected: postMessage has queued the message for every listener before close.
  const channel = new BroadcastChannel(name);
  channel.postMessage(report);
  channel.close();
}

function parseReport(data: unknown): ChildReport | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const report = data as Partial<Record<string, unknown>>;
  if (typeof report.pid !== 'number' || !Number.isInteger(report.pid) || report.pid <= 0) return undefined;
  if (report.type === 'exited') return { type: 'exited', pid: report.pid };
  if (report.type === 'spawned' && typeof report.group === 'boolean' && typeof report.description === 'string') {
    return { type: 'spawned', pid: report.pid, group: report.group, description: report.description };
  }
  return undefined;
}

interface ReportedChild {
  identity: ProcessIdentity;
  group: boolean;
  description: string;
}

const registries = new Set<ReportedChildren>();

/**
 * The children another thread started for one owner (a SuiteRunner), known by pid.
 * They cannot be awaited from here (their 'exit' events belong to the thread that
 * forked them), only ended; the 'exited' report removes them.
 */
export class ReportedChildren {
  private readonly children = new Map<number, ReportedChild>();
  private readonly listener: BroadcastChannel;
  /** Open {@link cancel} windows: while any is open, a newly reported child is ended at once. */
  private holds = 0;

  constructor(readonly channel: string) {
    this.listener = new BroadcastChannel(channel);
    this.listener.onmessage = (event) => this.receive(parseReport((event as MessageEvent).data));
    // Listening must never keep the process alive on its own.
    this.listener.unref();
    registries.add(this);
    ensureExitHook();
  }

  get size(): number {
    return this.children.size;
  }

  private receive(report: ChildReport | undefined): void {
    if (report === undefined) return;
    if (report.type === 'exited') {
      this.children.delete(report.pid);
      return;
    }
    const child: ReportedChild = { identity: identifyProcess(report.pid), group: report.group, description: report.description };
    // On Linux an unreadable /proc entry means it has already ended (and its pid may be reused).
    if (process.platform === 'linux' && child.identity.started === undefined) return;
    if (shuttingDown || this.holds > 0) end(child);
    else this.children.set(report.pid, child);
  }

  /** End every reported child now (SIGKILL, with its group and, on Linux, its descendants). */
  endAll(): void {
    for (const child of this.children.values()) end(child);
    this.children.clear();
  }

  /**
   * End the current run's children, and any it starts until `release` is called:
   * a test that starts after the bridge was killed must not get a live one.
   */
  cancel(): () => void {
    this.holds++;
    this.endAll();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
    };
  }

  /** Stop listening, ending what is still running. */
  close(): void {
    this.endAll();
    registries.delete(this);
    this.listener.close();
  }
}

function end(child: ReportedChild): void {
  // A pid whose process ended and was reaped may name another process by now.
  if (!isSameProcess(child.identity)) return;
  killProcessTree(child.identity.pid, { group: child.group });
}

/** A registry on a fresh channel; pass its `channel` to the thread that will spawn. */
export function listenForChildReports(): ReportedChildren {
  return new ReportedChildren(`advpy-kata/children/${randomUUID()}`);
}

export interface ExecuteResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface ExecuteOptions {
  description: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Larger output is cut; probes and tools never need more. */
  maxOutputBytes?: number;
}

/**
 * Run a command to completion and collect its output. A command that cannot be
 * started (ENOENT) resolves with code null and the reason in `stderr`, because
 * callers such as interpreter discovery treat "not installed" as ordinary.
 */
export function execute(command: string, args: readonly string[], options: ExecuteOptions): Promise<ExecuteResult> {
  const max = options.maxOutputBytes ?? 1024 * 1024;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawnOwned({ description: options.description, command, args, cwd: options.cwd, env: options.env });
    } catch (error) {
      resolve({ code: null, signal: null, stdout: '', stderr: String(error), timedOut: false });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (outBytes < max) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (errBytes < max) err.push(chunk);
      errBytes += chunk.length;
    });
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            void terminate(child);
          }, options.timeoutMs);
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, extra = ''): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + extra,
        timedOut,
      });
    };
    child.once('error', (error) => finish(null, null, `${options.description}: ${error.message}`));
    child.once('close', (code, signal) => finish(code, signal));
  });
}
