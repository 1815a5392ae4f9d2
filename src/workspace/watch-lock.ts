/**
 * One workspace, one watcher. Two watchers on the same workspace would overwrite
 * each other's current exercise and hint counts, so `watch` holds
 * `.advpy-kata/watch.lock`, which names its pid, host and start time. A second
 * watcher refuses, saying which pid holds it; a lock whose process is gone (a
 * crash, SIGKILL, a reboot) is taken over with a note.
 *
 * Hand-written rather than `proper-lockfile`: that package judges staleness by
 * an mtime it keeps touching on a timer, and cannot say which process holds the
 * lock, which is the one thing the learner needs to hear.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { KataError } from '../core/errors.js';
import { STATE_DIR } from './workspace.js';
import { describeWriteError } from './write-problems.js';

export const WATCH_LOCK_FILE = 'watch.lock';

/** What the lock file holds. */
export interface WatchLockOwner {
  pid: number;
  /** ISO time the watcher started. */
  startedAt: string;
  hostname: string;
}

export interface WatchLock {
  readonly file: string;
  /** Things to tell the learner: a stale lock was taken over, or no lock could be taken. */
  readonly notes: string[];
  /** Remove the lock if it is still ours. Idempotent; also runs at process exit. */
  release(): void;
}

export interface WatchLockOptions {
  pid?: number;
  now?: Date;
  hostname?: string;
  /** Whether a pid on this host is alive; injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

/**
 * Whether a process exists. `kill(pid, 0)` sends nothing; EPERM means it exists
 * but belongs to someone else. Works the same on macOS, and on Windows Node
 * emulates it with OpenProcess. A recycled pid reads as alive: the refusal then
 * says how to remove the lock by hand.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function parseWatchLockOwner(text: string): WatchLockOwner | undefined {
  try {
    const raw = JSON.parse(text) as Partial<WatchLockOwner> | null;
    if (typeof raw?.pid !== 'number' || !Number.isInteger(raw.pid) || raw.pid <= 0) return undefined;
    return { pid: raw.pid, startedAt: String(raw.startedAt ?? 'an unknown time'), hostname: String(raw.hostname ?? '') };
  } catch {
    return undefined;
  }
}

/** Take the workspace's watch lock, or throw WATCH_LOCKED naming the live watcher. */
export function takeWatchLock(workspaceRoot: string, options: WatchLockOptions = {}): WatchLock {
  const dir = join(workspaceRoot, STATE_DIR);
  const file = join(dir, WATCH_LOCK_FILE);
  const me: WatchLockOwner = {
    pid: options.pid ?? process.pid,
    startedAt: (options.now ?? new Date()).toISOString(),
    hostname: options.hostname ?? osHostname(),
  };
  const isAlive = options.isAlive ?? isProcessAlive;
  const notes: string[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    if (!acquire(file, me, isAlive, notes)) {
      throw watchLockedError(file, undefined, me.hostname);
    }
  } catch (error) {
    if (error instanceof KataError) throw error;
    // A full or read-only disk must not stop watch mode: watch without the lock, and say so.
    const { what, todo } = describeWriteError(error, file);
    notes.push(`Could not take the watch lock ${file}: ${what}. A second watcher on this workspace would not be noticed. ${todo}.`);
    return { file, notes, release: () => {} };
  }

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      // Only remove the lock if it still names us: never another watcher's.
      const owner = parseWatchLockOwner(readIfPresent(file) ?? '');
      if (owner?.pid === me.pid && owner.startedAt === me.startedAt && owner.hostname === me.hostname) unlinkIfPresent(file);
    } catch {
      // Exiting anyway; a lock left behind names a dead pid and is taken over next time.
    }
  };
  // process.exit (Ctrl-C and SIGTERM in cli/main.ts) skips finally blocks; 'exit' listeners still run.
  // SIGKILL and power loss run nothing: the next watcher finds the pid dead and takes over.
  process.on('exit', release);
  return { file, notes, release };
}

/**
 * Create the lock, taking over a stale one. False only if it kept changing hands
 * (other watchers starting at the same moment).
 */
function acquire(file: string, me: WatchLockOwner, isAlive: (pid: number) => boolean, notes: string[]): boolean {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(file, `${JSON.stringify(me)}\n`)) return true;
    const text = readIfPresent(file);
    if (text === undefined) continue; // its owner released it just now
    const owner = parseWatchLockOwner(text);
    // A pid on another host (a shared network drive) cannot be checked: assume it is alive.
    if (owner !== undefined && (owner.hostname !== me.hostname || isAlive(owner.pid))) throw watchLockedError(file, owner, me.hostname);
    // Stale: its process is gone, or the file is unreadable. Two watchers starting at the
    // same moment over one stale lock can both get here; the exclusive create picks one.
    unlinkIfPresent(file);
    notes.push(
      owner === undefined
        ? `An unreadable watch lock (${file}) was replaced.`
        : `Took over the watch lock from pid ${owner.pid} (started ${owner.startedAt}), which is no longer running.`,
    );
  }
  return false;
}

/** Create `file` only if it does not exist; false when it does. A failed write leaves no empty lock. */
function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } catch (error) {
    closeSync(fd);
    unlinkIfPresent(file);
    throw error;
  }
  closeSync(fd);
  return true;
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function unlinkIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function watchLockedError(file: string, owner: WatchLockOwner | undefined, here: string): KataError {
  const hint = `Use that watcher, or quit it with q there. If it is no longer running, delete ${file} and start again.`;
  if (owner === undefined) return new KataError('WATCH_LOCKED', 'another advpy-kata watch is starting on this workspace right now', hint);
  const where = owner.hostname !== '' && owner.hostname !== here ? ` on ${owner.hostname}` : '';
  return new KataError(
    'WATCH_LOCKED',
    `another advpy-kata watch (pid ${owner.pid}${where}, started ${owner.startedAt}) is already watching this workspace`,
    hint,
  );
}
