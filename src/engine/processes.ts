/**
 * The one module that starts child processes.
 *
 * Everything that spawns (the Python bridge, interpreter probes, git, pyright)
 * goes through here, so that four promises hold in one place:
 * - a timeout ends a child with SIGTERM, then SIGKILL after a grace period;
 * - Ctrl-C reaches every child, and none outlives us (each is killed on exit);
 * - nothing new starts once shutdown has begun;
 * - every child carries a description, which its error messages use.
 */
import { spawn, type ChildProcess, type SpawnOptions, type StdioOptions } from 'node:child_process';

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

/** End a child: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export function terminate(child: ChildProcess, graceMs = KILL_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
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
  await Promise.all([...live].map((child) => terminate(child, graceMs)));
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
  });
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
